package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.webhooks.metadata.ShapeNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Walks a request's spec along the pruned {@link ShapeNode} of its kind, reporting what the rules check. */
public final class SpecWalker {

    /** What a walk reports; the walk never visits parts of the spec the shape does not name. */
    public interface Visitor {
        default void reference(String path, JsonNode value, List<String> localFields) {
        }

        default void fromConfig(String path, JsonNode parent, String field) {
        }
    }

    private SpecWalker() {
    }

    public static void walk(ShapeNode shape, JsonNode spec, Visitor visitor) {
        walk(shape, spec, "spec", visitor);
    }

    private static void walk(ShapeNode shape, JsonNode node, String path, Visitor visitor) {
        if (shape == null || node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (shape.isReference()) {
            visitor.reference(path, node, shape.reference());
            return;
        }
        if (node.isObject()) {
            for (String field : shape.fromConfigPairs()) {
                visitor.fromConfig(path, node, field);
            }
            for (Map.Entry<String, ShapeNode> child : shape.properties().entrySet()) {
                walk(child.getValue(), node.get(child.getKey()), FieldPath.child(path, child.getKey()), visitor);
            }
            if (shape.values() != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    walk(shape.values(), entry.getValue(), FieldPath.key(path, entry.getKey()), visitor);
                }
            }
        } else if (node.isArray() && shape.items() != null) {
            for (int i = 0; i < node.size(); i++) {
                walk(shape.items(), node.get(i), FieldPath.index(path, i), visitor);
            }
        }
    }

    /** @return the field's value when it is a non-empty string, else null */
    public static String text(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    /** @return true when the field is present with any value other than null */
    public static boolean isSet(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value != null && !value.isNull();
    }
}
