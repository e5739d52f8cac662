package dev.aso.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every generated kind, read once from the metadata the generator put on the classpath: the one catalog the controller,
 * the conversion and the webhooks read.
 */
public final class KindCatalog {

    private final Map<String, KindMeta> byGroupKind;

    private KindCatalog(Map<String, KindMeta> byGroupKind) {
        this.byGroupKind = byGroupKind;
    }

    /** Loads the catalog from the classpath; fails with the name of the file that is missing or broken. */
    public static KindCatalog load() {
        return load(KindCatalog.class.getClassLoader(), "");
    }

    /**
     * Loads the catalog under {@code prefix} ({@code <prefix>meta/index.txt} and the files it lists), as the generator
     * writes it; fails with the name of the file that is missing or broken.
     */
    public static KindCatalog load(ClassLoader classLoader, String prefix) {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, KindMeta> kinds = new LinkedHashMap<>();
        Map<String, String> admissions = new HashMap<>();
        for (String file : read(classLoader, prefix + "meta/index.txt").split("\n")) {
            if (file.isBlank()) {
                continue;
            }
            String path = prefix + "meta/" + file.trim();
            try {
                KindMeta kind = parse(mapper.readTree(read(classLoader, path)), admissions);
                kinds.put(kind.groupKind(), kind);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(path + ": cannot be read: " + e.getMessage(), e);
            }
        }
        return new KindCatalog(kinds);
    }

    public Optional<KindMeta> kind(String group, String kind) {
        return Optional.ofNullable(byGroupKind.get(group + "/" + kind));
    }

    public Collection<KindMeta> kinds() {
        return byGroupKind.values();
    }

    /** @param admissions the admission texts read so far, so that versions that say the same share one string */
    private static KindMeta parse(JsonNode root, Map<String, String> admissions) {
        List<VersionMeta> versions = new ArrayList<>();
        for (JsonNode v : root.path("versions")) {
            List<String> actions = new ArrayList<>();
            v.path("actions").forEach(a -> actions.add(a.asText()));
            List<String> requiredContainers = new ArrayList<>();
            v.path("requiredContainers").forEach(c -> requiredContainers.add(c.asText()));
            versions.add(new VersionMeta(v.path("name").asText(), v.path("apiVersion").asText(),
                    v.path("storage").asBoolean(), v.path("deprecated").asBoolean(), List.copyOf(actions),
                    (Shape.ObjectOf) shape(v.path("spec")), (Shape.ObjectOf) shape(v.path("status")),
                    List.copyOf(requiredContainers),
                    v.has("admission") ? admissions.computeIfAbsent(v.get("admission").toString(), text -> text) : null));
        }
        return new KindMeta(root.path("group").asText(), root.path("kind").asText(), root.path("plural").asText(),
                text(root, "armType"), text(root, "ownerArmType"), text(root, "ownerKind"), root.path("arbitraryOwner").asBoolean(),
                text(root, "fixedAzureName"), root.path("hubVersion").asText(), text(root, "recommendedVersion"), List.copyOf(versions), root.path("exports"));
    }

    static Shape shape(JsonNode node) {
        String type = node.path("type").asText();
        switch (type) {
            case "object": {
                Map<String, FieldMeta> fields = new LinkedHashMap<>();
                node.path("fields").fields().forEachRemaining(e -> {
                    JsonNode arm = e.getValue().get("arm");
                    fields.put(e.getKey(), new FieldMeta(e.getKey(), shape(e.getValue()), arm == null ? null
                            : new FieldMeta.ArmMeta(arm.path("name").asText(),
                            arm.path("properties").asBoolean(false) ? "properties" : arm.path("in").asText(null),
                            arm.path("role").asText(), arm.hasNonNull("oneOfValue") ? arm.get("oneOfValue").asText() : null)));
                });
                return new Shape.ObjectOf(fields);
            }
            case "array":
                return new Shape.ArrayOf(shape(node.path("items")));
            case "map":
                return new Shape.MapOf(shape(node.path("values")));
            case "common":
                return new Shape.Scalar("common:" + node.path("common").asText());
            case "string": case "integer": case "number": case "boolean": case "any":
                return new Shape.Scalar(type);
            default:
                throw new IllegalArgumentException("unknown shape type '" + type + "'");
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String read(ClassLoader classLoader, String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (is aso-api built with its generated resources?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
        }
    }
}
