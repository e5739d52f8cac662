package dev.aso.codegen.model;

import dev.aso.codegen.bicep.BicepType;
import dev.aso.codegen.bicep.BicepType.ObjectType;
import dev.aso.codegen.bicep.BicepType.ResourceType;
import dev.aso.codegen.bicep.BicepType.StringLiteralType;
import dev.aso.codegen.bicep.TypeGraph;
import dev.aso.codegen.config.GeneratorConfig;
import dev.aso.codegen.config.GeneratorConfig.ExportSource;
import dev.aso.codegen.config.GeneratorConfig.GroupConfig;
import dev.aso.codegen.config.GeneratorConfig.KindConfig;
import dev.aso.codegen.config.GeneratorConfig.VersionConfig;
import dev.aso.codegen.model.TypeModel.*;
import dev.aso.codegen.surface.AsoSurface;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns the configuration and the type definitions into one {@link KindModel} per configured kind. */
public final class KindBuilder {

    static final String RESOURCE_GROUP_TYPE = "Microsoft.Resources/resourceGroups";

    private final Path typesRoot;
    /** ASO's surface, or null: then the plain rules and the configuration alone shape the kinds */
    private final AsoSurface surface;
    private final Map<Path, TypeGraph> graphs = new HashMap<>();
    /** Kinds of one group share a Java package per version, so they share its class names. */
    private final Map<String, ClassNames> classNames = new HashMap<>();
    private final Map<String, List<String>> kindNamesByGroup = new HashMap<>();

    public KindBuilder(Path typesRoot) {
        this(typesRoot, null);
    }

    public KindBuilder(Path typesRoot, AsoSurface surface) {
        this.typesRoot = typesRoot;
        this.surface = surface;
    }

    public List<KindModel> build(GeneratorConfig config) throws IOException {
        Map<String, String> kindByArmType = kindsByArmType(config);
        List<KindModel> kinds = new ArrayList<>();
        for (GroupConfig g : config.groups()) {
            for (KindConfig k : g.kinds()) {
                kinds.add(kind(g, k, kindByArmType));
            }
        }
        return kinds;
    }

    /** Builds what it can; each kind that cannot be built is reported with the reason instead of failing the run. */
    public Result buildEach(GeneratorConfig config) {
        Map<String, String> kindByArmType = kindsByArmType(config);
        List<KindModel> kinds = new ArrayList<>();
        Map<String, String> failures = new TreeMap<>();
        for (GroupConfig g : config.groups()) {
            for (KindConfig k : g.kinds()) {
                try {
                    kinds.add(kind(g, k, kindByArmType));
                } catch (IOException | RuntimeException e) {
                    failures.put(g.fullGroup() + "/" + k.kind() + " (" + k.armType() + ")", e.getMessage());
                }
            }
        }
        return new Result(kinds, failures);
    }

    /** The kinds built, and the kinds that could not be, with why. */
    public record Result(List<KindModel> kinds, Map<String, String> failures) { }

    private Map<String, String> kindsByArmType(GeneratorConfig config) {
        Map<String, String> kindByArmType = new HashMap<>();
        for (GroupConfig g : config.groups()) {
            kindNamesByGroup.put(g.group(), g.kinds().stream().map(KindConfig::kind).toList());
            for (KindConfig k : g.kinds()) {
                if (k.armType() != null) {
                    kindByArmType.put(k.armType().toLowerCase(Locale.ROOT), g.fullGroup() + "/" + k.kind());
                }
            }
        }
        return kindByArmType;
    }

