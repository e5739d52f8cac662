package dev.aso.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.controller.reconcile.DriftCheck;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where a request body differs from what Azure holds, value by value. Each value of the body (a scalar, an array, or
 * {@code tags} as a whole, the units the controller compares) is put alone into an otherwise empty body and given to
 * the controller's own {@link DriftCheck}, so a difference is listed exactly when the controller would see one.
 */
public final class BodyDiff {

    /**
     * @param path    dotted path in the ARM body
     * @param azure   what Azure holds there (null when nothing)
     * @param desired what the request sends (null for a secret, which is never shown nor compared)
     */
    public record Change(String path, JsonNode azure, JsonNode desired) {
        public boolean secret() {
            return desired == null;
        }
    }

    private BodyDiff() {
    }

    static List<Change> changes(JsonNode desired, JsonNode actual) {
        List<Change> out = new ArrayList<>();
        walk(desired, new ArrayList<>(), actual, out);
        return out;
    }

    private static void walk(JsonNode node, List<String> path, JsonNode actual, List<Change> out) {
        if (node == null || node.isNull()) {
            return;
        }
        boolean unit = !node.isObject() || (!path.isEmpty() && path.get(path.size() - 1).equals("tags"));
        if (!unit) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                path.add(e.getKey());
                walk(e.getValue(), path, actual, out);
                path.remove(path.size() - 1);
            }
            return;
        }
        DriftCheck.Result result = DriftCheck.compare(alone(node, path), actual);
        if (result == DriftCheck.Result.UNVERIFIABLE) {
            out.add(new Change(String.join(".", path), null, null));
        } else if (result == DriftCheck.Result.DRIFTED) {
            out.add(new Change(String.join(".", path), at(actual, path), node));
        }
    }

    /** A body holding only {@code value} at {@code path}. */
    private static JsonNode alone(JsonNode value, List<String> path) {
        if (path.isEmpty()) {
            return value;
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode at = root;
        for (int i = 0; i < path.size() - 1; i++) {
            at = at.putObject(path.get(i));
        }
        at.set(path.get(path.size() - 1), value);
        return root;
    }

    /** Azure's value at {@code path}, field names compared without case as the drift check does; null when absent. */
    private static JsonNode at(JsonNode actual, List<String> path) {
        JsonNode at = actual;
        for (String name : path) {
            JsonNode next = at == null ? null : at.get(name);
            if (next == null && at != null && at.isObject()) {
                for (Iterator<String> it = at.fieldNames(); it.hasNext(); ) {
                    String n = it.next();
                    if (n.equalsIgnoreCase(name)) {
                        next = at.get(n);
                    }
                }
            }
            at = next;
        }
        return at == null || at.isMissingNode() || at.isNull() ? null : at;
    }
}
