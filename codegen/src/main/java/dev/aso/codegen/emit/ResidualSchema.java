package dev.aso.codegen.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The part of a version's JSON Schema that its CRD schema does not already state. kube-apiserver checks every object
 * against the CRD schema before it calls a validating webhook, so checking those constraints again would only cost
 * time: the webhook checks the rest (patterns Go's RE2 cannot run, for one). For most kinds nothing is left.
 *
 * <p>The two schemas are walked together along {@code properties}, {@code items} and {@code additionalProperties};
 * any other keyword stays unless the CRD schema has it with the same value. A schema with {@code $ref} is kept whole,
 * since what a reference points at cannot be compared here.
 *
 * <p>Computed here, by the generator, and written into the kind's catalog entry ({@link AdmissionMetadata}): the
 * webhooks compile it as it is.
 */
final class ResidualSchema {

    /** Keywords that describe but do not constrain. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "description", "title", "default", "examples");
    private static final Set<String> SUBSCHEMAS = Set.of("items", "additionalProperties");

    private ResidualSchema() {
    }

    /**
     * @param jsonSchema the JSON Schema of a version's spec
     * @param crdSchema  the openAPIV3Schema of the same version's spec in its CRD (missing when the CRD has none)
     * @return the JSON Schema holding only what the CRD schema does not check, or null when that is nothing
     */
    static JsonNode of(JsonNode jsonSchema, JsonNode crdSchema) {
        if (!jsonSchema.isObject() || jsonSchema.findValue("$ref") != null) {
            return jsonSchema;
        }
        ObjectNode residual = residual(jsonSchema, crdSchema);
        if (residual == null) {
            return null;
        }
        if (jsonSchema.has("$schema")) {
            residual.set("$schema", jsonSchema.get("$schema"));
        }
        return residual;
    }

    private static ObjectNode residual(JsonNode schema, JsonNode crd) {
        ObjectNode left = ((ObjectNode) schema).objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> keyword = it.next();
            String name = keyword.getKey();
            JsonNode value = keyword.getValue();
            JsonNode crdValue = crd.path(name);
            if (ANNOTATIONS.contains(name)) {
                continue;
            }
            if (name.equals("properties") && value.isObject()) {
                ObjectNode properties = properties(value, crdValue);
                if (properties != null) {
                    left.set(name, properties);
                }
            } else if (SUBSCHEMAS.contains(name) && value.isObject()) {
                ObjectNode sub = residual(value, crdValue);
                if (sub != null) {
                    left.set(name, sub);
                }
            } else if (!value.equals(crdValue)) {
                left.set(name, value.deepCopy());
            }
        }
        return left.isEmpty() ? null : left;
    }

    private static ObjectNode properties(JsonNode properties, JsonNode crdProperties) {
        ObjectNode left = ((ObjectNode) properties).objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            ObjectNode sub = residual(property.getValue(), crdProperties.path(property.getKey()));
            if (sub != null) {
                left.set(property.getKey(), sub);
            }
        }
        return left.isEmpty() ? null : left;
    }
}
