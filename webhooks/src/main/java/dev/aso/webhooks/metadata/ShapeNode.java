package dev.aso.webhooks.metadata;

import java.util.List;
import java.util.Map;

/**
 * The parts of a CRD's spec schema that the admission rules look at, pruned to the paths that lead to them.
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
}