    private KindModel kind(GroupConfig group, KindConfig kind, Map<String, String> kindByArmType) throws IOException {
        String where = group.fullGroup() + "/" + kind.kind();
        if (kind.versions() == null || kind.versions().isEmpty()) {
            throw new IOException(where + ": no versions configured");
        }
        if (kind.armType() == null) {
            return notArmResource(group, kind, where);
        }
        Set<String> used = new HashSet<>();
        List<VersionModel> versions = new ArrayList<>();
        ResourceType newest = null;
        String fixedAzureName = null;
        for (VersionConfig v : kind.versions()) {
            TypeGraph graph = graph(v.types(), where);
            ResourceType resource = graph.resource(kind.armType(), v.shapeApiVersion()).orElseThrow(() ->
                    new IOException(where + " " + v.name() + ": " + kind.armType() + "@" + v.shapeApiVersion()
                            + " is not defined in " + graph.file()));
            newest = resource;
            fixedAzureName = fixedName(graph, resource);
            versions.add(version(graph, resource, kind, v, used, classNames(group.group(), v.name()),
                    surfaceVersion(group, kind, v)));
        }
        Set<String> unmatched = ShapeBuilder.unmatched(kind, used);
        if (!unmatched.isEmpty()) {
            throw new IOException(where + ": configured property paths match no property: " + new java.util.TreeSet<>(unmatched)
                    + " (paths are ARM names from the resource body, "
                    + "e.g. properties.subnetId, properties.agentPoolProfiles[].vnetSubnetID)");
        }
        // the newest stable version under its legacy name when ASO serves two (v1api20241101 rather than v20241101)
        String hubName = kind.versions().stream().filter(v -> !v.isPreview() && v.twinOf() == null)
                .reduce((a, b) -> b).map(VersionConfig::name).orElse(versions.get(versions.size() - 1).name());
        VersionModel hubSource = versions.stream().filter(v -> v.name().equals(hubName)).findFirst()
                .orElse(versions.get(versions.size() - 1));
        versions.add(new HubTransformer(classNames(group.group(), hubSource.name() + "storage")).toHub(hubSource));

        String ownerArmType = ownerArmType(kind.armType(), newest);
        String ownerKind = null;
        if (ownerArmType == null && kind.owner() != null) {
            // an extension resource (a cluster extension) whose usual owner the configuration names
            ownerKind = kind.owner();
            ownerArmType = armTypeOf(kindByArmType, ownerKind).orElseThrow(() -> new IOException(where
                    + ": its configured owner " + kind.owner() + " is not a configured ARM kind"));
        } else if (ownerArmType != null) {
            ownerKind = kindByArmType.get(ownerArmType.toLowerCase(Locale.ROOT));
            if (ownerKind == null) {
                throw new IOException(where + ": its owner " + ownerArmType + " is not a configured kind"
                        + " (in --all-types mode: the parent type has no writable definition)");
            }
        }
        return new KindModel(group.fullGroup(), group.group(), categories(group, kind), kind.kind(), plural(kind), kind.armType(), ownerArmType,
                ownerKind, arbitraryOwner(group, kind), fixedAzureName, versions,
                exports(exportKeys(versions, "secrets"), kind.exportsOrEmpty().secretsOrEmpty()),
                exports(exportKeys(versions, "configMaps"), kind.exportsOrEmpty().configMapsOrEmpty()));
    }

    /**
     * A kind that is not an ARM resource (database users, Entra groups): its versions shaped by ASO's surface alone,
     * its owner as configured, the usual hub.
     */
    private KindModel notArmResource(GroupConfig group, KindConfig kind, String where) throws IOException {
        AsoSurface.SurfaceKind known = surface == null ? null : surface.kind(group.group(), kind.kind()).orElse(null);
        if (known == null) {
            throw new IOException(where + ": has no ARM type, and ASO's surface does not describe it");
        }
        List<VersionModel> versions = new ArrayList<>();
        for (VersionConfig v : kind.versions()) {
            AsoSurface.SurfaceVersion sv = known.versions().get(v.name());
            ClassNames classes = classNames(group.group(), v.name());
            ObjectModel spec = new ObjectModel(kind.kind() + "Spec", null,
                    new SurfaceShapes(classes, "").fields(sv.spec(), ".spec"));
            classes.reserve(spec.name(), spec);
            ObjectModel status = new ObjectModel(kind.kind() + "Status", null,
                    new SurfaceShapes(classes, "_STATUS").fields(sv.status(), ".status"));
            classes.reserve(status.name(), status);
            versions.add(new VersionModel(v.name(), null, false, false, null, spec, status, List.of(), List.of()));
        }
        VersionModel newest = versions.get(versions.size() - 1);
        versions.add(new HubTransformer(classNames(group.group(), newest.name() + "storage")).toHub(newest));
        return new KindModel(group.fullGroup(), group.group(), categories(group, kind), kind.kind(), plural(kind), null, null, kind.owner(), false, null,
                versions, exports(exportKeys(versions, "secrets"), kind.exportsOrEmpty().secretsOrEmpty()),
                exports(exportKeys(versions, "configMaps"), kind.exportsOrEmpty().configMapsOrEmpty()));
    }

