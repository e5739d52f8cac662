package dev.aso.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
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
 * The project's generated samples, and ASO's own sample manifests (aso-samples/, a copy of some of ASO's v2/samples),
 * validate against the generated CRD schema, unknown fields refused as kubectl --validate=strict would. (That they
 * also read into the typed Java classes is checked in the optional api-types module.)
 */
class AsoSamplesTest {

    /** {@code -Daso.samplesDir=...} points the test at another copy, e.g. all of ASO's v2/samples. */
    private static final Path SAMPLES = System.getProperty("aso.samplesDir") != null
            ? Path.of(System.getProperty("aso.samplesDir"))
            : Path.of(System.getProperty("aso.repoRoot", "..")).resolve("aso-samples").normalize();

    /** Written by the api module's build (not committed). */
    private static final Path OUR_SAMPLES = Path.of(System.getProperty("aso.repoRoot", "..")).resolve("api/target/samples");

    @TestFactory
    List<DynamicTest> asoSamplesApplyUnchanged() throws Exception {
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
