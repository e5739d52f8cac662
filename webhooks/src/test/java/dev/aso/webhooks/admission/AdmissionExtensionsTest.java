package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.webhooks.metadata.KindVersion;
import dev.aso.webhooks.metadata.MetadataIndex;
import dev.aso.webhooks.server.Endpoint;
import dev.aso.webhooks.server.ReviewParser;
import dev.aso.webhooks.support.Reviews;
import dev.aso.webhooks.support.WebhookTestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kind's own defaulter and validator run after the generic ones, for that kind only, and read what they name
 * even though the server parses only the selected part of a review.
 */
class AdmissionExtensionsTest {

    /** Defaults a tag from another spec property (which only this defaulter reads). */
    static final class RedisDefaulter implements KindDefaulter {
        @Override
        public Set<String> specReads() {
            return Set.of("tags", "zones");
        }

        @Override
        public void apply(AdmissionRequest request, ObjectNode object) {
            ((ObjectNode) object.get("spec")).with("tags").put("zoneCount", String.valueOf(object.path("spec").path("zones").size()));
        }
    }

    /** Refuses a Redis in exactly one zone. */
    static final class RedisValidator implements KindValidator {
        @Override
        public Set<String> specReads() {
            return Set.of("zones");
        }

        @Override
        public void check(AdmissionRequest request, FieldErrors errors) {
            if (request.spec().path("zones").size() == 1) {
                errors.invalid("spec.zones", request.spec().path("zones"), "must name no zone or at least two");
            }
        }
    }

    static final AdmissionExtensions EXTENSIONS = AdmissionExtensions.builder()
            .defaulter("cache.azure.com/Redis", new RedisDefaulter())
            .validator("cache.azure.com/Redis", new RedisValidator())
            .build();

    private static KindVersion kind(String apiVersion, String kind) {
        return MetadataIndex.load(AdmissionExtensionsTest.class.getClassLoader(), "").kindVersions().stream()
                .filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind)).findFirst().orElseThrow();
    }

    /** The answer of {@code step} when the server reads only what the endpoint selects, as it does. */
    private static JsonNode answer(KindVersion kind, AdmissionStep step, ObjectNode object) throws Exception {
        Endpoint endpoint = new AdmissionEndpoint(kind, step);
        byte[] body = Reviews.create(object).toString().getBytes(StandardCharsets.UTF_8);
        return endpoint.handle(ReviewParser.parse(body, endpoint.reads())).body().path("response");
    }

    @Test
    void theKindsDefaulterRunsAfterTheGenericOnesAndReadsWhatItNames() throws Exception {
        JsonNode response = answer(kind("cache.azure.com/v1api20230801", "Redis"), new Defaulting(EXTENSIONS), Reviews.redis("c1"));
        String patch = new String(Base64.getDecoder().decode(response.path("patch").asText()), StandardCharsets.UTF_8);
        assertThat(patch).contains("\"path\":\"/spec/tags/zoneCount\"").contains("\"value\":\"2\"");
    }

    @Test
    void theKindsValidatorRunsAfterTheGenericRules() throws Exception {
        ObjectNode redis = Reviews.redis("c2");
        ((ObjectNode) redis.get("spec")).putArray("zones").add("1");
        JsonNode response = answer(kind("cache.azure.com/v1api20230801", "Redis"),
                new Validation(OperatorIdentities.of(WebhookTestServer.OPERATOR), EXTENSIONS), redis);
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText()).contains("spec.zones").contains("at least two");
    }

    @Test
    void otherKindsAreLeftAlone() throws Exception {
        ObjectNode group = Reviews.resourceGroup("resources.azure.com/v1api20200601", "rg1");
        JsonNode response = answer(kind("resources.azure.com/v1api20200601", "ResourceGroup"), new Defaulting(EXTENSIONS), group);
        String patch = new String(Base64.getDecoder().decode(response.path("patch").asText("")), StandardCharsets.UTF_8);
        assertThat(patch).doesNotContain("zoneCount");
    }
}