    private static java.util.Optional<String> armTypeOf(Map<String, String> kindByArmType, String groupKind) {
        return kindByArmType.entrySet().stream().filter(e -> e.getValue().equals(groupKind)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** Whether ASO's surface gives the kind an owner of any kind ({@code spec.owner.group} and {@code kind}). */
    private boolean arbitraryOwner(GroupConfig group, KindConfig kind) {
        return surface != null && surface.kind(group.group(), kind.kind())
                .map(k -> k.versions().values().stream().anyMatch(v -> v.spec().containsKey(".spec.owner.kind")))
                .orElse(false);
    }

    /**
     * ASO's categories for the kind; else ASO's rule: {@code azure} and the group's name without its dots (a category
     * is a DNS label: {@code networkfrontdoor}).
     */
    private List<String> categories(GroupConfig group, KindConfig kind) {
        return (surface == null ? java.util.Optional.<AsoSurface.SurfaceKind>empty()
                : surface.kind(group.group(), kind.kind())).map(AsoSurface.SurfaceKind::categories)
                .filter(c -> !c.isEmpty())
                .orElse(List.of("azure", group.group().replace(".", "")));
    }

    /** The name every resource of the type has (blob services' {@code default}); null when the user chooses it. */
    static String fixedName(TypeGraph graph, ResourceType resource) {
        if (graph.get(resource.body()) instanceof ObjectType body && body.properties().get("name") != null
                && graph.get(body.properties().get("name").type()) instanceof StringLiteralType name) {
            return name.value();
        }
        return null;
    }

    private ClassNames classNames(String group, String version) {
        return classNames.computeIfAbsent(group + "/" + version, k -> {
            ClassNames names = new ClassNames();
            // the kinds' own classes come first: a nested object must not take a kind's name
            kindNamesByGroup.getOrDefault(group, List.of()).forEach(names::reserveKind);
            return names;
        });
    }

    /** What ASO's surface says of one version's spec and status; NONE for both when it does not know the version. */
    private SurfaceGuide[] surfaceVersion(GroupConfig group, KindConfig kind, VersionConfig v) {
        var known = surface == null ? java.util.Optional.<AsoSurface.SurfaceVersion>empty()
                : surface.kind(group.group(), kind.kind()).map(k -> k.versions().get(v.name()));
        return known.map(sv -> new SurfaceGuide[] {new SurfaceGuide(sv.spec()), new SurfaceGuide(sv.status())})
                .orElse(new SurfaceGuide[] {SurfaceGuide.NONE, SurfaceGuide.NONE});
    }

    private VersionModel version(TypeGraph graph, ResourceType resource, KindConfig kind, VersionConfig v,
                                 Set<String> used, ClassNames classes, SurfaceGuide[] guides) throws IOException {
        BicepType bodyType = graph.get(resource.body());
        if (!(bodyType instanceof ObjectType) && !(bodyType instanceof BicepType.DiscriminatedObjectType)) {
            throw new IOException(resource.name() + ": the body is a " + bodyType.getClass().getSimpleName() + ": not supported");
        }
        ShapeBuilder specBuilder = new ShapeBuilder(graph, kind, true, classes, used, guides[0]);
        List<Field> specFields = new ArrayList<>(rootFields(specBuilder, bodyType));
        // the owner's ARM type, or for an extension resource the kind the configuration names as its usual owner
        String parentType = ownerArmType(kind.armType(), resource);
        String ownerArmType = parentType != null ? parentType : kind.owner();
        if (ownerArmType != null && guides[0].present() && guides[0].has(".spec.owner.kind")) {
            specFields.add(new Field("owner", new Common(CommonType.ARBITRARY_OWNER_REFERENCE), true,
                    "The resource this one extends: any resource by its ARM id, or by the group, kind and name of its"
                            + " custom resource in this namespace (a " + ownerArmType + " when only the name is given).",
                    null));
        } else if (ownerArmType != null) {
            specFields.add(new Field("owner", new Common(CommonType.KNOWN_RESOURCE_REFERENCE), true,
                    "The owner of the resource: a " + ownerArmType + ", by the name of its custom resource in this "
                            + "namespace or by ARM id.", null));
        }
        specFields.add(new Field("operatorSpec", operatorSpec(kind, classes, guides[0]), false,
                "What the operator does beyond Azure: Secrets and ConfigMaps to write.", null));
        specFields.sort(Comparator.comparing(Field::json));
        ObjectModel spec = new ObjectModel(kind.kind() + "Spec", null, specFields);
        classes.reserve(spec.name(), spec);

        ShapeBuilder statusBuilder = new ShapeBuilder(graph, kind, false, classes, used, guides[1]);
        List<Field> statusFields = new ArrayList<>(rootFields(statusBuilder, bodyType));
        // ASO leaves the id and type out of some kinds' status (a product's API link)
        if (!guides[1].present() || guides[1].has(".status.id")) {
            statusFields.add(new Field("id", Primitive.plain(TypeModel.PrimitiveKind.STRING), false,
                    "The ARM id of the resource.", ArmBinding.value("id", false)));
        }
        if (!guides[1].present() || guides[1].has(".status.type")) {
            statusFields.add(new Field("type", Primitive.plain(TypeModel.PrimitiveKind.STRING), false,
                    "The ARM type of the resource.", ArmBinding.value("type", false)));
        }
        statusFields.add(new Field("conditions", new ArrayModel(new Common(CommonType.CONDITION), null, null), false,
                "The observed state of the resource; the Ready condition says whether it is in sync with Azure.",
                null));
        statusFields.sort(Comparator.comparing(Field::json));
        ObjectModel status = new ObjectModel(kind.kind() + "Status", null, statusFields);
        classes.reserve(status.name(), status);

        List<String> actions = graph.functions(kind.armType()).stream()
                .filter(f -> f.apiVersion().equals(v.shapeApiVersion()))
                .map(f -> f.name()).distinct().sorted().toList();
        List<String> requiredContainers = bodyType instanceof ObjectType o ? specBuilder.requiredContainers(o) : List.of();
        return new VersionModel(v.name(), v.apiVersion(), false, v.isDeprecated(), v.replacedBy(), spec, status, actions,
                requiredContainers);
    }

    /** A resource body's fields: an object's, or a discriminated union's options (a Kusto database's). */
    private static List<Field> rootFields(ShapeBuilder builder, BicepType body) {
        return body instanceof ObjectType o ? builder.rootFields(o)
                : builder.rootUnionFields((BicepType.DiscriminatedObjectType) body);
    }

    private ObjectModel operatorSpec(KindConfig kind, ClassNames classes, SurfaceGuide surface) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("configMapExpressions", new ArrayModel(new Common(CommonType.DESTINATION_EXPRESSION),
                null, null), false, "ConfigMap values computed from the resource by expressions.", null));
        fields.add(new Field("secretExpressions", new ArrayModel(new Common(CommonType.DESTINATION_EXPRESSION),
                null, null), false, "Secret values computed from the resource by expressions.", null));
        Set<String> configMaps = destinationKeys(surface, "configMaps", kind.exportsOrEmpty().configMapsOrEmpty());
        if (!configMaps.isEmpty()) {
            fields.add(new Field("configMaps", destinations(kind.kind() + "OperatorConfigMaps", configMaps,
                    CommonType.CONFIG_MAP_DESTINATION, classes), false,
                    "ConfigMap keys to write values from Azure into.", null));
        }
        Set<String> secrets = destinationKeys(surface, "secrets", kind.exportsOrEmpty().secretsOrEmpty());
        if (!secrets.isEmpty()) {
            fields.add(new Field("secrets", destinations(kind.kind() + "OperatorSecrets", secrets,
                    CommonType.SECRET_DESTINATION, classes), false, "Secret keys to write values from Azure into.", null));
        }
        if (surface.present() && surface.has(".spec.operatorSpec.namingConvention")) {
            // read at admission to name the resource when spec.azureName is not given (role assignments' GUIDs)
            fields.add(new Field("namingConvention", new Primitive(TypeModel.PrimitiveKind.STRING, null, null, null,
                    null, null, List.of("random", "stable")), false, "How the Azure name is chosen when spec.azureName is"
                    + " not given: stable (the default: the same name for the same object in the same place) or random.",
                    null));
        }
        fields.sort(Comparator.comparing(Field::json));
        return classes.register(new ObjectModel(kind.kind() + "OperatorSpec", null, fields));
    }

