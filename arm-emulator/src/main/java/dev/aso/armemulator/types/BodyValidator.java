package dev.aso.armemulator.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a request body against a type of the type graph and returns the part Azure would keep:
 * read-only input is dropped (ignored, as ARM does), unknown properties of closed objects are
 * dropped, everything else is kept. Violations name the JSON path, e.g. {@code properties.sku.name}.
 */
public final class BodyValidator {
    /** One problem with the request body: where, and what is wrong. */
    public record Violation(String path, String message) {
        @Override
        public String toString() {
            return "'" + path + "' " + message;
        }
    }

    /** The kept body and the problems found. */
    public record Result(JsonNode value, List<Violation> violations) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final Pattern UNCOMPILABLE = Pattern.compile("");

    private final TypeFile file;
    private final List<Violation> violations = new ArrayList<>();

    private BodyValidator(TypeFile file) {
        this.file = file;
    }

    /** Validates {@code value} against {@code type}; top-level properties in {@code skip} are dropped unchecked. */
    public static Result validate(TypeFile file, JsonNode type, JsonNode value, Set<String> skip) {
        BodyValidator v = new BodyValidator(file);
        JsonNode kept = v.object(type, value, "", skip);
        return new Result(kept, List.copyOf(v.violations));
    }

    /** Validates a single value, e.g. the resource name from the URL against the body's name type. */
    public static List<Violation> check(TypeFile file, JsonNode type, JsonNode value, String path) {
        BodyValidator v = new BodyValidator(file);
        v.value(type, value, path);
        return List.copyOf(v.violations);
    }

    private JsonNode value(JsonNode type, JsonNode value, String path) {
        switch (TypeFile.kind(type)) {
            case "AnyType":
                return value;
            case "StringType":
                return string(type, value, path);
            case "IntegerType":
                return integer(type, value, path);
            case "BooleanType":
                if (!value.isBoolean()) {
                    fail(path, "must be a boolean, found " + describe(value));
                }
                return value;
            case "StringLiteralType":
                if (!value.isTextual() || !value.asText().equalsIgnoreCase(type.path("value").asText())) {
                    fail(path, "must be '" + type.path("value").asText() + "', found " + describe(value));
                }
                return value;
            case "UnionType":
                return union(type, value, path);
            case "ArrayType":
                return array(type, value, path);
            case "ObjectType":
            case "DiscriminatedObjectType":
                return object(type, value, path, Set.of());
            default:
                return value;
        }
    }

    private JsonNode string(JsonNode type, JsonNode value, String path) {
        if (!value.isTextual()) {
            fail(path, "must be a string, found " + describe(value));
            return value;
        }
        String s = value.asText();
        if (type.has("minLength") && s.length() < type.get("minLength").asInt()) {
            fail(path, "must be at least " + type.get("minLength").asInt() + " characters long, found " + s.length());
        }
        if (type.has("maxLength") && s.length() > type.get("maxLength").asInt()) {
            fail(path, "must be at most " + type.get("maxLength").asInt() + " characters long, found " + s.length());
        }
        if (type.has("pattern")) {
            Pattern p = pattern(type.get("pattern").asText());
            if (p != UNCOMPILABLE && !p.matcher(s).find()) {
                fail(path, "must match the pattern " + type.get("pattern").asText() + ", found '" + s + "'");
            }
        }
        return value;
    }

    private JsonNode integer(JsonNode type, JsonNode value, String path) {
        if (!value.isIntegralNumber()) {
            fail(path, "must be an integer, found " + describe(value));
            return value;
        }
        long n = value.asLong();
        if (type.has("minValue") && n < type.get("minValue").asLong()) {
            fail(path, "must be at least " + type.get("minValue").asLong() + ", found " + n);
        }
        if (type.has("maxValue") && n > type.get("maxValue").asLong()) {
            fail(path, "must be at most " + type.get("maxValue").asLong() + ", found " + n);
        }
        return value;
    }

