package dev.aso.webhooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.webhooks.support.Reviews;
import dev.aso.webhooks.support.WebhookTestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.aso.webhooks.support.WebhookTestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends 12,000 malformed or mutated bodies (byte-level damage, and structural mutations of real reviews) to every
 * kind of endpoint: each answer must be a 400 or a proper review, and the server must stay up.
 */
@ExtendWith(VertxExtension.class)
class FuzzTest {

    private static final int BODIES = 12_000;
    private static final int CONCURRENCY = 32;
    private static final long SEED = 20261124L;
    private static final List<String> PATHS = List.of("/mutate-cache-azure-com-v1api20230801-redis",
            "/validate-cache-azure-com-v1api20230801-redis", "/validate-cache-azure-com-v1api20201201-redis",
            "/validate-cache-azure-com-v1api20230801-redispatchschedule",
            "/mutate-resources-azure-com-v1beta20200601-resourcegroup", "/convert");

    @TempDir
    Path certDir;

    @Test
    void everyAnswerIsA400OrAProperReview(Vertx vertx) throws Exception {
        try (WebhookTestServer server = WebhookTestServer.start(vertx, certDir)) {
            HttpClientAgent client = vertx.createHttpClient(WebhookTestServer.tls(server.certificates)
                    .setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true));
            Mutator mutator = new Mutator(new Random(SEED));
            List<String[]> cases = new ArrayList<>(BODIES);
            for (int i = 0; i < BODIES; i++) {
                String path = PATHS.get(i % PATHS.size());
                cases.add(new String[]{path, mutator.body(path)});
            }
            AtomicInteger next = new AtomicInteger();
            AtomicInteger reviews = new AtomicInteger();
            AtomicInteger badRequests = new AtomicInteger();
            Queue<String> wrong = new ConcurrentLinkedQueue<>();
            List<Future<Void>> workers = new ArrayList<>();
            for (int i = 0; i < CONCURRENCY; i++) {
                workers.add(send(client, server.server.httpsPort(), cases, next, reviews, badRequests, wrong));
            }
            // every request has its own idle timeout (WebhookTestServer.exchange); this bounds the whole batch
            await(Future.all(workers), Duration.ofMinutes(5));

            assertThat(wrong).as("answers that are neither 400 nor a proper review").isEmpty();
            assertThat(reviews.get() + badRequests.get()).isEqualTo(BODIES);
            assertThat(reviews.get()).as("mutations that still reached a rule").isGreaterThan(BODIES / 10);
            assertThat(badRequests.get()).as("mutations refused as bad requests").isGreaterThan(BODIES / 10);
            assertThat(server.metricsGet("/healthz").status()).isEqualTo(200);
            assertThat(server.post(PATHS.get(1), Reviews.create(Reviews.redis("after-fuzz")).toString()).status())
                    .isEqualTo(200);
            for (String path : PATHS) {
                assertThat(server.metric("aso_webhook_failed_total{webhook=\"" + path + "\"}")).as(path).isZero();
            }
            client.close();
        }
    }

    private static Future<Void> send(HttpClientAgent client, int port, List<String[]> cases, AtomicInteger next,
                                     AtomicInteger reviews, AtomicInteger badRequests, Queue<String> wrong) {
        int index = next.getAndIncrement();
        if (index >= cases.size()) {
            return Future.succeededFuture();
        }
        String[] c = cases.get(index);
        return WebhookTestServer.exchange(client, HttpMethod.POST, port, c[0], "application/json",
                        Buffer.buffer(c[1].getBytes(StandardCharsets.ISO_8859_1)))
                .map(response -> {
                    String problem = check(c[0], response.status(), response.body());
                    if (problem == null) {
                        (response.status() == 400 ? badRequests : reviews).incrementAndGet();
                    } else {
                        wrong.add(problem + " for " + c[0] + " body " + abbreviate(c[1]));
                    }
                    return (Void) null;
                })
                .recover(e -> {
                    wrong.add("transport failure " + e + " for " + c[0]);
                    return Future.succeededFuture();
                })
                .compose(v -> send(client, port, cases, next, reviews, badRequests, wrong));
    }

    private static String check(String path, int status, String body) {
        if (status == 400) {
            return body.contains("\tat ") || body.contains("Exception") ? "400 with a stack trace: " + body : null;
        }
        if (status != 200) {
            return "HTTP " + status + " " + abbreviate(body);
        }
        JsonNode review;
        try {
            review = Reviews.JSON.readTree(body);
        } catch (Exception e) {
            return "200 with a body that is not JSON";
        }
        String kind = path.equals("/convert") ? "ConversionReview" : "AdmissionReview";
        JsonNode response = review.path("response");
        boolean proper = review.path("kind").asText().equals(kind) && response.path("uid").isTextual()
                && (path.equals("/convert") ? response.path("result").path("status").isTextual()
                : response.path("allowed").isBoolean());
        return proper ? null : "200 with an improper review " + abbreviate(body);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** Makes a damaged body from a real review of the kind the path expects. */
    private static final class Mutator {
        private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
        private final Random random;

        Mutator(Random random) {
            this.random = random;
        }

        String body(String path) {
            ObjectNode review = seed(path);
            return switch (random.nextInt(4)) {
                case 0 -> damageBytes(review.toString());
                case 1 -> junk();
                default -> {
                    int mutations = 1 + random.nextInt(4);
                    for (int i = 0; i < mutations; i++) {
                        mutateTree(review);
                    }
                    yield review.toString();
                }
            };
        }

        private ObjectNode seed(String path) {
            ObjectNode redis = Reviews.redis("cache-" + random.nextInt(1000));
            if (path.equals("/convert")) {
                return Reviews.conversion("cache.azure.com/v1api20201201", List.of(redis, Reviews.redis("second")));
            }
            if (path.contains("resourcegroup")) {
                return Reviews.create(Reviews.resourceGroup("resources.azure.com/v1beta20200601", "rg"));
            }
            if (path.contains("v1api20201201")) {
                redis.put("apiVersion", "cache.azure.com/v1api20201201");
            }
            if (path.contains("redispatchschedule")) {
                redis.put("kind", "RedisPatchSchedule");
            }
            return random.nextBoolean() ? Reviews.create(redis) : Reviews.update(redis.deepCopy(), redis);
        }

        private String damageBytes(String text) {
            StringBuilder s = new StringBuilder(text);
            int edits = 1 + random.nextInt(8);
            for (int i = 0; i < edits && s.length() > 0; i++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(4)) {
                    case 0 -> s.setCharAt(at, (char) random.nextInt(256));
                    case 1 -> s.deleteCharAt(at);
                    case 2 -> s.insert(at, "{[\"\\:,}]".charAt(random.nextInt(8)));
                    default -> s.setLength(at);
                }
            }
            return s.toString();
        }

        private String junk() {
            return switch (random.nextInt(6)) {
                case 0 -> "";
                case 1 -> "[".repeat(1 + random.nextInt(3000));
                case 2 -> "{\"a\":".repeat(1 + random.nextInt(2000)) + "1" + "}".repeat(random.nextInt(2000));
                case 3 -> String.valueOf(random.nextLong());
                case 4 -> "\"" + "x".repeat(random.nextInt(1000)) + "\"";
                default -> "null";
            };
        }

        private void mutateTree(ObjectNode root) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = containers.get(random.nextInt(containers.size()));
            if (target instanceof ObjectNode object && object.size() > 0) {
                String field = pick(object.fieldNames(), object.size());
                switch (random.nextInt(3)) {
                    case 0 -> object.remove(field);
                    case 1 -> object.set(field, randomValue(0));
                    default -> object.set(field + (random.nextBoolean() ? "" : "FromConfig"), randomValue(0));
                }
            } else if (target instanceof ArrayNode array) {
                array.add(randomValue(0));
            }
        }

        private JsonNode randomValue(int depth) {
            return switch (random.nextInt(depth > 3 ? 6 : 9)) {
                case 0 -> JSON.nullNode();
                case 1 -> JSON.numberNode(random.nextInt());
                case 2 -> JSON.textNode(List.of("", "CREATE", "DELETE", "x", "/subscriptions/s/resourceGroups/rg",
                        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis/r", "skip", "Skip",
                        "cache.azure.com/v1api20230801", "admission.k8s.io/v1").get(random.nextInt(10)));
                case 3 -> JSON.booleanNode(random.nextBoolean());
                case 4 -> JSON.numberNode(random.nextDouble() * 1e300);
                case 5 -> JSON.textNode("\u0000\uFFFF\uD800");
                case 6 -> {
                    ArrayNode array = JSON.arrayNode();
                    for (int i = random.nextInt(3); i > 0; i--) {
                        array.add(randomValue(depth + 1));
                    }
                    yield array;
                }
                default -> {
                    ObjectNode object = JSON.objectNode();
                    for (String f : List.of("armId", "name", "group", "kind", "key", "value")) {
                        if (random.nextInt(3) == 0) {
                            object.set(f, randomValue(depth + 1));
                        }
                    }
                    yield object;
                }
            };
        }

        private String pick(Iterator<String> names, int size) {
            int skip = random.nextInt(size);
            String name = names.next();
            for (int i = 0; i < skip; i++) {
                name = names.next();
            }
            return name;
        }

        private static void collect(JsonNode node, List<JsonNode> out) {
            if (node.isContainerNode()) {
                out.add(node);
                node.forEach(child -> collect(child, out));
            }
        }
    }
}
