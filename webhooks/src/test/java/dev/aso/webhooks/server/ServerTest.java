package dev.aso.webhooks.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.webhooks.support.Reviews;
import dev.aso.webhooks.support.WebhookTestServer;
import dev.aso.webhooks.support.WebhookTestServer.Response;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static dev.aso.webhooks.support.WebhookTestServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP layer over real TLS: routing, health, metrics, and every malformed-request rule. */
@ExtendWith(VertxExtension.class)
class ServerTest {

    private static final String REDIS_VALIDATE = "/validate-cache-azure-com-v1api20230801-redis";
    private static final String REDIS_MUTATE = "/mutate-cache-azure-com-v1api20230801-redis";

    @TempDir
    Path certDir;
    WebhookTestServer server;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        server = WebhookTestServer.start(vertx, certDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesEveryKindAndVersionAtAsoPaths() {
        for (String path : List.of(REDIS_MUTATE, REDIS_VALIDATE,
                "/mutate-resources-azure-com-v1api20200601-resourcegroup",
                "/validate-resources-azure-com-v1beta20200601-resourcegroup",
                "/mutate-cache-azure-com-v1api20230801-redispatchschedule")) {
            Response response = server.post(path, "{}");
            assertThat(response.status()).as(path).isEqualTo(400); // reached the endpoint, which wants a review
            assertThat(response.body()).contains("AdmissionReview");
        }
    }

    @Test
    void healthReadinessAndMetricsOnThePlainPort() {
        assertThat(server.metricsGet("/healthz").status()).isEqualTo(200);
        assertThat(server.metricsGet("/readyz").status()).isEqualTo(200);
        server.post(REDIS_VALIDATE, Reviews.create(Reviews.redis("cache1")).toString());
        String metrics = server.metricsGet("/metrics").body();
        assertThat(metrics)
                .contains("aso_webhook_requests_total{code=\"200\",webhook=\"" + REDIS_VALIDATE + "\"} 1.0")
                .contains("aso_webhook_request_duration_seconds_bucket{webhook=\"" + REDIS_VALIDATE + "\"")
                .contains("aso_webhook_requests_in_flight{webhook=\"" + REDIS_VALIDATE + "\"} 0.0")
                .contains("aso_webhook_rejected_total{webhook=\"" + REDIS_VALIDATE + "\"} 0.0")
                .contains("aso_webhook_failed_total{webhook=\"" + REDIS_VALIDATE + "\"} 0.0");
    }

    @Test
    void unknownPathIs404() {
        Response response = server.post("/mutate-nothing-v1-thing", Reviews.create(Reviews.redis("c")).toString());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).contains("/mutate-nothing-v1-thing");
    }

