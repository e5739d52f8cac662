package dev.aso.webhooks.metadata;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code default} values a spec's JSON Schema declares, as a tree that follows {@code properties} and
 * {@code items} (local {@code $ref}s resolved).
 *
 * @param defaults property name → default value, for properties of this object
 * @param children property name → defaults further down
 * @param items    defaults of each element when this node is an array, or null
 */
public record SchemaDefaults(Map<String, JsonNode> defaults, Map<String, SchemaDefaults> children, SchemaDefaults items) {

    private static final int MAX_DEPTH = 32;

    /** @return the defaults of {@code schema}, or null when it declares none */
    public static SchemaDefaults of(JsonNode schema) {
        return compile(schema, schema, 0);
    }

    private static SchemaDefaults compile(JsonNode root, JsonNode schema, int depth) {
        JsonNode resolved = resolve(root, schema);
        if (depth > MAX_DEPTH || !resolved.isObject()) {
            return null;
        }
        Map<String, JsonNode> defaults = new LinkedHashMap<>();
        Map<String, SchemaDefaults> children = new LinkedHashMap<>();
        resolved.path("properties").fields().forEachRemaining(field -> {
            JsonNode property = resolve(root, field.getValue());
            if (property.has("default")) {
                defaults.put(field.getKey(), property.get("default"));
            }
            SchemaDefaults child = compile(root, property, depth + 1);
            if (child != null) {
                children.put(field.getKey(), child);
            }
        });
        SchemaDefaults items = compile(root, resolved.path("items"), depth + 1);
        if (defaults.isEmpty() && children.isEmpty() && items == null) {
            return null;
        }
        return new SchemaDefaults(Collections.unmodifiableMap(defaults), Collections.unmodifiableMap(children), items);
    }

    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; hops < 8 && current.path("$ref").isTextual(); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) {
                return current;
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }
}
