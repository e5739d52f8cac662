package dev.aso.codegen.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * ASO's API surface ({@code aso-api/}): every kind ASO serves, its versions, the ARM type and api-version of each and
 * the paths and shapes of {@code spec} and {@code status}. The compatibility target the generator derives from and
 * the conformance check compares with.
 */
public final class AsoSurface {

    private final Map<String, Map<String, SurfaceKind>> kindsByGroup;

    private AsoSurface(Map<String, Map<String, SurfaceKind>> kindsByGroup) {
        this.kindsByGroup = kindsByGroup;
    }

    /** Reads {@code <group>.json} or {@code <group>.json.gz} for every group of the folder's index. */
    public static AsoSurface load(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode index = read(json, folder, "index");
        Map<String, Map<String, SurfaceKind>> groups = new TreeMap<>();
        for (var it = index.path("groups").fieldNames(); it.hasNext(); ) {
            String group = it.next();
            JsonNode file = read(json, folder, group);
            Map<String, SurfaceKind> kinds = new TreeMap<>();
            file.path("kinds").fields().forEachRemaining(k -> kinds.put(k.getKey(), kind(group, k.getKey(), k.getValue())));
            groups.put(group, kinds);
        }
        return new AsoSurface(groups);
    }

    /** Short group names ({@code cache}), sorted. */
    public List<String> groups() {
        return List.copyOf(kindsByGroup.keySet());
    }

    public Map<String, SurfaceKind> kinds(String group) {
        return kindsByGroup.getOrDefault(group, Map.of());
    }

    public java.util.Optional<SurfaceKind> kind(String group, String kind) {
        return java.util.Optional.ofNullable(kinds(group).get(kind));
    }

    public int versionCount() {
        return kindsByGroup.values().stream().flatMap(k -> k.values().stream()).mapToInt(k -> k.versions().size()).sum();
    }

    private static SurfaceKind kind(String group, String name, JsonNode node) {
        Map<String, SurfaceVersion> versions = new LinkedHashMap<>();
        node.path("versions").fields().forEachRemaining(v -> versions.put(v.getKey(), new SurfaceVersion(v.getKey(),
                text(v.getValue(), "apiVersion"), text(v.getValue(), "armType"),
                paths(v.getValue().path("spec")), paths(v.getValue().path("status")))));
        List<String> shortNames = new ArrayList<>();
        node.path("shortNames").forEach(s -> shortNames.add(s.asText()));
        List<String> categories = new ArrayList<>();
        node.path("categories").forEach(s -> categories.add(s.asText()));
        return new SurfaceKind(group, name, node.path("plural").asText(), node.path("scope").asText(),
                List.copyOf(shortNames), List.copyOf(categories), Collections.unmodifiableMap(versions));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Map<String, String> paths(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        list.forEach(pair -> out.put(pair.get(0).asText(), pair.get(1).asText()));
        return Collections.unmodifiableMap(out);
    }

    private static JsonNode read(ObjectMapper json, Path folder, String name) throws IOException {
        Path plain = folder.resolve(name + ".json");
        Path file = Files.isRegularFile(plain) ? plain : folder.resolve(name + ".json.gz");
        if (!Files.isRegularFile(file)) {
            throw new IOException(folder + ": neither " + name + ".json nor " + name + ".json.gz (is this ASO's surface, aso-api/?)");
        }
        try (InputStream in = file.equals(plain) ? Files.newInputStream(file)
                : new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return json.readTree(in);
        }
    }

    /**
     * One kind of ASO.
     *
     * @param group    the short group name ({@code cache})
     * @param versions served versions in ASO's order, by name
     */
    public record SurfaceKind(String group, String kind, String plural, String scope, List<String> shortNames,
                              List<String> categories, Map<String, SurfaceVersion> versions) {

        public String fullGroup() {
            return group + ".azure.com";
        }
    }

    /**
     * One served version of a kind.
     *
     * @param armType null for the kinds that are not ARM resources (database users, Entra groups)
     * @param spec    path ({@code .spec.owner.name}; {@code []} each item, {@code {}} each map value) → shape
     * @param status  the same for {@code status}
     */
    public record SurfaceVersion(String name, String apiVersion, String armType, Map<String, String> spec,
                                 Map<String, String> status) { }
}
