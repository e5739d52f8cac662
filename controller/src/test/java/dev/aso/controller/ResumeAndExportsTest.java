package dev.aso.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.config.LroPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A restart in the middle of a long-running operation, and exports to Secrets and ConfigMaps. */
class ResumeAndExportsTest {

    static final Duration WAIT = Duration.ofSeconds(40);
    static Harness h;

    @BeforeAll
    static void start() {
        h = Harness.startedWithResourceGroup("rg-x", WAIT);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void restartMidOperationResumesByToken() {
        h.emulator.lro().set("Microsoft.Cache/redis", new LroPolicy(true, true, 3, 6000L, 1));
        h.apply("""
                apiVersion: cache.azure.com/v1api20230801
                kind: Redis
                metadata: {name: redis-resume, namespace: default}
                spec: {location: westus, owner: {name: rg-x}, sku: {capacity: 1, family: C, name: Basic}}
                """);
        ObjectNode running = h.await("cache.azure.com", "Redis", "default", "redis-resume", WAIT,
                o -> Harness.hasAnnotation(o, "serviceoperator.azure.com/poller-resume-token"));
        assertThat(running.path("metadata").path("annotations").path("serviceoperator.azure.com/poller-resume-token").asText())
                .contains("Azure-AsyncOperation").contains("\"operation\":\"PUT\"");
        h.stopController();
        h.startController(Map.of());
        ObjectNode redis = h.await("cache.azure.com", "Redis", "default", "redis-resume", WAIT, Harness.readyNow());
        assertThat(Harness.hasAnnotation(redis, "serviceoperator.azure.com/poller-resume-token")).isFalse();
        assertThat(h.emulator.requestLog().entries(e -> e.method().equals("PUT") && e.path().endsWith("/redis-resume"))).hasSize(1);
        assertThat(h.emulator.requestLog().entries(e -> e.method().equals("GET") && e.path().contains("operationStatuses")))
                .isNotEmpty();
    }

    @Test
    void identityIdsExportedToSecretAndConfigMap() {
        h.apply("""
                apiVersion: managedidentity.azure.com/v1api20230131
                kind: UserAssignedIdentity
                metadata: {name: mi-export, namespace: default}
                spec:
                  location: westus
                  owner: {name: rg-x}
                  operatorSpec:
                    secrets:
                      clientId: {name: mi-secret, key: AZURE_CLIENT_ID, labels: {app: web}}
                      subscriptionId: {name: mi-secret, key: AZURE_SUBSCRIPTION_ID, annotations: {team: payments}}
                    configMaps:
                      principalId: {name: mi-config, key: principalId, annotations: {team: payments}}
                """);
        ObjectNode mi = h.await("managedidentity.azure.com", "UserAssignedIdentity", "default", "mi-export", WAIT,
                Harness.readyNow());
        Secret secret = h.kube.secrets().inNamespace("default").withName("mi-secret").get();
        assertThat(Harness.secretValue(secret, "AZURE_CLIENT_ID")).isEqualTo(mi.path("status").path("clientId").asText()).isNotEmpty();
        assertThat(Harness.secretValue(secret, "AZURE_SUBSCRIPTION_ID")).isEqualTo(Harness.SUBSCRIPTION);
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo(mi.path("metadata").path("uid").asText()));
        assertThat(secret.getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(secret.getMetadata().getAnnotations()).containsEntry("team", "payments");
        ConfigMap config = h.kube.configMaps().inNamespace("default").withName("mi-config").get();
        assertThat(config.getData()).containsEntry("principalId", mi.path("status").path("principalId").asText());
        assertThat(config.getMetadata().getAnnotations()).containsEntry("team", "payments");
        assertThat(config.getMetadata().getLabels()).isNullOrEmpty();
    }

    @Test
    void listKeysExportedAndForeignSecretsLeftAlone() {
        h.kube.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("not-ours")
                .endMetadata().withStringData(Map.of("keep", "me")).build()).create();
        h.apply("""
                apiVersion: cache.azure.com/v1api20230801
                kind: Redis
                metadata: {name: redis-keys, namespace: default}
                spec:
                  location: westus
                  owner: {name: rg-x}
                  sku: {capacity: 1, family: C, name: Basic}
                  operatorSpec:
                    secrets:
                      primaryKey: {name: redis-secret, key: primaryKey}
                      hostName: {name: redis-secret, key: hostName}
                      sslPort: {name: not-ours, key: port}
                """);
        h.await("cache.azure.com", "Redis", "default", "redis-keys", WAIT, Harness.readyIs("False", "SecretOverwriteConflict"));
        assertThat(h.kube.secrets().inNamespace("default").withName("not-ours").get().getData()).doesNotContainKey("port");
        h.patchSpec("cache.azure.com", "Redis", "default", "redis-keys",
                "{\"operatorSpec\": {\"secrets\": {\"sslPort\": {\"name\": \"redis-secret\", \"key\": \"port\"}}}}");
        h.await("cache.azure.com", "Redis", "default", "redis-keys", WAIT, Harness.readyNow());
        Secret secret = h.kube.secrets().inNamespace("default").withName("redis-secret").get();
        assertThat(Harness.secretValue(secret, "hostName")).isEqualTo("redis-keys.redis.cache.windows.net");
        assertThat(Harness.secretValue(secret, "port")).isEqualTo("6380");
        assertThat(Harness.secretValue(secret, "primaryKey")).hasSizeGreaterThan(20);
        assertThat(h.emulator.requestLog().entries(e -> e.method().equals("POST") && e.path().endsWith("/listKeys"))).isNotEmpty();
    }
}
