package dev.aso.conversion;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's generated samples, and ASO's own sample manifests (../shared/aso-samples, beside the repository; the test says so and skips when that
 * folder is absent) deserialize into the generated Java types with no unknown field and validate against the
 * generated CRD schema, unknown fields refused as kubectl --validate=strict would.
 */
class AsoSamplesTest {

    /** {@code -Daso.samplesDir=...} points the test at another copy, e.g. all of ASO's v2/samples. */
    private static final Path SAMPLES = System.getProperty("aso.samplesDir") != null
            ? Path.of(System.getProperty("aso.samplesDir"))
            : Path.of(System.getProperty("aso.repoRoot", "..")).resolve("../shared/aso-samples").normalize();
    private static final dev.aso.api.meta.KindCatalog CATALOG = dev.aso.api.meta.KindCatalog.load();
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Written by the api module's build (not committed). */
    private static final Path OUR_SAMPLES = Path.of(System.getProperty("aso.repoRoot", "..")).resolve("api/target/samples");

    @TestFactory
    List<DynamicTest> asoSamplesApplyUnchanged() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLES),
                "ASO's samples are not at " + SAMPLES + " (they come with the developers' shared folder): skipped");
        return manifestTests(SAMPLES);
    }

    @TestFactory
    List<DynamicTest> generatedSamplesAreValid() throws Exception {
        return manifestTests(OUR_SAMPLES);
    }

    private static List<DynamicTest> manifestTests(Path dir) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("manifests under %s", dir).isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            tests.add(DynamicTest.dynamicTest(dir.relativize(file).toString(), () -> check(file)));
        }
        return tests;
    }

    private static void check(Path file) throws Exception {
        JsonNode manifest = Crds.YAML.readTree(file.toFile());
        String[] groupVersion = manifest.path("apiVersion").asText().split("/");
        String kind = manifest.path("kind").asText();
        JsonNode crd = Crds.all().stream()
                .filter(c -> c.path("spec").path("group").asText().equals(groupVersion[0])
                        && c.path("spec").path("names").path("kind").asText().equals(kind))
                .findFirst().orElseThrow(() -> new AssertionError("no CRD for " + groupVersion[0] + "/" + kind));

        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(strict(Crds.schema(crd, groupVersion[1]).deepCopy()));
        List<Error> errors = schema.validate(manifest);
        assertThat(errors).as("%s against the %s CRD schema", file.getFileName(), groupVersion[1]).isEmpty();

        Class<?> type = Class.forName(CATALOG.kind(groupVersion[0], kind).orElseThrow().className(groupVersion[1]));
        Object typed = STRICT.treeToValue(manifest, type);
        // compared as JSON text re-read, so that YAML's int and the Java type's long compare equal
        assertThat(STRICT.readTree(STRICT.writeValueAsString(typed)))
                .isEqualTo(STRICT.readTree(STRICT.writeValueAsString(manifest)));
    }

    /** Turns a structural schema into a JSON Schema that refuses unknown fields, as kubectl --validate=strict. */
    private static JsonNode strict(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if ("object".equals(object.path("type").asText()) && object.has("properties")
                    && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            if (object.path("properties").has("metadata")) {
                ((ObjectNode) object.get("properties").get("metadata")).put("additionalProperties", true);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                strict(it.next().getValue());
            }
        } else if (schema != null && schema.isArray()) {
            schema.forEach(AsoSamplesTest::strict);
        }
        return schema;
    }
}
