package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Iterator;
import java.util.Map;

/**
 * RFC 6902 operations that turn one JSON document into another. Objects are compared field by field (so a field
 * neither side changed is never touched); arrays and scalars that differ are replaced whole.
 */
public final class JsonPatchDiff {

    private JsonPatchDiff() {
    }

    public static ArrayNode diff(JsonNode before, JsonNode after) {
        ArrayNode ops = JsonNodeFactory.instance.arrayNode();
        diff(before, after, "", ops);
        return ops;
    }

    private static void diff(JsonNode before, JsonNode after, String pointer, ArrayNode ops) {
        if (before.equals(after)) {
            return;
        }
        if (!before.isObject() || !after.isObject()) {
            ops.addObject().put("op", "replace").put("path", pointer).set("value", after);
            return;
        }
        for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!after.has(name)) {
                ops.addObject().put("op", "remove").put("path", pointer + "/" + escape(name));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = after.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode old = before.get(field.getKey());
            String child = pointer + "/" + escape(field.getKey());
            if (old == null) {
                ops.addObject().put("op", "add").put("path", child).set("value", field.getValue());
            } else {
                diff(old, field.getValue(), child, ops);
            }
        }
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
