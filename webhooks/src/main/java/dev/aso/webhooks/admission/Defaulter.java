package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.webhooks.metadata.KindVersion;
import dev.aso.webhooks.metadata.SchemaDefaults;

import java.util.Map;

/**
 * Fills in what a user may leave out: {@code spec.azureName} (the only value its enum allows, else
 * {@code metadata.name}; not when {@code spec.azureNameFromConfig} names a ConfigMap key to read it from) and every {@code default} the kind's JSON Schema declares for an absent property.
 */
public final class Defaulter {

    private Defaulter() {
    }

    /** Applies the defaults to {@code object} in place. */
    public static void apply(KindVersion kind, ObjectNode object) {
        if (!(object.get("spec") instanceof ObjectNode spec)) {
            return;
        }
        // with ASO's azureNameFromConfig the controller reads the name from the ConfigMap
        if (kind.shape().hasAzureName() && spec.path("azureName").asText("").isEmpty()
                && !spec.hasNonNull("azureNameFromConfig")) {
            String name = kind.shape().fixedAzureName() != null ? kind.shape().fixedAzureName()
                    : object.path("metadata").path("name").asText("");
            if (!name.isEmpty()) {
                spec.put("azureName", name);
            }
        }
        applySchemaDefaults(kind.defaults(), spec);
    }

    private static void applySchemaDefaults(SchemaDefaults defaults, JsonNode node) {
        if (defaults == null) {
            return;
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : defaults.defaults().entrySet()) {
                if (!object.has(entry.getKey())) {
                    object.set(entry.getKey(), entry.getValue().deepCopy());
                }
            }
            for (Map.Entry<String, SchemaDefaults> child : defaults.children().entrySet()) {
                applySchemaDefaults(child.getValue(), object.get(child.getKey()));
            }
        } else if (node != null && node.isArray() && defaults.items() != null) {
            for (JsonNode element : node) {
                applySchemaDefaults(defaults.items(), element);
            }
        }
    }
}
