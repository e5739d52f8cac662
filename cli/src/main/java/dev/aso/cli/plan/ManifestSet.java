package dev.aso.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.cli.Manifests;
import dev.aso.cli.UsageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The objects of the files given with {@code -f} (YAML documents, or JSON, {@code v1 List}s expanded; a folder: its
 * {@code .yaml}, {@code .yml} and {@code .json} files), each with a namespace (its own, else the default one), so
 * that owners, references and ConfigMaps can be found among them by name as the operator finds them in a namespace.
 */
public final class ManifestSet {

    private final List<ObjectNode> objects;

    private ManifestSet(List<ObjectNode> objects) {
        this.objects = List.copyOf(objects);
    }

    public static ManifestSet read(List<Path> paths, String defaultNamespace) {
        List<ObjectNode> objects = new ArrayList<>();
        for (Path path : paths) {
            for (Path file : files(path)) {
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UsageException("cannot read " + file + ": " + e.getMessage());
                }
                List<ObjectNode> parsed;
                try {
                    parsed = Manifests.parseYaml(text);
                } catch (UncheckedIOException e) {
                    throw new UsageException(file + " is not YAML or JSON: " + e.getCause().getMessage().split("\n")[0]);
                }
                for (ObjectNode o : parsed) {
                    add(objects, o, defaultNamespace, file);
                }
            }
        }
        return new ManifestSet(objects);
    }

    private static void add(List<ObjectNode> objects, ObjectNode o, String defaultNamespace, Path file) {
        if (o == null || o.isEmpty()) {
            return;
        }
        if (o.path("kind").asText().equals("List") && o.path("items").isArray()) {
            for (JsonNode item : o.path("items")) {
                if (item instanceof ObjectNode obj) {
                    add(objects, obj, defaultNamespace, file);
                }
            }
            return;
        }
        if (o.path("apiVersion").asText().isEmpty() || o.path("kind").asText().isEmpty()
                || o.path("metadata").path("name").asText().isEmpty()) {
            throw new UsageException(file + ": an object without apiVersion, kind or metadata.name");
        }
        ObjectNode metadata = (ObjectNode) o.path("metadata");
        if (metadata.path("namespace").asText().isEmpty()) {
            metadata.put("namespace", defaultNamespace);
        }
        objects.add(o);
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            if (!Files.isRegularFile(path)) {
                throw new UsageException(path + " does not exist");
            }
            return List.of(path);
        }
        try (Stream<Path> s = Files.list(path)) {
            return s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
        } catch (IOException e) {
            throw new UsageException("cannot list " + path + ": " + e.getMessage());
        }
    }

    public List<ObjectNode> objects() {
        return objects;
    }

    /** The object of {@code group}/{@code kind} called {@code name} in {@code namespace}. */
    public Optional<ObjectNode> find(String group, String kind, String namespace, String name) {
        return objects.stream().filter(o -> groupOf(o).equals(group) && o.path("kind").asText().equals(kind)
                && o.path("metadata").path("namespace").asText().equals(namespace)
                && o.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    /** The value of the ConfigMap key a ConfigMapReference ({@code name}, {@code key}) names, from the manifests. */
    public String configMapValue(String namespace, JsonNode reference, String fieldPath) throws PlanException {
        String name = reference.path("name").asText("");
        String key = reference.path("key").asText("");
        ObjectNode map = find("", "ConfigMap", namespace, name).orElseThrow(() -> new PlanException(fieldPath
                + ": ConfigMap " + namespace + "/" + name + " is not among the manifests given; add its file to -f"));
        JsonNode value = map.path("data").get(key);
        if (value == null || !value.isTextual()) {
            throw new PlanException(fieldPath + ": ConfigMap " + namespace + "/" + name + " has no key '" + key + "'");
        }
        return value.asText();
    }

    public static String groupOf(ObjectNode o) {
        String apiVersion = o.path("apiVersion").asText();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    /** {@code Kind namespace/name}, how the user's objects are named in messages. */
    public static String describe(ObjectNode o) {
        return o.path("kind").asText() + " " + o.path("metadata").path("namespace").asText() + "/"
                + o.path("metadata").path("name").asText();
    }
}
