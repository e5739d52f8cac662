package dev.aso.codegen.bicep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.codegen.bicep.BicepType.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The types of one {@code types.json} file: an array whose entries refer to each other by index. */
public final class TypeGraph {

    private final Path file;
    private final List<BicepType> types;

    private TypeGraph(Path file, List<BicepType> types) {
        this.file = file;
        this.types = types;
    }

    /** Reads a {@code types.json}, or a {@code types.json.gz} as the repository keeps them. */
    public static TypeGraph load(Path file) throws IOException {
        JsonNode root;
        try (java.io.InputStream in = open(file)) {
            root = new ObjectMapper().readTree(in);
        }
        if (!root.isArray()) {
            throw new IOException(file + ": expected a JSON array of types");
        }
        List<BicepType> types = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            try {
                types.add(parse(root.get(i)));
            } catch (RuntimeException e) {
                throw new IOException(file + ": type #" + i + ": " + e.getMessage(), e);
            }
        }
        return new TypeGraph(file, types);
    }

    public Path file() {
        return file;
    }

    public BicepType get(int index) {
        return types.get(index);
    }

    public List<BicepType> all() {
        return types;
    }

    /** The resource type named {@code armType@apiVersion}, compared case-insensitively as ARM does. */
    public Optional<ResourceType> resource(String armType, String apiVersion) {
        String wanted = armType + "@" + apiVersion;
        return types.stream()
                .filter(t -> t instanceof ResourceType r && r.name().equalsIgnoreCase(wanted))
                .map(ResourceType.class::cast)
                .findFirst();
    }

    public List<ResourceFunctionType> functions(String armType) {
        return types.stream()
                .filter(t -> t instanceof ResourceFunctionType f && f.resourceType().equalsIgnoreCase(armType))
                .map(ResourceFunctionType.class::cast)
                .toList();
    }

    private static BicepType parse(JsonNode n) {
        String kind = n.path("$type").asText();
        return switch (kind) {
            case "StringType" -> new StringType(intOrNull(n, "minLength"), intOrNull(n, "maxLength"),
                    textOrNull(n, "pattern"), n.path("sensitive").asBoolean(false));
            case "IntegerType" -> new IntegerType(longOrNull(n, "minValue"), longOrNull(n, "maxValue"));
            case "BooleanType" -> new BooleanType();
            case "AnyType" -> new AnyType();
            case "StringLiteralType" -> new StringLiteralType(n.path("value").asText());
            case "UnionType" -> {
                List<Integer> elements = new ArrayList<>();
                n.path("elements").forEach(e -> elements.add(ref(e)));
                yield new UnionType(elements);
            }
            case "ArrayType" -> new ArrayType(ref(n.path("itemType")), intOrNull(n, "minLength"), intOrNull(n, "maxLength"));
            case "ObjectType" -> new ObjectType(n.path("name").asText(), properties(n.path("properties")),
                    n.has("additionalProperties") ? ref(n.path("additionalProperties")) : null);
            case "DiscriminatedObjectType" -> {
                Map<String, Integer> elements = new LinkedHashMap<>();
                n.path("elements").fields().forEachRemaining(e -> elements.put(e.getKey(), ref(e.getValue())));
                yield new DiscriminatedObjectType(n.path("name").asText(), n.path("discriminator").asText(),
                        properties(n.path("baseProperties")), elements);
            }
            case "ResourceType" -> new ResourceType(n.path("name").asText(), ref(n.path("body")),
                    n.path("readableScopes").asInt(0), n.path("writableScopes").asInt(0));
            case "ResourceFunctionType" -> new ResourceFunctionType(n.path("name").asText(),
                    n.path("resourceType").asText(), n.path("apiVersion").asText(),
                    n.has("output") ? ref(n.path("output")) : null, n.has("input") ? ref(n.path("input")) : null);
            default -> throw new IllegalArgumentException("unknown $type '" + kind + "'");
        };
    }

    private static Map<String, Property> properties(JsonNode node) {
        Map<String, Property> props = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> props.put(e.getKey(), new Property(ref(e.getValue().path("type")),
                e.getValue().path("flags").asInt(0), textOrNull(e.getValue(), "description"))));
        return props;
    }

    private static int ref(JsonNode node) {
        String ref = node.path("$ref").asText();
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("expected a {\"$ref\": \"#/N\"}, got " + node);
        }
        return Integer.parseInt(ref.substring(2));
    }

    private static Integer intOrNull(JsonNode n, String field) {
        return n.has(field) ? n.get(field).asInt() : null;
    }

    private static Long longOrNull(JsonNode n, String field) {
        return n.has(field) ? n.get(field).asLong() : null;
    }

    private static String textOrNull(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    /** True for a definitions file: {@code types.json} or {@code types.json.gz}. */
    public static boolean isDefinitions(Path file) {
        String name = file.getFileName().toString();
        return name.equals("types.json") || name.equals("types.json.gz");
    }

    /** The definitions file of a folder: {@code types.json}, else {@code types.json.gz}. */
    public static Path fileIn(Path folder) {
        Path plain = folder.resolve("types.json");
        return Files.isRegularFile(plain) ? plain : folder.resolve("types.json.gz");
    }

    private static java.io.InputStream open(Path file) throws IOException {
        java.io.InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new java.util.zip.GZIPInputStream(in, 1 << 16) : in;
    }
}
