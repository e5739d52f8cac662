package dev.aso.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.FieldMeta;
import dev.aso.api.meta.Shape;

import java.util.Iterator;
import java.util.Map;

/**
 * What an older version cannot hold of a hub object (fields added by a newer API version), kept in an annotation
 * of the older version's object and merged back when that object is written, so that reading a resource at an old
 * version and writing it back loses nothing — a gap ASO has.
 */
final class Leftovers {

    static final String ANNOTATION = "serviceoperator.azure.com/conversion-data";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Leftovers() {
    }

    /** The parts of {@code hub} (shape {@code hubShape}) that a {@code spoke}-shaped object drops; null if none. */
    static JsonNode of(JsonNode hub, Shape hubShape, Shape spokeShape) {
        if (hub instanceof ObjectNode object && hubShape instanceof Shape.ObjectOf h && spokeShape instanceof Shape.ObjectOf s) {
            ObjectNode out = JSON.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals(HubConverter.ORIGINAL_VERSION)) {
                    continue;
                }
                if (e.getKey().equals(ShapeConverter.PROPERTY_BAG)) {
                    ObjectNode bag = unrestored(e.getValue(), s);
                    if (!bag.isEmpty()) {
                        out.set(e.getKey(), bag);
                    }
                    continue;
                }
                FieldMeta hf = h.field(e.getKey());
                FieldMeta sf = s.field(e.getKey());
                if (hf == null || sf == null || !Shape.compatible(hf.shape(), sf.shape())) {
                    out.set(e.getKey(), e.getValue().deepCopy());
                } else {
                    JsonNode nested = of(e.getValue(), hf.shape(), sf.shape());
                    if (nested != null) {
                        out.set(e.getKey(), nested);
                    }
                }
            }
            return out.isEmpty() ? null : out;
        }
        if (hub instanceof ArrayNode array && hubShape instanceof Shape.ArrayOf h && spokeShape instanceof Shape.ArrayOf s) {
            ArrayNode out = JSON.arrayNode();
            boolean any = false;
            for (JsonNode item : array) {
                JsonNode nested = of(item, h.items(), s.items());
                any |= nested != null;
                out.add(nested == null ? JSON.objectNode() : nested);
            }
            return any ? out : null;
        }
        if (hub instanceof ObjectNode map && hubShape instanceof Shape.MapOf h && spokeShape instanceof Shape.MapOf s) {
            ObjectNode out = JSON.objectNode();
            map.fields().forEachRemaining(e -> {
                JsonNode nested = of(e.getValue(), h.values(), s.values());
                if (nested != null) {
                    out.set(e.getKey(), nested);
                }
            });
            return out.isEmpty() ? null : out;
        }
        return null;
    }

    /** Fills into {@code target} what {@code leftovers} has and {@code target} lacks; what the user set wins. */
    static void mergeInto(JsonNode target, JsonNode leftovers) {
        if (target instanceof ObjectNode object && leftovers instanceof ObjectNode left) {
            left.fields().forEachRemaining(e -> {
                JsonNode existing = object.get(e.getKey());
                if (existing == null) {
                    object.set(e.getKey(), e.getValue().deepCopy());
                } else {
                    mergeInto(existing, e.getValue());
                }
            });
        } else if (target instanceof ArrayNode array && leftovers instanceof ArrayNode left && array.size() == left.size()) {
            for (int i = 0; i < array.size(); i++) {
                mergeInto(array.get(i), left.get(i));
            }
        }
    }

    private static ObjectNode unrestored(JsonNode bag, Shape.ObjectOf spoke) {
        ObjectNode out = JSON.objectNode();
        bag.fields().forEachRemaining(e -> {
            if (spoke.field(e.getKey()) == null) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return out;
    }
}
