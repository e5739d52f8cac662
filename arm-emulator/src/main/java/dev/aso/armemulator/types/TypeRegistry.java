package dev.aso.armemulator.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every types.json under a directory laid out as {@code <folder>/<namespace>/<api-version>/types.json},
 * indexed by namespace and version at start and parsed on first use, so that a full checkout of the
 * type definitions starts as fast as the repository's subset. Names are case-insensitive.
 * Aliases ("Microsoft.X/y@2025-01-01" to "2023-01-01") let a client use an API version that is not
 * in the directory, validated with the definition of one that is.
 */
public final class TypeRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Map<String, Map<String, List<Path>>> filesByNamespace = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<Path, Parsed> parsed = new ConcurrentHashMap<>();

    private record Parsed(Map<String, ResourceTypeDef> types, List<FunctionDef> functions) {
    }

    public TypeRegistry(Path root, Map<String, String> apiVersionAliases) {
        this.root = root;
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("the types directory " + root.toAbsolutePath()
                    + " does not exist: pass --types <dir> with a copy of the Azure type definitions");
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(TypeRegistry::isDefinitions).forEach(this::index);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + root + ": " + e.getMessage(), e);
        }
        if (filesByNamespace.isEmpty()) {
            throw new IllegalArgumentException("no types.json or types.json.gz found under " + root.toAbsolutePath());
        }
        apiVersionAliases.forEach((from, to) -> {
            if (!from.contains("@")) {
                throw new IllegalArgumentException("api-version alias '" + from + "' must look like Microsoft.X/type@version");
            }
            aliases.put(from.toLowerCase(Locale.ROOT), to);
        });
    }

    private void index(Path file) {
        Path versionDir = file.getParent();
        Path nsDir = versionDir == null ? null : versionDir.getParent();
        if (nsDir == null) {
            return;
        }
        filesByNamespace.computeIfAbsent(lower(nsDir.getFileName().toString()), k -> new TreeMap<>())
                .computeIfAbsent(versionDir.getFileName().toString(), k -> new ArrayList<>()).add(file);
    }

    /** The namespaces with at least one types.json, lower-cased. */
    public List<String> namespaces() {
        return filesByNamespace.keySet().stream().sorted().toList();
    }

    public boolean hasNamespace(String namespace) {
        return filesByNamespace.containsKey(lower(namespace));
    }

    /** The definition of the type at the version (directly or through an alias). */
    public Optional<ResourceTypeDef> find(String fullType, String apiVersion) {
        String version = aliases.getOrDefault(lower(fullType) + "@" + lower(apiVersion), apiVersion);
        for (Path f : files(namespaceOf(fullType), version)) {
            ResourceTypeDef d = parse(f).types().get(lower(fullType));
            if (d != null) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Every version the type exists in, aliases included, sorted. */
    public List<String> versions(String fullType) {
        TreeSet<String> out = new TreeSet<>();
        Map<String, List<Path>> byVersion = filesByNamespace.getOrDefault(lower(namespaceOf(fullType)), Map.of());
        byVersion.forEach((version, files) -> {
            if (files.stream().anyMatch(f -> parse(f).types().containsKey(lower(fullType)))) {
                out.add(version);
            }
        });
        String prefix = lower(fullType) + "@";
        aliases.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(k -> out.add(k.substring(prefix.length())));
        return List.copyOf(out);
    }

    /** The canonical names of all resource types of a namespace with their versions (for the providers endpoint). */
    public Map<String, List<String>> typesOf(String namespace) {
        Map<String, TreeSet<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        filesByNamespace.getOrDefault(lower(namespace), Map.of()).forEach((version, files) -> files.forEach(f ->
                parse(f).types().values().forEach(d -> out.computeIfAbsent(d.name(), k -> new TreeSet<>()).add(version))));
        Map<String, List<String>> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.forEach((k, v) -> result.put(k, List.copyOf(v)));
        return result;
    }

    /** The POST action of the resource type at the version, by name (case-insensitive). */
    public Optional<FunctionDef> function(String fullType, String apiVersion, String name) {
        String version = aliases.getOrDefault(lower(fullType) + "@" + lower(apiVersion), apiVersion);
        for (Path f : files(namespaceOf(fullType), version)) {
            for (FunctionDef fn : parse(f).functions()) {
                if (fn.resourceType().equalsIgnoreCase(fullType) && fn.name().equalsIgnoreCase(name)) {
                    return Optional.of(fn);
                }
            }
        }
        return Optional.empty();
    }

    private List<Path> files(String namespace, String version) {
        Map<String, List<Path>> byVersion = filesByNamespace.getOrDefault(lower(namespace), Map.of());
        for (Map.Entry<String, List<Path>> e : byVersion.entrySet()) {
            if (e.getKey().equalsIgnoreCase(version)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    /** {@code types.json}, or {@code types.json.gz} as the repository keeps them. */
    private static boolean isDefinitions(Path file) {
        String name = file.getFileName().toString();
        return name.equals("types.json") || name.equals("types.json.gz");
    }

    private static java.io.InputStream open(Path file) throws IOException {
        java.io.InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new java.util.zip.GZIPInputStream(in, 1 << 16) : in;
    }

    private Parsed parse(Path file) {
        return parsed.computeIfAbsent(file, f -> {
            TypeFile tf;
            try {
                try (java.io.InputStream in = open(f)) {
                    tf = new TypeFile(root.relativize(f).toString(), JSON.readTree(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
            Map<String, ResourceTypeDef> types = new HashMap<>();
            List<FunctionDef> functions = new ArrayList<>();
            for (int i = 0; i < tf.size(); i++) {
                JsonNode t = tf.type(i);
                switch (TypeFile.kind(t)) {
                    case "ResourceType" -> {
                        String[] nv = t.path("name").asText().split("@", 2);
                        int scopes = t.path("writableScopes").asInt(t.path("scopeType").asInt(0));
                        ResourceTypeDef def = new ResourceTypeDef(nv[0], nv.length > 1 ? nv[1] : "", tf, tf.resolve(t.get("body")), scopes);
                        types.merge(lower(nv[0]), def, (a, b) -> (a.writableScopes() & 8) != 0 ? a : b);
                    }
                    case "ResourceFunctionType" -> functions.add(new FunctionDef(t.path("name").asText(),
                            t.path("resourceType").asText(), t.path("apiVersion").asText(), tf,
                            t.has("input") ? tf.resolve(t.get("input")) : null,
                            t.has("output") ? tf.resolve(t.get("output")) : null));
                    default -> {
                    }
                }
            }
            return new Parsed(types, functions);
        });
    }

    private static String namespaceOf(String fullType) {
        int slash = fullType.indexOf('/');
        return slash < 0 ? fullType : fullType.substring(0, slash);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
