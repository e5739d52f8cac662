package dev.aso.codegen.surface;

import dev.aso.codegen.bicep.BicepType;
import dev.aso.codegen.bicep.TypeGraph;

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
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the definition of an ARM type at an api-version is: the folders of the types root
 * ({@code <folder>/<namespace>/<api-version>}), read lazily, each file once.
 */
public final class TypesIndex {

    private final Path root;
    /** namespace (lower case) → api-version → folders relative to the root */
    private final Map<String, TreeMap<String, List<String>>> folders = new HashMap<>();
    private final Map<String, Set<String>> resourceTypesOf = new HashMap<>();

    public TypesIndex(Path root) throws IOException {
        this.root = root;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(TypeGraph::isDefinitions).sorted().toList()) {
                Path version = file.getParent();
                String namespace = version.getParent().getFileName().toString().toLowerCase(Locale.ROOT);
                folders.computeIfAbsent(namespace, n -> new TreeMap<>())
                        .computeIfAbsent(version.getFileName().toString(), v -> new ArrayList<>())
                        .add(root.relativize(version).toString().replace('\\', '/'));
            }
        }
    }

    /** The folder defining {@code armType@apiVersion}. */
    public Optional<String> folder(String armType, String apiVersion) {
        return folders.getOrDefault(namespace(armType), new TreeMap<>()).getOrDefault(apiVersion, List.of()).stream()
                .filter(f -> defines(f, armType, apiVersion)).findFirst();
    }

    /**
     * The api-version nearest in date to {@code apiVersion} whose definitions have {@code armType} (a stable one
     * before a preview at the same distance), for the versions whose definitions are not published.
     */
    public Optional<String> nearestVersion(String armType, String apiVersion) {
        int wanted = days(apiVersion);
        return folders.getOrDefault(namespace(armType), new TreeMap<>()).keySet().stream()
                .filter(v -> folder(armType, v).isPresent())
                .min(java.util.Comparator.comparingInt((String v) -> Math.abs(days(v) - wanted))
                        .thenComparing(v -> v.contains("preview")));
    }

    private boolean defines(String folder, String armType, String apiVersion) {
        Set<String> types = resourceTypesOf.computeIfAbsent(folder, f -> {
            try {
                return TypeGraph.load(TypeGraph.fileIn(root.resolve(f))).all().stream()
                        .filter(t -> t instanceof BicepType.ResourceType)
                        .map(t -> ((BicepType.ResourceType) t).name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return types.contains((armType + "@" + apiVersion).toLowerCase(Locale.ROOT));
    }

    private static String namespace(String armType) {
        return armType.substring(0, armType.indexOf('/')).toLowerCase(Locale.ROOT);
    }

    /** Days since year 0 of an api-version's date ({@code 2023-08-01-preview}). */
    private static int days(String apiVersion) {
        String[] p = apiVersion.split("-");
        return Integer.parseInt(p[0]) * 372 + Integer.parseInt(p[1]) * 31 + Integer.parseInt(p[2]);
    }
}
