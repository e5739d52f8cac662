package dev.aso.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Random;

/** Random JSON values that satisfy the types and enums of a CRD's OpenAPI schema (a seeded generator). */
public final class RandomObjects {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final Random random;

    public RandomObjects(long seed) {
        this.random = new Random(seed);
    }

    public JsonNode value(JsonNode schema, int depth) {
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) && !schema.has("type")) {
            return JSON.objectNode().put("k" + random.nextInt(100), random.nextInt(1000));
        }
        switch (schema.path("type").asText()) {
            case "object":
                return schema.has("additionalProperties") ? map(schema, depth) : object(schema, depth);
            case "array": {
                ArrayNode array = JSON.arrayNode();
                int n = depth > 4 ? 0 : random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    array.add(value(schema.path("items"), depth + 1));
                }
                return array;
            }
            case "integer": {
                long min = schema.path("minimum").asLong(0);
                long max = schema.path("maximum").asLong(min + 1000);
                return JSON.numberNode(min + (long) (random.nextDouble() * (max - min)));
            }
            case "number":
                return JSON.numberNode(random.nextInt(1000) / 4.0);
            case "boolean":
                return JSON.booleanNode(random.nextBoolean());
            default: {
                JsonNode values = schema.get("enum");
                if (values != null) {
                    return values.get(random.nextInt(values.size())).deepCopy();
                }
                return JSON.textNode("s" + Integer.toHexString(random.nextInt()));
            }
        }
    }

    /**
     * A whole custom resource of the kind at the version, spec and status drawn from the CRD's schema; at the hub,
     * {@code spec.originalVersion} names the oldest version.
     */
    public ObjectNode resource(JsonNode crd, dev.aso.api.meta.KindMeta kind, dev.aso.api.meta.VersionMeta version) {
        JsonNode schema = Crds.schema(crd, version.name());
        ObjectNode object = JSON.objectNode();
        object.put("apiVersion", kind.group() + "/" + version.name());
        object.put("kind", kind.kind());
        object.putObject("metadata").put("name", "sample").put("namespace", "default");
        object.set("spec", object(schema.path("properties").path("spec"), 0));
        object.set("status", object(schema.path("properties").path("status"), 0));
        if (version.storage()) {
            ((ObjectNode) object.get("spec")).put("originalVersion", kind.versions().get(0).name());
        }
        return object;
    }

    public ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = JSON.objectNode();
        JsonNode required = schema.path("required");
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            boolean isRequired = false;
            for (JsonNode r : required) {
                isRequired |= r.asText().equals(p.getKey());
            }
            if (p.getKey().startsWith("$") || (!isRequired && (depth > 5 || random.nextInt(10) < 4))) {
                continue;
            }
            object.set(p.getKey(), value(p.getValue(), depth + 1));
        }
        return object;
    }

    private ObjectNode map(JsonNode schema, int depth) {
        ObjectNode map = JSON.objectNode();
        int n = depth > 4 ? 0 : random.nextInt(3);
        for (int i = 0; i < n; i++) {
            map.set("key" + random.nextInt(50), value(schema.path("additionalProperties"), depth + 1));
        }
        return map;
    }
}
