package dev.aso.webhooks.metadata;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The defaults of a version's spec, as a tree that follows its properties and array elements: the catalog's
 * {@code admission.defaults}.
 *
 * @param defaults property name → default value, for properties of this object
 * @param children property name → defaults further down
 * @param items    defaults of each element when this node is an array, or null
 */
public record SchemaDefaults(Map<String, JsonNode> defaults, Map<String, SchemaDefaults> children, SchemaDefaults items) {

    /** @return the defaults the catalog gives, or null when {@code node} is missing */
    static SchemaDefaults of(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        Map<String, JsonNode> defaults = new LinkedHashMap<>();
        node.path("defaults").fields().forEachRemaining(d -> defaults.put(d.getKey(), d.getValue()));
        Map<String, SchemaDefaults> children = new LinkedHashMap<>();
        node.path("children").fields().forEachRemaining(c -> children.put(c.getKey(), of(c.getValue())));
        return new SchemaDefaults(Collections.unmodifiableMap(defaults), Collections.unmodifiableMap(children),
                of(node.path("items")));
    }
}
