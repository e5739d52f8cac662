package dev.aso.conversion.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.FieldMeta;
import dev.aso.api.meta.Shape;
import dev.aso.api.meta.VersionMeta;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps one version's spec to the ARM request body, and an ARM response body to that version's status, using the
 * field bindings the generator recorded: flattened {@code properties} put back, references resolved to ARM ids,
 * Secret and ConfigMap inputs resolved to values, ASO's identity list turned into ARM's map; a container the
 * definitions require ({@link VersionMeta#requiredContainers}) sent empty when none of its fields is set.
 */
public final class ArmPayloads {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** A resource's envelope, in lower case (Azure spells etag eTag for some types). */
    private static final Set<String> ENVELOPE = Set.of("id", "name", "type", "apiversion", "systemdata", "etag");

    private ArmPayloads() {
    }

    /** The body of the PUT for {@code spec} at {@code version}. */
    public static ObjectNode requestBody(ObjectNode spec, VersionMeta version, ArmInputs inputs) throws ArmPayloadException {
        ObjectNode body = toArm(spec, version.spec(), inputs, "spec");
        // ARM refuses a body without a required properties object even when none of its fields is set
        version.requiredContainers().forEach(c -> {
            if (!body.has(c)) {
                body.putObject(c);
            }
        });
        return body;
    }

    /** The status at {@code version} for an ARM response body (conditions are the caller's). */
    public static ObjectNode status(JsonNode armBody, VersionMeta version) {
        return fromArm(armBody, version.status(), null, "status");
    }

    /**
     * The spec at {@code version} that stands for an ARM body, the inverse of {@link #requestBody}: read-only values
     * left out (the spec has no field for them), ARM ids of references as {@code {armId}}, ARM's identity map as ASO's
     * list, {@code azureName} from the name. Secret values are never copied: where ARM returned one (Azure normally
     * does not), {@code secretReference} gives the SecretReference to put instead, from the field's path
     * ({@code spec.administratorLoginPassword}). Owner and operatorSpec are the caller's.
     */
    public static ObjectNode spec(JsonNode armBody, VersionMeta version, Function<String, JsonNode> secretReference) {
        return fromArm(armBody, version.spec(), secretReference, "spec");
    }

    private static ObjectNode toArm(ObjectNode source, Shape.ObjectOf shape, ArmInputs inputs, String path)
            throws ArmPayloadException {
        ObjectNode target = JSON.objectNode();
        Map<String, ObjectNode> containers = new java.util.LinkedHashMap<>(); // properties, and others ASO flattens
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldMeta field = shape.field(e.getKey());
            if (field == null || field.arm() == null || e.getValue().isNull()) {
                continue; // owner, operatorSpec, originalVersion: the operator's, not Azure's
            }
            String fieldPath = path + "." + e.getKey();
            String container = field.arm().container();
            ObjectNode into = container == null ? target : containers.computeIfAbsent(container, c -> JSON.objectNode());
            switch (field.arm().role()) {
                case "REFERENCE":
                    into.set(field.arm().name(), references(e.getValue(), inputs, fieldPath));
                    break;
                case "SECRET":
                    into.put(field.arm().name(), inputs.secret(e.getValue(), fieldPath));
                    break;
                case "SECRET_MAP":
                    into.set(field.arm().name(), inputs.secretMap(e.getValue(), fieldPath));
                    break;
                case "CONFIG_FROM":
                    if (!source.hasNonNull(plainSibling(shape, field))) {
                        into.put(field.arm().name(), inputs.configMapValue(e.getValue(), fieldPath));
                    }
                    break;
                case "SECRET_FROM":
                    if (!source.hasNonNull(plainSibling(shape, field))) {
                        into.put(field.arm().name(), inputs.secret(e.getValue(), fieldPath));
                    }
                    break;
                case "USER_ASSIGNED_IDENTITIES":
                    into.set(field.arm().name(), userAssignedIdentities(e.getValue(), inputs, fieldPath));
                    break;
                case "ADDITIONAL_PROPERTIES":
                    e.getValue().fields().forEachRemaining(extra -> into.set(extra.getKey(), extra.getValue().deepCopy()));
                    break;
                case "ONE_OF":
                    // the option set is the ARM object itself, its discriminator saying which option it is
                    if (valueToArm(e.getValue(), field.shape(), inputs, fieldPath) instanceof ObjectNode option) {
                        target.setAll(option);
                    }
                    target.put(field.arm().name(), field.arm().oneOfValue());
                    break;
                default:
                    if (referenceBeside(shape, field).filter(r -> source.hasNonNull(r.json())).isEmpty()) {
                        // a plain id yields to its reference when both are set
                        into.set(field.arm().name(), valueToArm(e.getValue(), field.shape(), inputs, fieldPath));
                    }
            }
        }
        for (Map.Entry<String, ObjectNode> c : containers.entrySet()) {
            if (c.getValue().isEmpty()) {
                continue;
            }
            if (target.get(c.getKey()) instanceof ObjectNode merged) {
                merged.setAll(c.getValue());
            } else {
                target.set(c.getKey(), c.getValue());
            }
        }
        return target;
    }

    /** The JSON name of the plain field a {@code xFromConfig} field stands beside. */
    /** The reference for the same ARM property as the plain {@code field} (ASO keeps both in some versions). */
    private static java.util.Optional<FieldMeta> referenceBeside(Shape.ObjectOf shape, FieldMeta field) {
        return shape.fields().values().stream().filter(f -> f != field && f.arm() != null
                && f.arm().role().equals("REFERENCE") && java.util.Objects.equals(f.arm().container(), field.arm().container())
                && f.arm().name().equals(field.arm().name())).findFirst();
    }

    private static String plainSibling(Shape.ObjectOf shape, FieldMeta fromConfig) {
        for (FieldMeta f : shape.fields().values()) {
            if (f.arm() != null && f.arm().name().equals(fromConfig.arm().name()) && !f.json().equals(fromConfig.json())) {
                return f.json();
            }
        }
        return fromConfig.arm().name();
    }

    private static JsonNode valueToArm(JsonNode value, Shape shape, ArmInputs inputs, String path) throws ArmPayloadException {
        if (shape instanceof Shape.ObjectOf object && value instanceof ObjectNode node) {
            return toArm(node, object, inputs, path);
        }
        if (shape instanceof Shape.ArrayOf array && value instanceof ArrayNode items) {
            ArrayNode out = JSON.arrayNode();
            for (int i = 0; i < items.size(); i++) {
                out.add(valueToArm(items.get(i), array.items(), inputs, path + "[" + i + "]"));
            }
            return out;
        }
        if (shape instanceof Shape.MapOf map && value instanceof ObjectNode entries) {
            ObjectNode out = JSON.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), valueToArm(e.getValue(), map.values(), inputs, path + "." + e.getKey()));
            }
            return out;
        }
        return value.deepCopy();
    }

    private static JsonNode references(JsonNode value, ArmInputs inputs, String path) throws ArmPayloadException {
        if (value instanceof ArrayNode list) {
            ArrayNode ids = JSON.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                ids.add(reference(list.get(i), inputs, path + "[" + i + "]"));
            }
            return ids;
        }
        return JSON.textNode(reference(value, inputs, path));
    }

    /** A reference's ARM value: what its {@code wellKnownName} stands for when it has one, else its ARM id. */
    private static String reference(JsonNode ref, ArmInputs inputs, String path) throws ArmPayloadException {
        String wellKnown = ref.path("wellKnownName").asText("");
        return wellKnown.isEmpty() ? inputs.armId(ref, path) : inputs.wellKnownName(wellKnown, path + ".wellKnownName");
    }

    /** ASO's {@code [{reference: ...}]} → ARM's {@code {"<identity ARM id>": {}}}. */
    private static ObjectNode userAssignedIdentities(JsonNode value, ArmInputs inputs, String path) throws ArmPayloadException {
        ObjectNode map = JSON.objectNode();
        for (int i = 0; i < value.size(); i++) {
            map.putObject(inputs.armId(value.get(i).path("reference"), path + "[" + i + "].reference"));
        }
        return map;
    }

    /** @param secretReference null for a status (roles ignored), else a spec is read (see {@link #spec}) */
    private static ObjectNode fromArm(JsonNode source, Shape.ObjectOf shape, Function<String, JsonNode> secretReference,
                                      String path) {
        ObjectNode target = JSON.objectNode();
        if (!(source instanceof ObjectNode armObject)) {
            return target;
        }
        Set<String> claimed = new HashSet<>();
        FieldMeta additional = null;
        for (FieldMeta field : shape.fields().values()) {
            if (field.arm() == null) {
                continue;
            }
            if (field.arm().role().equals("ADDITIONAL_PROPERTIES")) {
                additional = field;
                continue;
            }
            if (field.arm().role().equals("ONE_OF")) {
                // the option whose discriminator value the ARM object has holds all of it
                if (field.arm().oneOfValue().equals(armObject.path(field.arm().name()).asText(null))
                        && field.shape() instanceof Shape.ObjectOf option) {
                    target.set(field.json(), fromArm(armObject, option, secretReference, path + "." + field.json()));
                }
                continue;
            }
            String container = field.arm().container();
            JsonNode from = container == null ? armObject : armObject.path(container);
            JsonNode value = from.get(field.arm().name());
            claimed.add(container == null ? field.arm().name() : container);
            boolean plainBesideItsReference = secretReference != null && field.arm().role().equals("VALUE")
                    && referenceBeside(shape, field).isPresent(); // a spec read back names the id once, as a reference
            if (value != null && !value.isNull() && !plainBesideItsReference) {
                String fieldPath = path + "." + field.json();
                JsonNode mapped = secretReference == null ? valueFromArm(value, field.shape(), null, fieldPath)
                        : specValueFromArm(value, field, secretReference, fieldPath);
                if (mapped != null) {
                    target.set(field.json(), mapped);
                }
            }
        }
        if (additional != null) {
            ObjectNode extra = JSON.objectNode();
            // the resource's envelope is never one of its further properties
            boolean resource = path.equals("spec") || path.equals("status");
            armObject.fields().forEachRemaining(e -> {
                if (!claimed.contains(e.getKey())
                        && !(resource && ENVELOPE.contains(e.getKey().toLowerCase(java.util.Locale.ROOT)))) {
                    extra.set(e.getKey(), e.getValue().deepCopy());
                }
            });
            if (!extra.isEmpty()) {
                target.set(additional.json(), extra);
            }
        }
        return target;
    }

    /** One spec field from its ARM value by the field's role; null when the spec does not take it. */
    private static JsonNode specValueFromArm(JsonNode value, FieldMeta field, Function<String, JsonNode> secretReference,
                                             String path) {
        switch (field.arm().role()) {
            case "REFERENCE":
                if (value instanceof ArrayNode ids) {
                    ArrayNode refs = JSON.arrayNode();
                    ids.forEach(id -> refs.add(armIdReference(id)));
                    return refs;
                }
                return armIdReference(value);
            case "SECRET":
                return secretReference.apply(path);
            case "SECRET_MAP":
                return JSON.objectNode().put("name", secretReference.apply(path).path("name").asText());
            case "CONFIG_FROM":
            case "SECRET_FROM":
                return null; // the plain sibling holds the value
            case "USER_ASSIGNED_IDENTITIES": {
                ArrayNode list = JSON.arrayNode();
                value.fieldNames().forEachRemaining(id -> list.addObject().set("reference", armIdReference(JSON.textNode(id))));
                return list;
            }
            default:
                return valueFromArm(value, field.shape(), secretReference, path);
        }
    }

    private static ObjectNode armIdReference(JsonNode id) {
        ObjectNode ref = JSON.objectNode();
        ref.put("armId", id.asText());
        return ref;
    }

    private static JsonNode valueFromArm(JsonNode value, Shape shape, Function<String, JsonNode> secretReference, String path) {
        if (shape instanceof Shape.ObjectOf object) {
            return fromArm(value, object, secretReference, path);
        }
        if (shape instanceof Shape.ArrayOf array && value instanceof ArrayNode items) {
            ArrayNode out = JSON.arrayNode();
            for (int i = 0; i < items.size(); i++) {
                out.add(valueFromArm(items.get(i), array.items(), secretReference, path + "[" + i + "]"));
            }
            return out;
        }
        if (shape instanceof Shape.MapOf map && value instanceof ObjectNode entries) {
            ObjectNode out = JSON.objectNode();
            entries.fields().forEachRemaining(e -> out.set(e.getKey(),
                    valueFromArm(e.getValue(), map.values(), secretReference, path + "." + e.getKey())));
            return out;
        }
        return value.deepCopy();
    }
}
