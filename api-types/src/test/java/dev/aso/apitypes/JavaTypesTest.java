package dev.aso.apitypes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import dev.aso.api.meta.VersionMeta;
import dev.aso.conversion.Crds;
import dev.aso.conversion.RandomObjects;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed classes hold every field of their version: seeded random objects of every kind and version, the
 * generated samples and ASO's own samples go JSON → typed Java object → JSON unchanged, with no unknown field.
 */
class JavaTypesTest {

    private static final int SAMPLES_PER_VERSION = 40;
    private static final Path REPO = Path.of(System.getProperty("aso.repoRoot", ".."));
    private static final KindCatalog CATALOG = KindCatalog.load();
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @TestFactory
    List<DynamicTest> randomObjectsOfEveryVersionRoundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode crd : Crds.all()) {
            KindMeta kind = CATALOG.kind(crd.path("spec").path("group").asText(),
                    crd.path("spec").path("names").path("kind").asText()).orElseThrow();
            for (VersionMeta version : kind.versions()) {
                tests.add(DynamicTest.dynamicTest(kind.groupKind() + " " + version.name(), () -> {
                    Class<?> type = Class.forName(kind.typedClassName(version.name()));
                    RandomObjects random = new RandomObjects(version.name().hashCode() * 17L + kind.kind().hashCode());
                    for (int i = 0; i < SAMPLES_PER_VERSION; i++) {
                        ObjectNode original = random.resource(crd, kind, version);
                        JsonNode back = STRICT.valueToTree(STRICT.treeToValue(original, type));
                        assertThat(back).as("sample %d through %s", i, type.getName()).isEqualTo(original);
                    }
                }));
            }
        }
        return tests;
    }

    /** Numbers by value: a sample's {@code 1} is an int in YAML, {@code 1.0} once read into a Double field. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (x, y) -> x.isNumber() && y.isNumber()
            ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1;

    @TestFactory
    List<DynamicTest> generatedAndAsoSamplesReadIntoTheirTypes() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(REPO.resolve("api/target/samples"), REPO.resolve("aso-samples"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(REPO.relativize(file).toString(), () -> {
            JsonNode manifest = Crds.YAML.readTree(file.toFile());
            String[] groupVersion = manifest.path("apiVersion").asText().split("/");
            KindMeta kind = CATALOG.kind(groupVersion[0], manifest.path("kind").asText()).orElseThrow();
            Object typed = STRICT.treeToValue(manifest, Class.forName(kind.typedClassName(groupVersion[1])));
            JsonNode back = STRICT.valueToTree(typed);
            assertThat(back.equals(NUMBERS_BY_VALUE, manifest)).withFailMessage("%s%nread back as%n%s", manifest, back)
                    .isTrue();
        })).toList();
    }
}