    /** The export keys of a version: ASO's (from its surface) or, without one, the configured ones. */
    private static Set<String> destinationKeys(SurfaceGuide surface, String destinations, Map<String, ExportSource> configured) {
        return surface.present() ? surface.exportKeys(destinations) : new java.util.TreeSet<>(configured.keySet());
    }

    /** Every export key any version offers, from the operatorSpec the versions were given. */
    private static Set<String> exportKeys(List<VersionModel> versions, String destinations) {
        Set<String> keys = new java.util.TreeSet<>();
        for (VersionModel v : versions) {
            v.spec().fields().stream().filter(f -> f.json().equals("operatorSpec"))
                    .map(f -> (ObjectModel) f.type())
                    .flatMap(o -> o.fields().stream())
                    .filter(f -> f.json().equals(destinations))
                    .forEach(f -> ((ObjectModel) f.type()).fields().forEach(k -> keys.add(k.json())));
        }
        return keys;
    }

    private static ObjectModel destinations(String name, Set<String> keys, CommonType type, ClassNames classes) {
        List<Field> fields = new java.util.TreeSet<>(keys).stream()
                .map(key -> new Field(key, new Common(type), false, "Where to write " + key + ".", null))
                .toList();
        return classes.register(new ObjectModel(name, null, fields));
    }

