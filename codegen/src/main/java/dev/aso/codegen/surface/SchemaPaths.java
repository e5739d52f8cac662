package dev.aso.codegen.surface;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paths and shapes of an OpenAPI schema in the notation of ASO's surface: leaves, arrays and maps get an entry
 * ({@code .spec.tags} map, {@code .spec.tags{}} string, {@code .spec.zones[]} string); objects with known fields only
 * through their fields; an object with no known fields is {@code object}, one that keeps unknown fields {@code any}.
 */
public final class SchemaPaths {

    private SchemaPaths() {
    }

    /** Every path under {@code root} (the schema of {@code spec} or {@code status}), prefixed with {@code prefix}. */
    public static Map<String, String> of(JsonNode root, String prefix) {
        Map<String, String> out = new TreeMap<>();
        if (root != null && !root.isMissingNode()) {
            walk(root, prefix, out);
        }
        return out;
    }

    private static void walk(JsonNode schema, String path, Map<String, String> out) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            out.put(path, "int-or-string");
            return;
        }
        String type = schema.path("type").asText("");
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), path + "." + e.getKey(), out);
            }
            return;
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            out.put(path, "map");
            walk(additional, path + "{}", out);
            return;
        }
        if (type.equals("array")) {
            out.put(path, "array");
            JsonNode items = schema.get("items");
            if (items != null) {
                walk(items, path + "[]", out);
            }
            return;
        }
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            out.put(path, "any");
            return;
        }
        out.put(path, type.isEmpty() ? "any" : type);
    }
}
