package dev.aso.conversion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.FieldMeta;
import dev.aso.api.meta.Shape;

import java.util.Iterator;
import java.util.Map;

/**
 * Copies a JSON value from one version's shape to another's, field by field. Towards the hub, what the hub has no
 * compatible field for goes into the object's {@code $propertyBag} (field name → JSON text); from the hub, bagged
 * values the target version has a field for are put back. So version → hub → version loses nothing.
 */
final class ShapeConverter {

    static final String PROPERTY_BAG = "$propertyBag";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShapeConverter() {
    }

    /** Spoke → hub. */
    static ObjectNode toHub(ObjectNode source, Shape.ObjectOf from, Shape.ObjectOf hub) throws ConversionException {
        ObjectNode target = JSON.createObjectNode();
        ObjectNode bag = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldMeta in = from.field(e.getKey());
            FieldMeta out = hub.field(e.getKey());
            JsonNode converted = in != null && out != null && Shape.compatible(in.shape(), out.shape())
                    ? value(e.getValue(), in.shape(), out.shape(), true) : null;
            if (converted != null) {
                target.set(e.getKey(), converted);
            } else {
                bag.put(e.getKey(), text(e.getValue()));
            }
        }
        if (!bag.isEmpty()) {
            target.set(PROPERTY_BAG, bag);
        }
        return target;
    }

    /** Hub → spoke. */
    static ObjectNode fromHub(ObjectNode source, Shape.ObjectOf hub, Shape.ObjectOf to) throws ConversionException {
        ObjectNode target = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldMeta in = hub.field(e.getKey());
            FieldMeta out = to.field(e.getKey());
            if (in != null && out != null && Shape.compatible(in.shape(), out.shape())) {
                JsonNode converted = value(e.getValue(), in.shape(), out.shape(), false);
                if (converted != null) {
                    target.set(e.getKey(), converted);
                }
            }
        }
        JsonNode bag = source.get(PROPERTY_BAG);
        if (bag instanceof ObjectNode bagged) {
            for (Iterator<Map.Entry<String, JsonNode>> it = bagged.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (to.field(e.getKey()) != null && !target.has(e.getKey())) {
                    target.set(e.getKey(), parse(e.getKey(), e.getValue().asText()));
                }
            }
        }
        return target;
    }

    /** Null when the value does not have the shape its schema says (then it is bagged, never dropped). */
    private static JsonNode value(JsonNode value, Shape from, Shape to, boolean towardsHub) throws ConversionException {
        if (from instanceof Shape.ObjectOf f && to instanceof Shape.ObjectOf t) {
            if (!(value instanceof ObjectNode object)) {
                return null;
            }
            return towardsHub ? toHub(object, f, t) : fromHub(object, f, t);
        }
        if (from instanceof Shape.ArrayOf f && to instanceof Shape.ArrayOf t) {
            if (!(value instanceof ArrayNode array)) {
                return null;
            }
            ArrayNode out = JSON.createArrayNode();
            for (JsonNode item : array) {
                JsonNode converted = value(item, f.items(), t.items(), towardsHub);
                if (converted == null) {
                    return null;
                }
                out.add(converted);
            }
            return out;
        }
        if (from instanceof Shape.MapOf f && to instanceof Shape.MapOf t) {
            if (!(value instanceof ObjectNode map)) {
                return null;
            }
            ObjectNode out = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode converted = value(e.getValue(), f.values(), t.values(), towardsHub);
                if (converted == null) {
                    return null;
                }
                out.set(e.getKey(), converted);
            }
            return out;
        }
        return value.deepCopy();
    }

    private static String text(JsonNode value) throws ConversionException {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ConversionException("cannot keep a value in the property bag: " + e.getOriginalMessage());
        }
    }

    private static JsonNode parse(String field, String json) throws ConversionException {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConversionException(PROPERTY_BAG + "." + field + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
