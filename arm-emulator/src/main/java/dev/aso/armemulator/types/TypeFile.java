package dev.aso.armemulator.types;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One parsed types.json: an array of types that refer to each other as {"$ref": "#/N"}. */
public final class TypeFile {
    /** Property flags of the format. */
    public static final int REQUIRED = 1;
    public static final int READ_ONLY = 2;
    public static final int WRITE_ONLY = 4;

    private final String source;
    private final JsonNode types;

    TypeFile(String source, JsonNode types) {
        if (!types.isArray()) {
            throw new IllegalArgumentException(source + " is not a JSON array of types");
        }
        this.source = source;
        this.types = types;
    }

    public String source() {
        return source;
    }

    public int size() {
        return types.size();
    }

    public JsonNode type(int index) {
        JsonNode t = types.get(index);
        if (t == null) {
            throw new IllegalStateException(source + ": no type at index " + index);
        }
        return t;
    }

    /** The type a {"$ref": "#/N"} node points at. */
    public JsonNode resolve(JsonNode ref) {
        return type(index(ref));
    }

    public static int index(JsonNode ref) {
        String r = ref.path("$ref").asText();
        if (!r.startsWith("#/")) {
            throw new IllegalStateException("unsupported type reference " + ref);
        }
        return Integer.parseInt(r.substring(2));
    }

    public static String kind(JsonNode type) {
        return type.path("$type").asText();
    }

    /**
     * The properties of an object type, or of a discriminated object type's variant chosen by the
     * value's discriminator (base properties first). Keys keep their case; empty for other kinds.
     */
    public Map<String, JsonNode> properties(JsonNode type, JsonNode value) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        switch (kind(type)) {
            case "ObjectType" -> type.path("properties").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
            case "DiscriminatedObjectType" -> {
                type.path("baseProperties").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
                JsonNode variant = variant(type, value);
                if (variant != null) {
                    out.putAll(properties(variant, value));
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** The variant of a discriminated object type for the value's discriminator (case-insensitive), or null. */
    public JsonNode variant(JsonNode type, JsonNode value) {
        String disc = type.path("discriminator").asText();
        JsonNode v = value == null ? null : value.get(disc);
        if (v == null || !v.isTextual()) {
            return null;
        }
        for (Map.Entry<String, JsonNode> e : iterable(type.path("elements"))) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(v.asText().toLowerCase(Locale.ROOT))) {
                return resolve(e.getValue());
            }
        }
        return null;
    }

    /** The map value type of an object type with additionalProperties, or null. */
    public JsonNode additionalProperties(JsonNode type) {
        JsonNode ap = type.get("additionalProperties");
        return ap == null || ap.isNull() ? null : resolve(ap);
    }

    public static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    /** A property's own flags. */
    public static int flags(JsonNode property) {
        return property.path("flags").asInt(0);
    }
}
