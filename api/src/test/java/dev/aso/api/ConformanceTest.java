package dev.aso.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aso.codegen.surface.AsoSurface;
import dev.aso.codegen.surface.Conformance;
import dev.aso.codegen.surface.Conformance.Difference;
import dev.aso.codegen.surface.Conformance.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind-version the build generates has exactly ASO's {@code spec} and {@code status} paths and shapes
 * (aso-api/), and serves no version ASO does not, but for the reasoned exclusions of
 * {@code codegen/config/conformance-exclusions.yaml}, and the kind-versions listed there as pending (the generator's
 * known gaps: the test fails when one of them conforms, so that the list only shrinks). Prints per group how many
 * kind-versions are exact, generated, and served by ASO.
 */
class ConformanceTest {

    /** The path of an exclusion for a whole version that ASO does not serve. */
    private static final String VERSION = "(version)";
    private static final Path REPO = Path.of(System.getProperty("aso.repoRoot", ".."));
    private static final Path CRDS = Path.of("target/generated-resources/codegen/crds");
    private static final Path DIFFERENCES = Path.of("target/conformance-differences.txt");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final List<String> unexplainedDifferences = new ArrayList<>();
    private static final List<String> versionsAsoDoesNotServe = new ArrayList<>();
    private static final List<String> namesUnlikeAsos = new ArrayList<>();
    private static final List<Exclusion> exclusions = new ArrayList<>();
    private static final Set<Exclusion> usedExclusions = new HashSet<>();
    /** Kind-versions whose differences the generator does not fix yet: "group/Kind version" or "group/Kind *". */
    private static final List<String> pending = new ArrayList<>();
    private static final Set<String> pendingWithDifferences = new HashSet<>();

    @BeforeAll
    static void compare() throws IOException {
        Map<String, Map<String, JsonNode>> crds = new HashMap<>();
        try (Stream<Path> files = Files.list(CRDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                JsonNode crd = YAML.readTree(file.toFile());
                crds.computeIfAbsent(crd.path("spec").path("group").asText(), g -> new HashMap<>())
                        .put(crd.path("spec").path("names").path("kind").asText(), crd);
            }
        }
        assertThat(crds).as("generated CRDs under " + CRDS.toAbsolutePath()).isNotEmpty();
        JsonNode file = YAML.readTree(REPO.resolve("codegen/config/conformance-exclusions.yaml").toFile());
        file.path("exclusions").forEach(e -> exclusions.add(new Exclusion(e.path("kindVersion").asText(),
                e.path("path").asText(), e.path("reason").asText())));
        file.path("pending").forEach(p -> pending.add(p.asText()));

        AsoSurface surface = AsoSurface.load(REPO.resolve("aso-api"));
        Conformance.Report report = new Conformance(surface).compare(crds);
        System.out.println("Conformance with ASO's surface (kind-versions):\n" + report.summary());
        List<String> allDifferences = new ArrayList<>();
        for (Result result : report.results()) {
            result.differences().forEach(d -> allDifferences.add(result.key() + ": " + d));
            String pendingEntry = pending.stream().filter(p -> matches(p, result.key())).findFirst().orElse(null);
            for (Difference d : result.differences()) {
                if (excluded(result.key(), d.path())) {
                    continue;
                }
                if (pendingEntry != null) {
                    pendingWithDifferences.add(pendingEntry);
                } else {
                    unexplainedDifferences.add(result.key() + ": " + d);
                }
            }
        }
        System.out.println("Pending (listed as not conforming yet): " + pending.size() + " entries");
        Files.write(DIFFERENCES, allDifferences);
        System.out.println("Every difference, excluded and pending ones too: " + DIFFERENCES.toAbsolutePath());
        crds.forEach((group, kinds) -> kinds.forEach((kind, crd) -> surface.kind(group.replace(".azure.com", ""), kind)
                .ifPresent(asos -> {
                    JsonNode names = crd.path("spec").path("names");
                    List<String> categories = new ArrayList<>();
                    names.path("categories").forEach(c -> categories.add(c.asText()));
                    if (!names.path("plural").asText().equals(asos.plural()) || !categories.equals(asos.categories())) {
                        namesUnlikeAsos.add(group + "/" + kind + ": plural " + names.path("plural").asText()
                                + ", categories " + categories + "; ASO: " + asos.plural() + ", " + asos.categories());
                    }
                })));
        crds.forEach((group, kinds) -> kinds.forEach((kind, crd) -> crd.path("spec").path("versions").forEach(v -> {
            String key = group + "/" + kind + " " + v.path("name").asText();
            boolean asoServes = surface.kind(group.replace(".azure.com", ""), kind)
                    .map(k -> k.versions().containsKey(v.path("name").asText())).orElse(false);
            if (v.path("served").asBoolean() && !v.path("storage").asBoolean() && !asoServes && !excluded(key, VERSION)) {
                versionsAsoDoesNotServe.add(key);
            }
        })));
    }

    @Test
    void everyGeneratedKindVersionHasAsosPathsAndShapes() {
        assertThat(unexplainedDifferences).as("differences from ASO's surface; fix the generator, or list them with a"
                + " reason in codegen/config/conformance-exclusions.yaml").isEmpty();
    }

    @Test
    void everyServedVersionButTheHubIsOneOfAsos() {
        assertThat(versionsAsoDoesNotServe).as("served versions ASO does not serve (or list them with path '"
                + VERSION + "' and a reason in codegen/config/conformance-exclusions.yaml)").isEmpty();
    }

    @Test
    void everyCrdHasAsosPluralAndCategories() {
        assertThat(namesUnlikeAsos).as("CRD names unlike ASO's").isEmpty();
    }

    @Test
    void everyPendingEntryStillDiffers() {
        assertThat(pending).as("entries of 'pending' in codegen/config/conformance-exclusions.yaml that conform now:"
                + " remove them").allMatch(pendingWithDifferences::contains);
    }

    @Test
    void everyExclusionHasAReasonAndStillMatches() {
        assertThat(exclusions).allSatisfy(e -> {
            assertThat(e.reason()).as("the reason of " + e).isNotBlank();
            assertThat(usedExclusions).as("an exclusion that no longer matches anything: remove it").contains(e);
        });
    }

    /** {@code entry} is {@code group/Kind version} or {@code group/Kind *}. */
    private static boolean matches(String entry, String key) {
        return entry.endsWith(" *") ? key.startsWith(entry.substring(0, entry.length() - 1)) : key.equals(entry);
    }

    private static boolean excluded(String kindVersion, String path) {
        List<Exclusion> matching = exclusions.stream().filter(e -> e.matches(kindVersion, path)).toList();
        usedExclusions.addAll(matching);
        return !matching.isEmpty();
    }

    /** {@code kindVersion} is {@code group/Kind version}, or {@code group/Kind *} for every version of the kind. */
    record Exclusion(String kindVersion, String path, String reason) {

        /** The path itself, or any path under it ({@code .status.systemData} covers its fields). */
        boolean matches(String key, String differencePath) {
            return ConformanceTest.matches(kindVersion, key) && (differencePath.equals(path)
                    || differencePath.startsWith(path + ".") || differencePath.startsWith(path + "[")
                    || differencePath.startsWith(path + "{"));
        }
    }
}
