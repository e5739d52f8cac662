package dev.aso.codegen.model;

import dev.aso.codegen.bicep.BicepType;
import dev.aso.codegen.bicep.BicepType.*;
import dev.aso.codegen.bicep.TypeGraph;
import dev.aso.codegen.config.GeneratorConfig.KindConfig;
import dev.aso.codegen.model.ArmBinding.Role;
import dev.aso.codegen.model.TypeModel.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies ASO's rules to one resource body of the type definitions, giving the spec or the status of one
 * version: read-only properties only in status, ARM {@code properties} flattened (unless configured otherwise),
 * {@code name} as {@code azureName}, ARM ids as ResourceReferences, secrets as SecretReferences, optional
 * ConfigMap inputs, user-assigned identities as a list of references.
 */
public final class ShapeBuilder {

    private static final Set<String> ENVELOPE = Set.of("id", "type", "apiVersion", "systemData", "etag");

    private final TypeGraph graph;
    private final KindConfig kind;
    private final boolean spec;
    private final ClassNames classes;
    private final Set<String> usedConfigPaths;
    private final SurfaceGuide surface;
    private final String root;
    /** The definitions' objects being converted, by identity, to notice recursive types */
    private final Deque<Object> objectsInProgress = new ArrayDeque<>();

    /**
     * @param usedConfigPaths collects every configured ARM path that matched a property, so that the caller can
     *                        refuse configuration naming properties that do not exist
     */
    public ShapeBuilder(TypeGraph graph, KindConfig kind, boolean spec, ClassNames classes, Set<String> usedConfigPaths) {
        this(graph, kind, spec, classes, usedConfigPaths, SurfaceGuide.NONE);
    }

    /**
     * @param surface what ASO's surface says of this version's spec or status: when present, it decides which
     *                fields exist and under which names, and which are references, secrets and ConfigMap inputs
     */
    ShapeBuilder(TypeGraph graph, KindConfig kind, boolean spec, ClassNames classes, Set<String> usedConfigPaths,
                 SurfaceGuide surface) {
        this(graph, kind, spec, classes, usedConfigPaths, surface, spec ? ".spec" : ".status");
    }

    /** @param root the surface path of the object built as a resource body ({@code .spec}, or an option under it) */
    private ShapeBuilder(TypeGraph graph, KindConfig kind, boolean spec, ClassNames classes, Set<String> usedConfigPaths,
                         SurfaceGuide surface, String root) {
        this.graph = graph;
        this.kind = kind;
        this.spec = spec;
        this.classes = classes;
        this.usedConfigPaths = usedConfigPaths;
        this.surface = surface;
        this.root = root;
    }

    /**
     * The spec or status root of a resource whose body is a discriminated union (a Kusto database: read-write or
     * follower), as ASO shapes it: the name at the root, and one field per option ASO's surface has, each holding the
     * option's body as a resource's (flattened properties, its discriminator where ASO shows it); the option set is
     * the ARM body with its discriminator.
     */
    public List<Field> rootUnionFields(DiscriminatedObjectType union) {
        List<Field> fields = new ArrayList<>();
        Property name = union.baseProperties().get("name");
        if (name != null) {
            nameField(name).ifPresent(fields::add);
        }
        for (Map.Entry<String, Integer> e : union.elements().entrySet()) {
            if (!(graph.get(e.getValue()) instanceof ObjectType element)) {
                continue;
            }
            String option = optionName(root, element.name(), e.getKey());
            if (option == null) {
                continue;
            }
            Map<String, Property> merged = new java.util.LinkedHashMap<>(union.baseProperties());
            merged.remove("name");
            merged.putAll(element.properties());
            ShapeBuilder at = new ShapeBuilder(graph, kind, spec, classes, usedConfigPaths, surface, root + "." + option);
            List<Field> optionFields = new ArrayList<>(at.rootFields(new ObjectType(element.name(), merged,
                    element.additionalProperties())));
            if (surface.present() && surface.has(root + "." + option + "." + jsonName(union.discriminator()))) {
                optionFields.add(new Field(jsonName(union.discriminator()), new Primitive(TypeModel.PrimitiveKind.STRING,
                        null, null, null, null, null, spec ? List.of(e.getKey()) : null), false,
                        "The option's discriminator: " + e.getKey() + ".", ArmBinding.value(union.discriminator(), false)));
            }
            optionFields.sort(Comparator.comparing(Field::json));
            ObjectModel model = classes.register(new ObjectModel(ClassNames.javaName(element.name()) + (spec ? "" : "_STATUS"),
                    null, optionFields));
            fields.add(new Field(option, model, false, "Set for " + union.discriminator() + " " + e.getKey() + ".",
                    new ArmBinding(union.discriminator(), false, Role.ONE_OF, e.getKey())));
        }
        return fields;
    }

