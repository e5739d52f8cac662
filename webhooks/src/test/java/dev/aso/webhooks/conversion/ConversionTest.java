package dev.aso.webhooks.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.conversion.ObjectConverter;
import dev.aso.webhooks.support.FakeConverter;
import dev.aso.webhooks.support.Reviews;
import dev.aso.webhooks.support.WebhookTestServer;
import dev.aso.webhooks.support.WebhookTestServer.Response;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /convert} over real TLS with real ConversionReview bodies. */
@ExtendWith(VertxExtension.class)
class ConversionTest {

    @TempDir
    Path certDir;

    private static JsonNode convert(WebhookTestServer server, ObjectNode review) {
        Response response = server.postHttp2("/convert", review.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode answer = Reviews.json(response.body());
        assertThat(answer.path("apiVersion").asText()).isEqualTo(review.path("apiVersion").asText());
        assertThat(answer.path("kind").asText()).isEqualTo("ConversionReview");
        assertThat(answer.path("response").path("uid").asText()).isEqualTo(review.path("request").path("uid").asText());
        return answer.path("response");
    }

    @Test
    void convertsEveryObjectKeepingCountOrderAndIdentity(Vertx vertx) throws Exception {
        try (WebhookTestServer server = WebhookTestServer.start(vertx, certDir)) {
            List<ObjectNode> objects = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ObjectNode redis = Reviews.redis("cache-" + i);
                ((ObjectNode) redis.get("spec")).put("principalId", "p" + i);
                ((ObjectNode) redis.get("metadata")).put("namespace", "ns" + i);
                objects.add(redis);
            }
            objects.add(Reviews.redis("already").put("apiVersion", "cache.azure.com/v1api20201201"));
            JsonNode response = convert(server, Reviews.conversion("cache.azure.com/v1api20201201", objects));
            assertThat(response.path("result").path("status").asText()).isEqualTo("Success");
            JsonNode converted = response.path("convertedObjects");
            assertThat(converted).hasSize(objects.size());
            for (int i = 0; i < objects.size(); i++) {
                JsonNode in = objects.get(i);
                JsonNode out = converted.get(i);
                assertThat(out.path("apiVersion").asText()).isEqualTo("cache.azure.com/v1api20201201");
                assertThat(out.path("kind")).isEqualTo(in.path("kind"));
                for (String field : List.of("uid", "name", "namespace")) {
                    assertThat(out.path("metadata").path(field)).as(field).isEqualTo(in.path("metadata").path(field));
                }
                assertThat(out.path("spec").has("principalId")).isFalse();
            }
        }
    }

    @Test
    void oneBadObjectFailsTheWholeReviewNamingIt(Vertx vertx) throws Exception {
        try (WebhookTestServer server = WebhookTestServer.start(vertx, certDir)) {
            ObjectNode bad = Reviews.redis("cache-bad");
            ((ObjectNode) bad.get("spec")).put("location", "unconvertible");
            JsonNode response = convert(server, Reviews.conversion("cache.azure.com/v1api20201201",
                    List.of(Reviews.redis("cache-ok"), bad)));
            assertThat(response.path("result").path("status").asText()).isEqualTo("Failure");
            assertThat(response.path("result").path("message").asText()).isEqualTo("cannot convert request.objects[1]"
                    + " (cache.azure.com/v1api20230801 Redis default/cache-bad) to cache.azure.com/v1api20201201:"
                    + " spec.location \"unconvertible\" has no equivalent in cache.azure.com/v1api20201201");
            assertThat(response.has("convertedObjects")).isFalse();
            assertThat(server.metric("aso_webhook_rejected_total{webhook=\"/convert\"}")).isEqualTo(1.0);

            JsonNode unknown = convert(server, Reviews.conversion("cache.azure.com/v1api29990101",
                    List.of(Reviews.redis("cache-ok"))));
            assertThat(unknown.path("result").path("message").asText()).contains("request.objects[0]")
                    .contains("unknown version of Redis: v1api29990101");
            ObjectNode noDesired = Reviews.conversion("x", List.of());
            ((ObjectNode) noDesired.get("request")).remove("desiredAPIVersion");
            assertThat(convert(server, noDesired).path("result").path("message").asText())
                    .contains("desiredAPIVersion \"\" is not a group/version");
        }
    }

    @Test
    void aConverterThatChangesIdentityFailsTheReview(Vertx vertx) throws Exception {
        ObjectConverter renaming = (object, desired) -> {
            ObjectNode out = object.deepCopy().put("apiVersion", desired);
            ((ObjectNode) out.get("metadata")).put("name", "renamed");
            return out;
        };
        try (WebhookTestServer server = WebhookTestServer.start(vertx, certDir, renaming, 1, WebhookTestServer.FIXTURES)) {
            JsonNode response = convert(server, Reviews.conversion("cache.azure.com/v1api20201201",
                    List.of(Reviews.redis("cache-1"))));
            assertThat(response.path("result").path("message").asText()).isEqualTo("converting request.objects[0]"
                    + " (cache.azure.com/v1api20230801 Redis default/cache-1) to cache.azure.com/v1api20201201 changed"
                    + " its metadata.name");
        }
    }

    @Test
    void answersV1beta1AndRefusesABrokenEnvelope(Vertx vertx) throws Exception {
        try (WebhookTestServer server = WebhookTestServer.start(vertx, certDir)) {
            ObjectNode v1beta1 = Reviews.conversion("cache.azure.com/v1api20201201", List.of(Reviews.redis("c")));
            v1beta1.put("apiVersion", "apiextensions.k8s.io/v1beta1");
            assertThat(convert(server, v1beta1).path("result").path("status").asText()).isEqualTo("Success");
            ObjectNode noUid = Reviews.conversion("cache.azure.com/v1api20201201", List.of());
            ((ObjectNode) noUid.get("request")).remove("uid");
            Response response = server.post("/convert", noUid.toString());
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("ConversionReview request has no uid");
            ObjectNode admission = Reviews.create(Reviews.redis("c"));
            assertThat(server.post("/convert", admission.toString()).status()).isEqualTo(400);
        }
    }

    @Test
    void convertsFiveHundredObjectsOffTheEventLoop(Vertx vertx) throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        FakeConverter fake = new FakeConverter();
        ObjectConverter recording = (object, desired) -> {
            threads.add(Thread.currentThread().getName());
            return fake.convert(object, desired);
        };
        try (WebhookTestServer server = WebhookTestServer.start(vertx, certDir, recording, 1,
                WebhookTestServer.FIXTURES)) {
            List<ObjectNode> objects = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                objects.add(Reviews.redis("cache-" + i));
            }
            ObjectNode review = Reviews.conversion("cache.azure.com/v1api20230801storage", objects);
            assertThat(review.toString().length()).isGreaterThan(64 * 1024); // large enough to go to a worker
            JsonNode response = convert(server, review);
            assertThat(response.path("convertedObjects")).hasSize(500);
            assertThat(response.path("convertedObjects").get(499).path("metadata").path("name").asText())
                    .isEqualTo("cache-499");
            assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("aso-webhooks-large-requests"));
        }
    }
}
