package dev.aso.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code operatorSpec.secretExpressions} and {@code configMapExpressions} (CEL over {@code self} and {@code secret})
 * written by the controller, with the ownership and no-overwrite rules of the other exports, and invalid expressions
 * reported by name.
 */
class ExpressionExportsTest {

    static final Duration WAIT = Duration.ofSeconds(40);
    static Harness h;

    @BeforeAll
    static void start() {
        h = new Harness();
        h.startController(Map.of("AZURE_SYNC_PERIOD", "2s"));
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: rg-cel, namespace: default}
                spec: {location: westus}
                """);
        h.await("resources.azure.com", "ResourceGroup", "default", "rg-cel", WAIT, Harness.readyNow());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void secretAndConfigMapExpressionsAreWrittenAndOwned() {
        h.apply("""
                apiVersion: cache.azure.com/v1api20230801
                kind: Redis
                metadata: {name: redis-cel, namespace: default}
                spec:
                  location: westus
                  owner: {name: rg-cel}
                  sku: {capacity: 1, family: C, name: Basic}
                  tags: {team: core, tier: gold}
                  operatorSpec:
                    secretExpressions:
                      - name: redis-conn
                        key: connectionString
                        value: 'self.status.hostName + ":" + string(self.status.sslPort) + ",password=" + secret.primaryKey + ",ssl=True"'
                      - name: redis-conn
                        value: '{"host": self.status.hostName, "user": "cache-reader"}'
                    configMapExpressions:
                      - name: redis-info
                        key: where
                        value: 'self.metadata.namespace + "/" + self.metadata.name + "@" + self.spec.location'
                      - name: redis-info
                        value: self.spec.tags
                """);
        ObjectNode redis = h.await("cache.azure.com", "Redis", "default", "redis-cel", WAIT, Harness.readyNow());
        String id = redis.path("metadata").path("annotations").path("serviceoperator.azure.com/resource-id").asText();
        String primaryKey = listKeys(id).path("primaryKey").asText();
        assertThat(primaryKey).hasSizeGreaterThan(20);

        Secret secret = h.kube.secrets().inNamespace("default").withName("redis-conn").get();
        assertThat(decode(secret)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "connectionString", "redis-cel.redis.cache.windows.net:6380,password=" + primaryKey + ",ssl=True",
                "host", "redis-cel.redis.cache.windows.net", "user", "cache-reader"));
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo(redis.path("metadata").path("uid").asText()));
        ConfigMap config = h.kube.configMaps().inNamespace("default").withName("redis-info").get();
        assertThat(config.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("where", "default/redis-cel@westus",
                "team", "core", "tier", "gold"));
        assertThat(config.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo(redis.path("metadata").path("uid").asText()));
        assertThat(Harness.ready(redis).toString()).doesNotContain(primaryKey);

        // clean resyncs (every 2 s here) keep what the secret expressions wrote without calling listKeys again
        long listKeys = h.emulator.requestLog().entries(e -> e.method().equals("POST") && e.path().endsWith("/redis-cel/listKeys"))
                .size();
        long gets = redisGets();
        Harness.eventually(WAIT, "three resyncs of redis-cel", () -> redisGets() >= gets + 3);
        assertThat(h.emulator.requestLog().entries(e -> e.method().equals("POST") && e.path().endsWith("/redis-cel/listKeys")))
                .hasSize((int) listKeys);
        assertThat(decode(h.kube.secrets().inNamespace("default").withName("redis-conn").get()))
                .containsEntry("connectionString", "redis-cel.redis.cache.windows.net:6380,password=" + primaryKey + ",ssl=True");
    }

    private static long redisGets() {
        return h.emulator.requestLog().entries(e -> e.method().equals("GET") && e.path().endsWith("/redis/redis-cel")).size();
    }

    @Test
    void invalidExpressionIsNamedThenFixed() {
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: rg-bad-cel, namespace: default}
                spec:
                  location: westus
                  operatorSpec:
                    configMapExpressions:
                      - {name: rg-bad-cel-info, key: location, value: self.spec.location}
                      - {name: rg-bad-cel-info, key: length, value: size(self.spec.location)}
                """);
        JsonNode ready = Harness.ready(h.await("resources.azure.com", "ResourceGroup", "default", "rg-bad-cel", WAIT,
                Harness.readyIs("False", "InvalidExpression")));
        assertThat(ready.path("severity").asText()).isEqualTo("Error");
        assertThat(ready.path("message").asText()).contains("spec.operatorSpec.configMapExpressions[1]")
                .contains("size(self.spec.location)").contains("must return string").contains("int");
        assertThat(h.kube.configMaps().inNamespace("default").withName("rg-bad-cel-info").get()).isNull();

        configMapExpressions("rg-bad-cel", List.of(
                Map.of("name", "rg-bad-cel-info", "key", "location", "value", "self.spec.location"),
                Map.of("name", "rg-bad-cel-info", "key", "length", "value", "self.spec.location +")));
        ready = Harness.ready(h.await("resources.azure.com", "ResourceGroup", "default", "rg-bad-cel", WAIT,
                o -> "InvalidExpression".equals(Harness.ready(o).path("reason").asText())
                        && Harness.ready(o).path("message").asText().contains("does not compile")));
        assertThat(ready.path("message").asText()).contains("spec.operatorSpec.configMapExpressions[1]");

        configMapExpressions("rg-bad-cel", List.of(
                Map.of("name", "rg-bad-cel-info", "key", "location", "value", "self.spec.location"),
                Map.of("name", "rg-bad-cel-info", "key", "length", "value", "string(size(self.spec.location))")));
        h.await("resources.azure.com", "ResourceGroup", "default", "rg-bad-cel", WAIT, Harness.readyNow());
        assertThat(h.kube.configMaps().inNamespace("default").withName("rg-bad-cel-info").get().getData())
                .containsExactlyInAnyOrderEntriesOf(Map.of("location", "westus", "length", "6"));
    }

    @Test
    void foreignConfigMapIsNotOverwrittenAndKeysDoNotCollide() {
        h.kube.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("someone-elses")
                .endMetadata().withData(Map.of("keep", "me")).build()).create();
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: rg-cel-foreign, namespace: default}
                spec:
                  location: westus
                  operatorSpec:
                    configMapExpressions:
                      - {name: someone-elses, key: location, value: self.spec.location}
                """);
        h.await("resources.azure.com", "ResourceGroup", "default", "rg-cel-foreign", WAIT,
                Harness.readyIs("False", "ConfigMapOverwriteConflict"));
        assertThat(h.kube.configMaps().inNamespace("default").withName("someone-elses").get().getData())
                .containsExactly(Map.entry("keep", "me"));

        configMapExpressions("rg-cel-foreign", List.of(
                Map.of("name", "rg-cel-mine", "key", "location", "value", "self.spec.location"),
                Map.of("name", "rg-cel-mine", "value", "{'location': 'elsewhere'}")));
        JsonNode ready = Harness.ready(h.await("resources.azure.com", "ResourceGroup", "default", "rg-cel-foreign", WAIT,
                Harness.readyIs("False", "ExportKeyCollision")));
        assertThat(ready.path("message").asText()).contains("spec.operatorSpec.configMapExpressions[1]").contains("location");
    }

    /** Replaces the resource group's configMapExpressions (the mock API's merge patch appends to arrays). */
    @SuppressWarnings("unchecked")
    private static void configMapExpressions(String name, List<Map<String, String>> items) {
        h.kube.genericKubernetesResources(h.context("resources.azure.com/v1api20200601storage", "ResourceGroup"))
                .inNamespace("default").withName(name).edit(r -> {
                    Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
                    spec.put("operatorSpec", Map.of("configMapExpressions", items));
                    r.getMetadata().setGeneration(r.getMetadata().getGeneration() + 1);
                    return r;
                });
    }

    private static JsonNode listKeys(String id) {
        try {
            return h.arm().action(id, "listKeys", "2023-08-01").body();
        } catch (dev.aso.controller.arm.ArmException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> decode(Secret secret) {
        Map<String, String> out = new java.util.HashMap<>();
        secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return out;
    }
}