    private JsonNode union(JsonNode type, JsonNode value, String path) {
        List<JsonNode> elements = new ArrayList<>();
        type.path("elements").forEach(e -> elements.add(file.resolve(e)));
        boolean allStrings = elements.stream().allMatch(e -> {
            String k = TypeFile.kind(e);
            return k.equals("StringLiteralType") || k.equals("StringType");
        });
        if (allStrings) {
            List<String> literals = elements.stream().filter(e -> TypeFile.kind(e).equals("StringLiteralType"))
                    .map(e -> e.path("value").asText()).toList();
            boolean open = elements.stream().anyMatch(e -> TypeFile.kind(e).equals("StringType"));
            if (!value.isTextual()) {
                fail(path, "must be a string, found " + describe(value));
            } else if (!open && literals.stream().noneMatch(l -> l.equalsIgnoreCase(value.asText()))) {
                fail(path, "must be one of " + quoted(literals) + ", found '" + value.asText() + "'");
            }
            return value;
        }
        for (JsonNode e : elements) {
            List<Violation> vs = check(file, e, value, path);
            if (vs.isEmpty()) {
                return value(e, value, path);
            }
        }
        fail(path, "matches none of the allowed types, found " + describe(value));
        return value;
    }

    private JsonNode array(JsonNode type, JsonNode value, String path) {
        if (!value.isArray()) {
            fail(path, "must be an array, found " + describe(value));
            return value;
        }
        if (type.has("minLength") && value.size() < type.get("minLength").asInt()) {
            fail(path, "must have at least " + type.get("minLength").asInt() + " items, found " + value.size());
        }
        if (type.has("maxLength") && value.size() > type.get("maxLength").asInt()) {
            fail(path, "must have at most " + type.get("maxLength").asInt() + " items, found " + value.size());
        }
        JsonNode itemType = file.resolve(type.get("itemType"));
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < value.size(); i++) {
            out.add(value(itemType, value.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private JsonNode object(JsonNode type, JsonNode value, String path, Set<String> skip) {
        if (!value.isObject()) {
            fail(path.isEmpty() ? "(body)" : path, "must be a JSON object, found " + describe(value));
            return value;
        }
        if (TypeFile.kind(type).equals("DiscriminatedObjectType") && file.variant(type, value) == null) {
            String disc = type.path("discriminator").asText();
            List<String> allowed = new ArrayList<>();
            type.path("elements").fieldNames().forEachRemaining(allowed::add);
            fail(join(path, disc), value.has(disc) ? "must be one of " + quoted(allowed) + ", found " + describe(value.get(disc))
                    : "is required (one of " + quoted(allowed) + ")");
        }
        Map<String, JsonNode> props = file.properties(type, value);
        JsonNode additional = file.additionalProperties(type);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> p : props.entrySet()) {
            int flags = TypeFile.flags(p.getValue());
            String key = actualKey(value, p.getKey());
            if (skip.contains(p.getKey()) || (flags & TypeFile.READ_ONLY) != 0) {
                continue;
            }
            if (key == null || value.get(key).isNull()) {
                if ((flags & TypeFile.REQUIRED) != 0) {
                    fail(join(path, p.getKey()), "is required");
                }
                continue;
            }
            out.set(p.getKey(), value(file.resolve(p.getValue().get("type")), value.get(key), join(path, p.getKey())));
        }
        if (additional != null) {
            value.fields().forEachRemaining(e -> {
                if (!out.has(e.getKey()) && props.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(e.getKey()))) {
                    out.set(e.getKey(), value(additional, e.getValue(), join(path, e.getKey())));
                }
            });
        }
        return out;
    }

    /** The key as the client spelled it (ARM's deserializers match property names case-insensitively). */
    private static String actualKey(JsonNode object, String name) {
        if (object.has(name)) {
            return name;
        }
        var it = object.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return null;
    }

    private void fail(String path, String message) {
        violations.add(new Violation(path, message));
    }

    private static Pattern pattern(String regex) {
        return PATTERNS.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                return UNCOMPILABLE;
            }
        });
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "the string '" + v.asText() + "'";
        }
        if (v.isNumber()) {
            return "the number " + v;
        }
        if (v.isBoolean()) {
            return "the boolean " + v;
        }
        if (v.isNull()) {
            return "null";
        }
        return v.isArray() ? "an array" : "an object";
    }
}
