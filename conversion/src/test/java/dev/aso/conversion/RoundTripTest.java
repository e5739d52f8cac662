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
 * For every generated kind and served version, seeded random objects go version → hub → version unchanged. (JSON →
 * typed Java object → JSON is checked in the optional api-types module.)
 */
class RoundTripTest {

    private static final int SAMPLES_PER_VERSION = 40;
    private static final KindCatalog CATALOG = KindCatalog.load();
    private static final HubConverter CONVERTER = new HubConverter(CATALOG);
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One sample check: the i-th random object drawn for a kind and version. */
    private interface SampleCheck {
        void check(JsonNode crd, KindMeta kind, VersionMeta version, RandomObjects random, int i) throws Exception;
    }

    /** A dynamic test per kind and version (the hub too, unless {@code spokesOnly}), each over seeded samples. */
    private static List<DynamicTest> perVersion(String label, boolean spokesOnly, long salt, SampleCheck check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode crd : Crds.all()) {
            KindMeta kind = kindOf(crd);
            for (VersionMeta version : kind.versions()) {
                if (spokesOnly && version.storage()) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(kind.groupKind() + " " + version.name() + " " + label, () -> {
                    RandomObjects random = new RandomObjects(version.name().hashCode() * salt + kind.kind().hashCode());
                    for (int i = 0; i < SAMPLES_PER_VERSION; i++) {
                        check.check(crd, kind, version, random, i);
                    }
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyVersionRoundTripsThroughTheHub() {
        return perVersion("→ hub → back", false, 31L, (crd, kind, version, random, i) -> {
            ObjectNode original = random.resource(crd, kind, version);
            ObjectNode hub = CONVERTER.convert(original, kind.group() + "/" + kind.hubVersion());
            assertThat(hub.path("apiVersion").asText()).isEqualTo(kind.group() + "/" + kind.hubVersion());
            ObjectNode back = CONVERTER.convert(hub, kind.group() + "/" + version.name());
            // compared as re-read JSON text: a number may come back as another Java type of the same JSON value
            assertThat(STRICT.readTree(back.toString())).as("sample %d of %s %s through the hub", i, kind.kind(),
                    version.name()).isEqualTo(STRICT.readTree(original.toString()));
        });
    }

    @TestFactory
    List<DynamicTest> hubObjectsReadAndWrittenAtAnyVersionLoseNothing() {
        return perVersion("hub → version → hub", true, 7L, (crd, kind, version, random, i) -> {
            ObjectNode hub = random.resource(crd, kind, kind.hub());
            ObjectNode spoke = CONVERTER.convert(hub, kind.group() + "/" + version.name());
            ObjectNode back = CONVERTER.convert(spoke, kind.group() + "/" + kind.hubVersion());
            // written at an older version, the object's originalVersion is that version
            ((ObjectNode) hub.get("spec")).put("originalVersion", version.name());
            // compared as re-read JSON text: values restored from the annotation come back as JSON numbers of
            // the smallest Java type, equal in JSON but not to Jackson's node equality
            assertThat(STRICT.readTree(back.toString())).as("sample %d of %s hub through %s", i, kind.kind(), version.name())
                    .isEqualTo(STRICT.readTree(hub.toString()));
        });
    }

    private static KindMeta kindOf(JsonNode crd) {
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        return CATALOG.kind(group, kind).orElseThrow(() -> new AssertionError("no metadata for CRD " + group + "/" + kind));
    }
}