    /**
     * Where each export key's value comes from: the configured source; a key ASO offers with no source configured
     * yet gets an empty one, which the controller reports as not supported when a resource asks for it.
     */
    private static Map<String, KindModel.ExportModel> exports(Set<String> keys, Map<String, ExportSource> sources) {
        Map<String, KindModel.ExportModel> out = new LinkedHashMap<>();
        for (String key : keys) {
            ExportSource s = sources.get(key);
            out.put(key, s == null ? new KindModel.ExportModel(null, null, null, null)
                    : new KindModel.ExportModel(s.status(), s.action(), s.path(), s.idPart()));
        }
        return out;
    }

    /** The parent's ARM type: the type minus its last segment, a resource group, or none (subscription). */
    static String ownerArmType(String armType, ResourceType resource) {
        String[] segments = armType.split("/");
        if (segments.length > 2) {
            return armType.substring(0, armType.lastIndexOf('/'));
        }
        if (armType.equalsIgnoreCase(RESOURCE_GROUP_TYPE)) {
            return null;
        }
        return (resource.writableScopes() & 8) != 0 ? RESOURCE_GROUP_TYPE : null;
    }

    private static String plural(KindConfig kind) {
        if (kind.plural() != null) {
            return kind.plural();
        }
        String lower = kind.kind().toLowerCase(Locale.ROOT);
        if (lower.endsWith("y") && !lower.endsWith("ey")) {
            return lower.substring(0, lower.length() - 1) + "ies";
        }
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch") || lower.endsWith("sh")) {
            return lower + "es";
        }
        return lower + "s";
    }

    private TypeGraph graph(String folder, String where) throws IOException {
        if (folder == null) {
            throw new IOException(where + ": a version has no 'types' folder");
        }
        Path file = TypeGraph.fileIn(typesRoot.resolve(folder)).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IOException(where + ": " + file + " does not exist (is --types pointing at the type definitions?)");
        }
        TypeGraph graph = graphs.get(file);
        if (graph == null) {
            graph = TypeGraph.load(file);
            graphs.put(file, graph);
        }
        return graph;
    }
}
