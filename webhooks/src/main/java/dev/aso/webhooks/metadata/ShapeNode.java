package dev.aso.webhooks.metadata;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * The parts of a version's spec that the admission rules look at, pruned to the paths that lead to them (the
 * generator's {@code admission.references}).
 *
 * @param properties      child object properties worth descending into
 * @param items           the element shape when this node is an array, else null
 * @param values          the value shape when this node is a map (additionalProperties), else null
 * @param reference       when this node is a resource reference: its local (in-cluster) fields, e.g.
 *                        {@code [group, kind, name]} or {@code [name]}; null otherwise
 * @param fromConfigPairs property names {@code x} having a sibling {@code xFromConfig}
 */
public record ShapeNode(Map<String, ShapeNode> properties, ShapeNode items, ShapeNode values,
                        List<String> reference, List<String> fromConfigPairs) {

    public boolean isReference() {
        return reference != null;
    }

    /** @return the node the generator wrote, or null when {@code node} is missing */
    static ShapeNode of(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        Map<String, ShapeNode> properties = new LinkedHashMap<>();
        node.path("properties").fields().forEachRemaining(p -> properties.put(p.getKey(), of(p.getValue())));
        return new ShapeNode(Collections.unmodifiableMap(properties), of(node.path("items")), of(node.path("values")),
                node.has("reference") ? texts(node.get("reference")) : null, texts(node.path("fromConfig")));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