    @Test
    void wrongContentTypeIs400() {
        Response response = server.send(HttpMethod.POST, REDIS_VALIDATE, "text/yaml",
                Buffer.buffer(Reviews.create(Reviews.redis("c")).toString()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("Content-Type must be application/json");
        assertThat(server.send(HttpMethod.POST, REDIS_VALIDATE, null, Buffer.buffer("{}")).status()).isEqualTo(400);
        assertThat(server.send(HttpMethod.POST, REDIS_VALIDATE, "application/json; charset=utf-8",
                Buffer.buffer(Reviews.create(Reviews.redis("c")).toString())).status()).isEqualTo(200);
    }

    @Test
    void getIs405() {
        assertThat(server.send(HttpMethod.GET, REDIS_VALIDATE, null, Buffer.buffer()).status()).isEqualTo(405);
    }

    @Test
    void malformedJsonIs400WithAMessage() {
        for (String body : List.of("", "{", "[1,2", "{\"apiVersion\":}", "{} {}", "nul")) {
            Response response = server.post(REDIS_VALIDATE, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.body()).as(body).containsAnyOf("not valid JSON", "empty").doesNotContain("at com.");
        }
    }

    @Test
    void missingRequestOrUidIs400() {
        ObjectNode noRequest = Reviews.create(Reviews.redis("c"));
        noRequest.remove("request");
        assertThat(server.post(REDIS_VALIDATE, noRequest.toString()).body()).contains("has no request");
        ObjectNode noUid = Reviews.create(Reviews.redis("c"));
        ((ObjectNode) noUid.get("request")).remove("uid");
        Response response = server.post(REDIS_VALIDATE, noUid.toString());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("request has no uid");
        ObjectNode wrongKind = Reviews.create(Reviews.redis("c")).put("kind", "ConversionReview");
        assertThat(server.post(REDIS_VALIDATE, wrongKind.toString()).status()).isEqualTo(400);
        assertThat(server.post(REDIS_VALIDATE, "[]").status()).isEqualTo(400);
    }

    @Test
    void answersV1beta1ReviewsAsV1beta1() {
        ObjectNode review = Reviews.admission("admission.k8s.io/v1beta1", "CREATE", Reviews.redis("c"), null);
        Response response = server.post(REDIS_VALIDATE, review.toString());
        assertThat(response.status()).isEqualTo(200);
        ObjectNode answer = Reviews.json(response.body());
        assertThat(answer.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1beta1");
        assertThat(answer.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(answer.path("response").path("uid").asText()).isEqualTo(review.path("request").path("uid").asText());
        assertThat(answer.path("response").path("allowed").asBoolean()).isTrue();
    }

    @Test
    void bodyOverSevenMegabytesIs400() {
        String padding = "x".repeat(7 * 1024 * 1024);
        Response response = server.post(REDIS_VALIDATE, "{\"pad\":\"" + padding + "\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("larger than 7340032 bytes");
        // the server is still fine afterwards
        assertThat(server.post(REDIS_VALIDATE, Reviews.create(Reviews.redis("c")).toString()).status()).isEqualTo(200);
    }

    @Test
    void speaksHttp2ViaAlpn() {
        Response response = server.postHttp2(REDIS_VALIDATE, Reviews.create(Reviews.redis("c")).toString());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
    }

    @Test
    void refusesTls11(Vertx vertx) {
        // the JDK's own client refuses TLS 1.1 (jdk.tls.disabledAlgorithms), so BoringSSL speaks it here, and a server
        // that accepts TLS 1.1 shows that this client does get through when a server lets it
        Set<String> tls11 = Set.of("TLSv1.1");
        HttpServer accepting = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setSsl(true).setSslEngineOptions(new OpenSSLEngineOptions())
                        .setEnabledSecureTransportProtocols(tls11).setKeyCertOptions(new PemKeyCertOptions()
                                .setCertPath(certDir.resolve("tls.crt").toString())
                                .setKeyPath(certDir.resolve("tls.key").toString())))
                .requestHandler(request -> request.response().end("TLS 1.1 spoken")).listen());
        var client = vertx.createHttpClient(WebhookTestServer.tls(server.certificates)
                .setSslEngineOptions(new OpenSSLEngineOptions()).setEnabledSecureTransportProtocols(tls11));
        try {
            assertThat(await(WebhookTestServer.exchange(client, HttpMethod.POST, accepting.actualPort(), "/",
                    "application/json", Buffer.buffer("{}"))).body()).isEqualTo("TLS 1.1 spoken");
            assertThatThrownBy(() -> await(WebhookTestServer.exchange(client, HttpMethod.POST, server.server.httpsPort(),
                    REDIS_VALIDATE, "application/json", Buffer.buffer("{}"))))
                    .isInstanceOf(AssertionError.class);
        } finally {
            await(client.close());
            await(accepting.close());
        }
    }

    @Test
    void servesOnTheNativeTransportItStartsWith() throws Exception {
        Vertx nativeVertx = Vertx.vertx(WebhookServer.vertxOptions());
        try (WebhookTestServer onNative = WebhookTestServer.start(nativeVertx,
                Files.createDirectories(certDir.resolve("native")))) {
            assertThat(nativeVertx.isNativeTransportEnabled())
                    .as("epoll transport (%s)", nativeVertx.unavailableNativeTransportCause()).isTrue();
            Response response = onNative.postHttp2(REDIS_VALIDATE, Reviews.create(Reviews.redis("c")).toString());
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
        } finally {
            await(nativeVertx.close());
        }
    }

    @Test
    void refusesPlainHttpOnTheWebhookPort(Vertx vertx) {
        var client = vertx.createHttpClient(new HttpClientOptions());
        assertThatThrownBy(() -> await(WebhookTestServer.exchange(client, HttpMethod.POST, server.server.httpsPort(),
                REDIS_VALIDATE, "application/json", Buffer.buffer("{}"))))
                .isInstanceOf(AssertionError.class);
        client.close();
    }

    @Test
    void aHandlerExceptionIsA500WithAShortMessageAndIsCounted() {
        ObjectNode crashing = Reviews.redis("c");
        ((ObjectNode) crashing.get("spec")).put("location", "crash");
        String review = Reviews.conversion("cache.azure.com/v1api20201201", List.of(crashing)).toString();
        Response response = server.post("/convert", review);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).startsWith("internal error in webhook /convert")
                .doesNotContain("IllegalStateException").doesNotContain("at dev.aso");
        assertThat(server.metric("aso_webhook_failed_total{webhook=\"/convert\"}")).isEqualTo(1.0);
    }
}