    /** The fields of the spec or status root taken from the ARM body (without owner/operatorSpec/conditions). */
    public List<Field> rootFields(ObjectType body) {
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, Property> e : body.properties().entrySet()) {
            String name = e.getKey();
            Property prop = e.getValue();
            if (envelope(name) || flattenedOneTakesTheName(body, name)) {
                continue;
            }
            if (name.equals("name")) {
                nameField(prop).ifPresent(fields::add);
                azureNameFromConfig().ifPresent(fields::add);
            } else if (name.equals("properties") && graph.get(prop.type()) instanceof ObjectType props && flattensProperties(props)) {
                if (spec && prop.readOnly() && !surface.present()) {
                    continue;
                }
                flatten(fields, body, props.properties());
            } else if (name.equals("properties") && !spec && surface.present() && !surface.has(root + ".properties")
                    && graph.get(prop.type()) instanceof DiscriminatedObjectType union) {
                // ARM answers a GET with the union's shared fields only (a MariaDB server's: the options are how it
                // is created); ASO's status has them flattened
                flatten(fields, body, union.baseProperties());
            } else {
                addProperty(fields, name, prop, name, root, jsonName(name), null);
            }
        }
        if (surface.present() && surface.has(root + ".additionalProperties")
                && !body.properties().containsKey("additionalProperties")) {
            fields.add(additionalProperties(body, "", root));
        }
        return fields;
    }

    /** Adds the fields of ARM's {@code properties} ({@code props}) lifted into the resource body's root. */
    private void flatten(List<Field> fields, ObjectType body, Map<String, Property> props) {
        for (Map.Entry<String, Property> p : props.entrySet()) {
            int before = fields.size();
            String jsonName = jsonName(p.getKey());
            boolean collides = collides(body, p.getKey(), root);
            if (collides) {
                // flattening would collide with a top-level property (an agent pool's properties.type):
                // ASO calls the flattened one properties_type
                jsonName = "properties_" + jsonName;
            }
            addProperty(fields, p.getKey(), p.getValue(), "properties." + p.getKey(), root, jsonName, ArmBinding.PROPERTIES);
            if (collides && fields.size() > before && !surface.present()) {
                Field collided = fields.remove(before);
                fields.add(before, new Field("properties" + Character.toUpperCase(p.getKey().charAt(0))
                        + p.getKey().substring(1), collided.type(), false, collided.description(), collided.arm()));
            }
        }
    }

    /**
     * Whether a property lifted out of {@code properties} meets one of {@code parent}'s own, whatever the case
     * ({@code Name} in an Application Insights component's properties): ASO's surface says where it renamed one; without
     * it, status fields are renamed.
     */
    private boolean collides(ObjectType parent, String armName, String jsonParent) {
        boolean clash = parent.properties().keySet().stream().anyMatch(k -> k.equalsIgnoreCase(armName));
        if (!clash) {
            return false;
        }
        return surface.present() ? surface.has(jsonParent + ".properties_" + jsonName(armName)) : !spec;
    }

    /**
     * The object's further properties as a map; where ASO's surface has one that the definitions lost (a data factory's
     * root), its values are as the surface says.
     */
    private Field additionalProperties(ObjectType o, String path, String jsonPath) {
        String values = jsonPath + ".additionalProperties{}";
        TypeModel value = o.additionalProperties() == null ? anyAsSurfaceHasIt(values)
                : convert(graph.get(o.additionalProperties()), path + "{}", values);
        return new Field("additionalProperties", new MapModel(value), false,
                "Further properties, sent to Azure as they are.", new ArmBinding("", false, Role.ADDITIONAL_PROPERTIES));
    }

    /**
     * ARM's envelope stays out, except what ASO's surface shows: systemData and etag in status, a writable type in
     * spec, and the id and type in the status of a union's option (at the root they are added apart).
     */
    private boolean envelope(String name) {
        boolean unionOption = !root.equals(".spec") && !root.equals(".status");
        boolean shown = name.equals("id") ? unionOption : !name.equals("type") || spec || unionOption;
        return ENVELOPE.contains(name) && !(surface.present() && shown && surface.has(root + "." + jsonName(name)));
    }

    /**
     * The containers of {@code body} the spec's fields are flattened out of that the definitions require: its
     * {@code properties} when flattened, required and writable. ARM refuses a body without it even when none of its
     * fields is required (a scheduled query rule's), so the payload carries it, empty if need be.
     */
    public List<String> requiredContainers(ObjectType body) {
        Property props = body.properties().get(ArmBinding.PROPERTIES);
        return props != null && props.required() && !props.readOnly()
                && graph.get(props.type()) instanceof ObjectType type && flattensProperties(type)
                ? List.of(ArmBinding.PROPERTIES) : List.of();
    }

    /**
     * ASO keeps ARM's properties object (keyvault Vault) when its surface has {@code spec.properties} holding the
     * object's own fields; a {@code spec.properties} holding only those of a {@code properties} nested in it (an API
     * Management backend's) is that nested object, lifted with the rest.
     */
    private boolean flattensProperties(ObjectType props) {
        if (surface.present()) {
            return props.properties().keySet().stream().filter(p -> !p.equals("properties"))
                    .noneMatch(p -> surface.has(root + ".properties." + jsonName(p)));
        }
        return kind.flatten();
    }

    /** True when the resource's name is chosen by the user (not a fixed name such as {@code default}). */
    public boolean hasUserChosenName(ObjectType body) {
        Property name = body.properties().get("name");
        return name != null && graph.get(name.type()) instanceof StringType;
    }

    /**
     * ASO's {@code spec.azureNameFromConfig} where its surface has it (a PostgreSQL administrator's object id): the
     * Azure name read from a ConfigMap key when the resource is reconciled; not part of the body, the name is the URL's.
     */
    private java.util.Optional<Field> azureNameFromConfig() {
        String path = root + ".azureNameFromConfig";
        if (!spec || !surface.present() || !surface.isKeyReference(path)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Field("azureNameFromConfig", new Common(CommonType.CONFIG_MAP_REFERENCE), false,
                "Reads the name of the resource in Azure from a ConfigMap key instead, once, before the resource is"
                        + " created; set only one of azureName and azureNameFromConfig.", null));
    }

    private java.util.Optional<Field> nameField(Property prop) {
        if (surface.present() && !surface.has(root + (spec ? ".azureName" : ".name"))) {
            return java.util.Optional.empty();
        }
        if (spec) {
            if (!(graph.get(prop.type()) instanceof StringType s)) {
                return java.util.Optional.empty();
            }
            Primitive type = new Primitive(TypeModel.PrimitiveKind.STRING, s.pattern(), s.minLength(),
                    s.maxLength(), null, null, null);
            return java.util.Optional.of(new Field("azureName", type, false,
                    "The name of the resource in Azure. Defaults to metadata.name when not specified.",
                    new ArmBinding("name", false, Role.AZURE_NAME)));
        }
        return java.util.Optional.of(new Field("name", Primitive.plain(TypeModel.PrimitiveKind.STRING), false,
                "The name of the resource", ArmBinding.value("name", false)));
    }

    private void addProperty(List<Field> fields, String armName, Property prop, String path, String jsonParent,
                             String defaultJsonName, String container) {
        BicepType type = graph.get(prop.type());
        String jsonName = defaultJsonName;
        String configuredName = kind.renamesOrEmpty().get(path);
        if (configuredName != null && surface.present()) {
            // a name ASO's surface has but no rule derives (a CDN rule's conditions: ruleconditions)
            usedConfigPaths.add(path);
            jsonName = configuredName;
        } else if (surface.present()) {
            jsonName = surfaceName(jsonParent, jsonName, armName, type);
            if (jsonName == null) {
                return; // ASO has no such field here
            }
        } else {
            if (spec ? prop.readOnly() : prop.writeOnly()) {
                return;
            }
            if (spec && onlyReadOnly(type)) {
                return; // e.g. a resource group's properties: nothing in it can be set
            }
        }
        String jsonPath = jsonParent + "." + jsonName;
        TypeModel model;
        Role role = Role.VALUE;
        if (spec && (kind.referencesOrEmpty().contains(path) || surface.present() && surface.isReference(jsonPath))) {
            usedConfigPaths.add(path);
            if (!surface.present()) {
                jsonName = referenceName(armName, type instanceof ArrayType);
            }
            // ASO's WellKnownResourceReference where its surface has wellKnownName beside armId
            Common reference = new Common(surface.present() && surface.isWellKnownReference(jsonPath)
                    ? CommonType.WELL_KNOWN_RESOURCE_REFERENCE : CommonType.RESOURCE_REFERENCE);
            model = type instanceof ArrayType ? new ArrayModel(reference, null, null) : reference;
            role = Role.REFERENCE;
        } else if (spec && surface.present() && holdsAMap(type) && surface.isSecretMapReference(jsonPath)) {
            // ASO's SecretMapReference: the map of secret values (a VM extension's protectedSettings) is a Secret
            model = new Common(CommonType.SECRET_MAP_REFERENCE);
            role = Role.SECRET_MAP;
        } else if (isSecret(type, path, jsonPath)) {
            if (!spec) {
                return;
            }
            model = new Common(CommonType.SECRET_REFERENCE);
            role = Role.SECRET;
        } else if (spec && armName.equals("userAssignedIdentities") && type instanceof ObjectType map
                && map.properties().isEmpty() && map.additionalProperties() != null) {
            model = new ArrayModel(userAssignedIdentityDetails(), null, null);
            role = Role.USER_ASSIGNED_IDENTITIES;
        } else {
            model = withExtraEnumValues(withSurfaceShape(convert(type, path, jsonPath), jsonPath), path);
        }
        String renamed = kind.renamesOrEmpty().get(path);
        if (renamed != null) {
            usedConfigPaths.add(path);
            jsonName = renamed;
        }
        boolean fromConfig = spec && (kind.fromConfigOrEmpty().contains(path)
                || surface.present() && surface.isKeyReference(jsonParent + "." + jsonName + "FromConfig"));
        boolean fromSecret = spec && surface.present() && surface.isKeyReference(jsonParent + "." + jsonName + "FromSecret");
        boolean armRequired = spec && prop.required() && !prop.readOnly();
        fields.add(new Field(jsonName, model, armRequired && !fromConfig && !fromSecret, prop.description(),
                new ArmBinding(armName, container, role), armRequired));
        if (fromConfig) {
            usedConfigPaths.add(path);
            fields.add(new Field(jsonName + "FromConfig", new Common(CommonType.CONFIG_MAP_REFERENCE), false,
                    "Reads " + jsonName + " from a ConfigMap key instead; set only one of the two.",
                    new ArmBinding(armName, container, Role.CONFIG_FROM)));
        }
        String plain = jsonName(armName);
        if (role == Role.REFERENCE && surface.present() && !plain.equals(jsonName) && surface.has(jsonParent + "." + plain)) {
            // ASO keeps the plain id beside the reference in some versions (a metric alert's actionGroupId); the
            // reference wins when both are set
            fields.add(new Field(plain, withSurfaceShape(convert(type, path, jsonParent + "." + plain), jsonParent + "." + plain),
                    false, prop.description(), new ArmBinding(armName, container, Role.VALUE)));
        }
        if (fromSecret) {
            // a value that may be a secret (a webhook's URI with its token): ASO's xFromSecret beside it
            fields.add(new Field(jsonName + "FromSecret", new Common(CommonType.SECRET_REFERENCE), false,
                    "Reads " + jsonName + " from a Secret key instead; set only one of the two.",
                    new ArmBinding(armName, container, Role.SECRET_FROM)));
        }
    }

    /**
     * The JSON name ASO's surface has for an ARM property under {@code parent}: the plain name, the reference name
     * ({@code subnetId} → {@code subnetReference}), or the same name with other capitalisation; null when ASO has
     * none of them.
     */
    private String surfaceName(String parent, String jsonName, String armName, BicepType type) {
        if (spec && holdsIds(type)) {
            String reference = parent + "." + referenceName(armName, type instanceof ArrayType);
            if (surface.isReference(reference)) {
                return referenceName(armName, type instanceof ArrayType);
            }
        }
        if (surface.has(parent + "." + jsonName)) {
            return jsonName;
        }
        return surface.sameNameIgnoringCase(parent, jsonName).orElse(null);
    }

    /**
     * Where Azure's definitions allow any JSON, ASO's type may be narrower: a map (of any JSON, or of strings), an
     * object with no known fields, or a plain string, number or boolean.
     */
    private TypeModel anyAsSurfaceHasIt(String jsonPath) {
        String shape = surface.shape(jsonPath).orElse("any");
        return switch (shape) {
            case "map" -> new MapModel(anyAsSurfaceHasIt(jsonPath + "{}"));
            case "object" -> classes.register(new ObjectModel(ClassNames.javaName(
                    jsonPath.substring(jsonPath.lastIndexOf('.') + 1).replaceAll("[\\[\\]{}]", "")) + "Object", null, List.of()));
            case "string" -> Primitive.plain(TypeModel.PrimitiveKind.STRING);
            case "boolean" -> Primitive.plain(TypeModel.PrimitiveKind.BOOLEAN);
            case "number" -> Primitive.plain(TypeModel.PrimitiveKind.NUMBER);
            case "integer" -> Primitive.plain(TypeModel.PrimitiveKind.INTEGER);
            default -> new Any();
        };
    }

    /** Whether the definitions allow a map there: any JSON, or an object of further properties only. */
    private static boolean holdsAMap(BicepType type) {
        return type instanceof AnyType || type instanceof ObjectType o && o.properties().isEmpty();
    }

    /** Whether a property can hold ARM ids, so be a reference: a string or a list of strings. */
    private boolean holdsIds(BicepType type) {
        BicepType value = type instanceof ArrayType a ? graph.get(a.itemType()) : type;
        return value instanceof StringType || value instanceof UnionType;
    }

    /** ASO's numbers where Azure's definitions say integer (a spot price): the surface's primitive kind wins. */
    private TypeModel withSurfaceShape(TypeModel model, String jsonPath) {
        if (surface.present() && model instanceof Any) {
            return anyAsSurfaceHasIt(jsonPath);
        }
        if (!surface.present() || !(model instanceof Primitive p)) {
            return model;
        }
        String shape = surface.shape(jsonPath).orElse(null);
        TypeModel.PrimitiveKind wanted = shape == null ? null : switch (shape) {
            case "number" -> TypeModel.PrimitiveKind.NUMBER;
            case "integer" -> TypeModel.PrimitiveKind.INTEGER;
            case "string" -> TypeModel.PrimitiveKind.STRING;
            case "boolean" -> TypeModel.PrimitiveKind.BOOLEAN;
            default -> null;
        };
        if (wanted == null || wanted == p.kind()) {
            return model;
        }
        return Primitive.plain(wanted);
    }

    private static boolean onlyReadOnly(BicepType type) {
        return type instanceof ObjectType o && !o.properties().isEmpty() && o.additionalProperties() == null
                && o.properties().values().stream().allMatch(Property::readOnly);
    }

    private TypeModel withExtraEnumValues(TypeModel model, String path) {
        List<String> extra = kind.extraEnumValuesOrEmpty().get(path);
        if (extra == null) {
            return model;
        }
        usedConfigPaths.add(path);
        if (!(model instanceof Primitive p) || p.enumValues() == null) {
            return model;
        }
        List<String> values = new ArrayList<>(p.enumValues());
        extra.stream().filter(v -> !values.contains(v)).forEach(values::add);
        return new Primitive(p.kind(), p.pattern(), p.minLength(), p.maxLength(), p.minimum(), p.maximum(),
                values.stream().sorted().toList());
    }

    private boolean isSecret(BicepType type, String path, String jsonPath) {
        if (kind.secretsOrEmpty().contains(path)) {
            usedConfigPaths.add(path);
            return true;
        }
        if (surface.present()) {
            // status never has secrets; in spec, ASO's {name, key} in place of a string is a SecretReference
            return spec ? surface.isKeyReference(jsonPath) && !(type instanceof ObjectType) : type instanceof StringType s && s.sensitive();
        }
        return type instanceof StringType s && s.sensitive();
    }

    private TypeModel convert(BicepType type, String path, String jsonPath) {
        if (type instanceof StringType s) {
            return spec
                    ? new Primitive(TypeModel.PrimitiveKind.STRING, s.pattern(), s.minLength(), s.maxLength(),
                    null, null, null)
                    : Primitive.plain(TypeModel.PrimitiveKind.STRING);
        } else if (type instanceof IntegerType i) {
            return spec
                    ? new Primitive(TypeModel.PrimitiveKind.INTEGER, null, null, null, i.minValue(), i.maxValue(), null)
                    : Primitive.plain(TypeModel.PrimitiveKind.INTEGER);
        } else if (type instanceof BooleanType b) {
            return Primitive.plain(TypeModel.PrimitiveKind.BOOLEAN);
        } else if (type instanceof AnyType a) {
            return new Any();
        } else if (type instanceof StringLiteralType l) {
            return enumOf(List.of(l.value()));
        } else if (type instanceof UnionType u) {
            return union(u, path, jsonPath);
        } else if (type instanceof ArrayType a) {
            TypeModel item = withSurfaceShape(convert(graph.get(a.itemType()), path + "[]", jsonPath + "[]"), jsonPath + "[]");
            return spec ? new ArrayModel(item, a.minLength(), a.maxLength()) : new ArrayModel(item, null, null);
        } else if (type instanceof ObjectType o) {
            return object(o, path, jsonPath);
        } else if (type instanceof DiscriminatedObjectType d) {
            return surface.present() ? oneOf(d, path, jsonPath) : new Any(); // without ASO's names: plain JSON
        }
        throw new IllegalStateException(path + ": a " + type.getClass().getSimpleName() + " cannot be a property");
    }

    private TypeModel union(UnionType union, String path, String jsonPath) {
        List<String> literals = new ArrayList<>();
        boolean onlyStrings = true;
        for (int element : union.elements()) {
            BicepType t = graph.get(element);
            if (t instanceof StringLiteralType l) {
                if (!literals.contains(l.value())) {
                    literals.add(l.value());
                }
            } else if (!(t instanceof StringType)) {
                onlyStrings = false;
            }
        }
        if (!onlyStrings) {
            return union.elements().size() == 1 ? convert(graph.get(union.elements().get(0)), path, jsonPath) : new Any();
        }
        return literals.isEmpty() ? Primitive.plain(TypeModel.PrimitiveKind.STRING) : enumOf(literals);
    }

    private Primitive enumOf(List<String> values) {
        List<String> sorted = values.stream().sorted().toList();
        return new Primitive(TypeModel.PrimitiveKind.STRING, null, null, null, null, null, spec ? sorted : null);
    }

    private TypeModel object(ObjectType o, String path, String jsonPath) {
        return object(o, o, path, jsonPath);
    }

    /** @param identity the definitions' object {@code o} stands for (a union option merged with the shared fields) */
    private TypeModel object(ObjectType o, Object identity, String path, String jsonPath) {
        if (o.properties().isEmpty()) {
            return o.additionalProperties() == null ? new Any()
                    : new MapModel(withSurfaceShape(convert(graph.get(o.additionalProperties()), path + "{}", jsonPath + "{}"), jsonPath + "{}"));
        }
        // a recursive type (error details nest themselves): plain JSON where it repeats; with a surface, ASO's
        // one level of unrolling (the surface then leaves out the nested field that would repeat again)
        long depth = objectsInProgress.stream().filter(i -> i == identity).count();
        if (depth >= (surface.present() ? 2 : 1)) {
            return new Any();
        }
        objectsInProgress.push(identity);
        try {
            List<Field> fields = new ArrayList<>();
            for (Map.Entry<String, Property> p : o.properties().entrySet()) {
                String childPath = path + "." + p.getKey();
                if (graph.get(p.getValue().type()) instanceof ObjectType nested
                        && flattensNested(childPath, jsonPath, p.getKey(), nested)) {
                    usedConfigPaths.add(childPath);
                    for (Map.Entry<String, Property> q : nested.properties().entrySet()) {
                        String name = collides(o, q.getKey(), jsonPath) ? "properties_" + jsonName(q.getKey())
                                : jsonName(q.getKey());
                        addProperty(fields, q.getKey(), q.getValue(), childPath + "." + q.getKey(), jsonPath, name, p.getKey());
                    }
                } else {
                    addProperty(fields, p.getKey(), p.getValue(), childPath, jsonPath, jsonName(p.getKey()), null);
                }
            }
            // a property of that name (a subscription alias's) is not the map of further properties
            if (!o.properties().containsKey("additionalProperties") && (surface.present()
                    ? surface.has(jsonPath + ".additionalProperties") : o.additionalProperties() != null)) {
                fields.add(additionalProperties(o, path, jsonPath));
            }
            if (fields.isEmpty()) {
                return new Any();
            }
            fields.sort(Comparator.comparing(Field::json));
            String name = ClassNames.javaName(o.name()) + (spec ? "" : "_STATUS");
            return classes.register(new ObjectModel(name, null, fields));
        } finally {
            objectsInProgress.pop();
        }
    }

    /**
     * ASO's shape of a discriminated union: an object with one optional field per option ({@code natRule},
     * {@code applicationRule}), each holding the option's own fields and the shared ones; the ARM object is the
     * one option set. Options are named as ASO's surface names them (after the option's type or its discriminator
     * value); one the surface does not have is left out.
     */
    private TypeModel oneOf(DiscriminatedObjectType union, String path, String jsonPath) {
        List<Field> options = new ArrayList<>();
        for (Map.Entry<String, Integer> e : union.elements().entrySet()) {
            if (!(graph.get(e.getValue()) instanceof ObjectType element)) {
                continue;
            }
            String option = optionName(jsonPath, element.name(), e.getKey());
            if (option == null) {
                continue;
            }
            Map<String, Property> merged = new java.util.LinkedHashMap<>(union.baseProperties());
            merged.putAll(element.properties());
            TypeModel model = object(new ObjectType(element.name(), merged, element.additionalProperties()), element,
                    path + "<" + e.getKey() + ">", jsonPath + "." + option);
            options.add(new Field(option, model, false, "Set for " + union.discriminator() + " " + e.getKey() + ".",
                    new ArmBinding(union.discriminator(), false, Role.ONE_OF, e.getKey())));
        }
        if (options.isEmpty()) {
            return new Any();
        }
        options.sort(Comparator.comparing(Field::json));
        return classes.register(new ObjectModel(ClassNames.javaName(union.name()) + (spec ? "" : "_STATUS"), null, options));
    }

    /** The surface's name for a union option: after its type ({@code AKS} → {@code aks}) or its discriminator value. */
    private String optionName(String jsonPath, String typeName, String value) {
        // a discriminator value may be dotted (Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria)
        for (String candidate : new String[] {typeName, value, Identifiers.camel(value, false)}) {
            if (candidate == null || candidate.isEmpty()) {
                continue;
            }
            String plain = jsonName(candidate);
            if (surface.has(jsonPath + "." + plain)) {
                return plain;
            }
            java.util.Optional<String> other = surface.sameNameIgnoringCase(jsonPath, plain);
            if (other.isPresent()) {
                return other.get();
            }
        }
        return null;
    }

    /**
     * A nested object whose fields ASO lifts into the parent: configured, or, with a surface, a {@code properties}
     * object ASO has no field for (private endpoint connections, capture destinations), or any other object ASO has no
     * field for while it has one of the object's own fields in the parent (an IPAM pool allocation's {@code pool.id},
     * ASO's {@code reference}: the definitions' source marks it for client flattening).
     */
    private boolean flattensNested(String armPath, String jsonParent, String armName, ObjectType nested) {
        if (kind.flattenNestedOrEmpty().contains(armPath)) {
            return true;
        }
        if (!surface.present() || surface.has(jsonParent + "." + jsonName(armName))
                || surface.sameNameIgnoringCase(jsonParent, jsonName(armName)).isPresent()) {
            return false;
        }
        return armName.equals("properties") || nested.properties().keySet().stream().anyMatch(child ->
                surface.has(jsonParent + "." + jsonName(child))
                        || spec && surface.isReference(jsonParent + "." + referenceName(child, false)));
    }

    private ObjectModel userAssignedIdentityDetails() {
        return classes.register(new ObjectModel("UserAssignedIdentityDetails", null, List.of(
                new Field("reference", new Common(CommonType.RESOURCE_REFERENCE), false,
                        "The user-assigned identity: an ARM id or a UserAssignedIdentity resource.", null))));
    }

    /**
     * Whether an envelope property ({@code type}, {@code apiVersion}) shares its JSON name with one lifted out of
     * {@code properties} and not renamed (an API Management backend's {@code properties.type}, an API's
     * {@code properties.apiVersion}): the surface's field is then the flattened one, and the envelope stays out.
     */
    private boolean flattenedOneTakesTheName(ObjectType body, String name) {
        Property properties = body.properties().get("properties");
        return ENVELOPE.contains(name) && properties != null && graph.get(properties.type()) instanceof ObjectType props
                && props.properties().containsKey(name) && flattensProperties(props) && !collides(body, name, root);
    }

    /** ASO's JSON names are the ARM names with a lower-case first letter. */
    static String jsonName(String armName) {
        return armName.isEmpty() ? armName : Character.toLowerCase(armName.charAt(0)) + armName.substring(1);
    }

    /** {@code subnetId} → {@code subnetReference}, {@code id} → {@code reference}, lists → {@code ...References}. */
    static String referenceName(String armName, boolean many) {
        String base = armName.replaceAll("(?i)ids?$", "");
        String suffix = many ? "References" : "Reference";
        return base.isEmpty() ? jsonName(suffix) : jsonName(base) + suffix;
    }

    /**
     * Kubernetes validates CRD patterns with Go's RE2, which has no look-around or back-references; such
     * patterns stay out of the CRD (the webhook's JSON Schema still checks them).
     */
    public static String kubePattern(String pattern) {
        if (pattern == null) {
            return null;
        }
        return isRe2Compatible(pattern) ? pattern : null;
    }

    public static boolean isRe2Compatible(String pattern) {
        return !(pattern.contains("(?=") || pattern.contains("(?!") || pattern.contains("(?<=")
                || pattern.contains("(?<!") || pattern.matches(".*\\\\[1-9].*") || pattern.contains("*+")
                || pattern.contains("++") || pattern.contains("?+") || pattern.contains("(?>"));
    }

    /** Configured paths that matched nothing, so that typos in the configuration fail the build. */
    public static Set<String> unmatched(KindConfig kind, Set<String> used) {
        Set<String> all = new HashSet<>();
        all.addAll(kind.referencesOrEmpty());
        all.addAll(kind.secretsOrEmpty());
        all.addAll(kind.fromConfigOrEmpty());
        all.addAll(kind.renamesOrEmpty().keySet());
        all.addAll(kind.extraEnumValuesOrEmpty().keySet());
        all.addAll(kind.flattenNestedOrEmpty());
        all.removeAll(used);
        return all;
    }
}
