package dev.aso.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every generated CRD must be before an apiserver sees it: one storage version (the hub), conversion through
 * the webhooks' /convert, ASO's printer columns and categories, a structural schema, under 1 MiB. (The end-to-end
 * tests install them on a real kube-apiserver.)
 */
class CrdShapeTest {

    private static final int MAX_CRD_BYTES = 1024 * 1024;

    @TestFactory
    List<DynamicTest> everyCrd() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode crd : Crds.all()) {
            String name = crd.path("metadata").path("name").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                assertThat(Crds.YAML.writeValueAsBytes(crd).length).as("size of %s", name).isLessThan(MAX_CRD_BYTES);
                List<String> storage = new ArrayList<>();
                for (JsonNode v : crd.path("spec").path("versions")) {
                    assertThat(v.path("served").asBoolean()).as("%s %s served", name, v.path("name")).isTrue();
                    if (v.path("storage").asBoolean()) {
                        storage.add(v.path("name").asText());
                    }
                    assertThat(v.path("subresources").has("status")).isTrue();
                    assertThat(v.path("additionalPrinterColumns").findValuesAsText("name"))
                            .containsExactly("Ready", "Severity", "Reason", "Message");
                    assertStructural(v.path("schema").path("openAPIV3Schema"), name + " " + v.path("name").asText());
                }
                assertThat(storage).hasSize(1);
                assertThat(storage.get(0)).endsWith("storage");
                JsonNode conversion = crd.path("spec").path("conversion");
                assertThat(conversion.path("strategy").asText()).isEqualTo("Webhook");
                assertThat(conversion.path("webhook").path("clientConfig").path("service").path("path").asText())
                        .isEqualTo("/convert");
                assertThat(crd.path("spec").path("names").path("categories").get(0).asText()).isEqualTo("azure");
            }));
        }
        return tests;
    }

    /** Kubernetes' structural schema rules that a generator can break: a type everywhere, no properties beside additionalProperties. */
    private static void assertStructural(JsonNode schema, String where) {
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        assertThat(schema.has("type") || preserve).as("%s: a schema without type", where).isTrue();
        assertThat(schema.has("properties") && schema.has("additionalProperties"))
                .as("%s: properties and additionalProperties together", where).isFalse();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertStructural(e.getValue(), where + "." + e.getKey());
        }
        if (schema.has("items")) {
            assertStructural(schema.get("items"), where + "[]");
        }
        if (schema.path("additionalProperties").isObject()) {
            assertStructural(schema.get("additionalProperties"), where + "{}");
        }
    }
}
