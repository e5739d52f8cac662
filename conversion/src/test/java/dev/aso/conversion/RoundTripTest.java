package dev.aso.conversion;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import dev.aso.api.meta.VersionMeta;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every generated kind and served version, seeded random objects go version → hub → version unchanged, and
 * JSON → typed Java object → JSON unchanged.
 */
class RoundTripTest {

    private static final int SAMPLES_PER_VERSION = 40;
    private static final KindCatalog CATALOG = KindCatalog.load();
    private static final HubConverter CONVERTER = new HubConverter(CATALOG);
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @TestFactory
    List<DynamicTest> everyVersionRoundTripsThroughTheHub() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode crd : Crds.all()) {
            KindMeta kind = kindOf(crd);
            for (VersionMeta version : kind.versions()) {
                tests.add(DynamicTest.dynamicTest(kind.groupKind() + " " + version.name() + " → hub → back", () -> {
                    RandomObjects random = new RandomObjects(version.name().hashCode() * 31L + kind.kind().hashCode());
                    for (int i = 0; i < SAMPLES_PER_VERSION; i++) {
                        ObjectNode original = randomObject(crd, kind, version, random);
                        ObjectNode hub = CONVERTER.convert(original, kind.group() + "/" + kind.hubVersion());
                        assertThat(hub.path("apiVersion").asText()).isEqualTo(kind.group() + "/" + kind.hubVersion());
                        ObjectNode back = CONVERTER.convert(hub, kind.group() + "/" + version.name());
                        assertThat(back).as("sample %d of %s %s through the hub", i, kind.kind(), version.name())
                                .isEqualTo(original);
                    }
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> hubObjectsReadAndWrittenAtAnyVersionLoseNothing() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode crd : Crds.all()) {
            KindMeta kind = kindOf(crd);
            VersionMeta hubVersion = kind.hub();
            for (VersionMeta version : kind.versions()) {
                if (version.storage()) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(kind.groupKind() + " hub → " + version.name() + " → hub", () -> {
                    RandomObjects random = new RandomObjects(version.name().hashCode() * 7L + kind.kind().hashCode());
                    for (int i = 0; i < SAMPLES_PER_VERSION; i++) {
                        ObjectNode hub = randomObject(crd, kind, hubVersion, random);
                        ObjectNode spoke = CONVERTER.convert(hub, kind.group() + "/" + version.name());
                        ObjectNode back = CONVERTER.convert(spoke, kind.group() + "/" + hubVersion.name());
                        // written at an older version, the object's originalVersion is that version
                        ((ObjectNode) hub.get("spec")).put("originalVersion", version.name());
                        // compared as re-read JSON text: values restored from the annotation come back as JSON
                        // numbers of the smallest Java type, equal in JSON but not to Jackson's node equality
                        assertThat(STRICT.readTree(back.toString()))
                                .as("sample %d of %s hub through %s", i, kind.kind(), version.name())
                                .isEqualTo(STRICT.readTree(hub.toString()));
                    }
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyVersionRoundTripsThroughItsJavaType() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode crd : Crds.all()) {
            KindMeta kind = kindOf(crd);
            for (VersionMeta version : kind.versions()) {
                tests.add(DynamicTest.dynamicTest(kind.groupKind() + " " + version.name() + " JSON → Java → JSON", () -> {
                    Class<?> type = Class.forName("dev.aso.api." + kind.group().replace(".azure.com", "") + "."
                            + version.name() + "." + kind.kind());
                    RandomObjects random = new RandomObjects(version.name().hashCode() * 17L + kind.kind().hashCode());
                    for (int i = 0; i < SAMPLES_PER_VERSION; i++) {
                        ObjectNode original = randomObject(crd, kind, version, random);
                        Object typed = STRICT.treeToValue(original, type);
                        JsonNode back = STRICT.valueToTree(typed);
                        assertThat(back).as("sample %d of %s %s through %s", i, kind.kind(), version.name(), type)
                                .isEqualTo(original);
                    }
                }));
            }
        }
        return tests;
    }

    private static ObjectNode randomObject(JsonNode crd, KindMeta kind, VersionMeta version, RandomObjects random) {
        JsonNode schema = Crds.schema(crd, version.name());
        ObjectNode object = new ObjectMapper().createObjectNode();
        object.put("apiVersion", kind.group() + "/" + version.name());
        object.put("kind", kind.kind());
        object.putObject("metadata").put("name", "sample").put("namespace", "default");
        object.set("spec", random.object(schema.path("properties").path("spec"), 0));
        object.set("status", random.object(schema.path("properties").path("status"), 0));
        if (version.storage()) {
            ((ObjectNode) object.get("spec")).put("originalVersion", kind.versions().get(0).name());
        }
        return object;
    }

    private static KindMeta kindOf(JsonNode crd) {
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        return CATALOG.kind(group, kind).orElseThrow(() -> new AssertionError("no metadata for CRD " + group + "/" + kind));
    }
}
