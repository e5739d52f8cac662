package dev.aso.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.admin.FaultRule;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.extensions.ArmResourceModifier;
import dev.aso.controller.extensions.Deleter;
import dev.aso.controller.extensions.ErrorClassifier;
import dev.aso.controller.extensions.KindExtensions;
import dev.aso.controller.extensions.KubernetesSecretExporter;
import dev.aso.controller.extensions.PostReconciliationChecker;
import dev.aso.controller.extensions.PreReconciliationChecker;
import dev.aso.controller.extensions.SuccessfulCreationHandler;
import dev.aso.controller.reconcile.Outcome;
import dev.aso.controller.reconcile.ReconcileStop;
import dev.aso.controller.reconcile.ReconcileTarget;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every extension point, called by the generic reconcile for the kind it is registered for: test extensions on
 * ResourceGroup (steered by labels of each test's object) and UserAssignedIdentity, against the ARM emulator.
 */
class ExtensionPointsTest {

    static final String RG = "resources.azure.com";
    static final String RG_API = "2020-06-01";
    static final Duration WAIT = Duration.ofSeconds(40);
    static final Map<String, AtomicInteger> CREATED = new ConcurrentHashMap<>();
    static Harness h;

    /** One test extension implementing every point for resource groups; each test's object says by label what to do. */
    static final class ResourceGroupTestExtension implements ArmResourceModifier, PreReconciliationChecker,
            PostReconciliationChecker, Deleter, ErrorClassifier, SuccessfulCreationHandler {

        private static String label(ReconcileTarget t, String key) {
            return t.resource().path("metadata").path("labels").path(key).asText("");
        }

        @Override
        public ObjectNode modify(ObjectNode body, ReconcileTarget target) {
            if (!label(target, "tag").isEmpty()) {
                body.with("tags").put("addedBy", label(target, "tag"));
            }
            return body;
        }

        @Override
        public void check(ReconcileTarget target) throws ReconcileStop {
            if (label(target, "hold").equals("true")) {
                throw new ReconcileStop(ReconcileStop.Severity.WARNING, "HeldByExtension", "waiting for the hold label to go",
                        Duration.ofSeconds(1));
            }
        }

        @Override
        public void check(ReconcileTarget target, JsonNode azureBody) throws ReconcileStop {
            if (label(target, "notReady").equals("true")) {
                throw new ReconcileStop(ReconcileStop.Severity.INFO, "StillProvisioning", "Azure accepted it; not ready yet",
                        Duration.ofSeconds(1));
            }
        }

        @Override
        public Outcome delete(ReconcileTarget target, GenericDelete generic) throws ReconcileStop, ArmException {
            return label(target, "keepInAzure").equals("true") ? Outcome.deleted() : generic.delete();
        }

        @Override
        public ReconcileStop classify(ArmException error, ReconcileStop generic) {
            return error.code().equals("QuotaExceeded")
                    ? ReconcileStop.error("QuotaNeedsRaising", "raise the quota: " + error.getMessage()) : generic;
        }

        @Override
        public void created(ReconcileTarget target, JsonNode azureBody) {
            CREATED.computeIfAbsent(target.name(), n -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Exports clientId its own way (it wins over the metadata's status path). */
    static final class IdentityTestExporter implements KubernetesSecretExporter {
        @Override
        public Set<String> secretNames() {
            return Set.of("clientId");
        }

        @Override
        public Map<String, String> secrets(ReconcileTarget target, Set<String> requested) {
            return Map.of("clientId", "from-extension:" + target.azureName());
        }
    }

    @BeforeAll
    static void start() {
        h = new Harness();
        h.startController(Map.of(), KindExtensions.builder()
                .add(RG + "/ResourceGroup", new ResourceGroupTestExtension())
                .add("managedidentity.azure.com/UserAssignedIdentity", new IdentityTestExporter())
                .build());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static void resourceGroup(String name, String labels) {
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: %s, namespace: default, labels: {%s}}
                spec: {location: westus}
                """.formatted(name, labels));
    }

    private static void label(String name, String key, String value) {
        h.kube.genericKubernetesResources(h.context(RG + "/v1api20200601storage", "ResourceGroup")).inNamespace("default")
                .withName(name).edit(r -> {
                    r.getMetadata().getLabels().put(key, value);
                    return r;
                });
    }

    @Test
    void preCheckHoldsTheWriteBackAndTheModifierChangesTheBodyPut() {
        resourceGroup("rg-held", "hold: 'true', tag: ext");
        h.await(RG, "ResourceGroup", "default", "rg-held", WAIT, Harness.readyIs("False", "HeldByExtension"));
        assertThat(h.azure(Harness.rgId("rg-held"), RG_API)).isEmpty();

        label("rg-held", "hold", "false");
        h.await(RG, "ResourceGroup", "default", "rg-held", WAIT, Harness.readyNow());
        assertThat(h.azure(Harness.rgId("rg-held"), RG_API).orElseThrow().path("tags").path("addedBy").asText()).isEqualTo("ext");
        assertThat(CREATED.get("rg-held")).hasValue(1);
    }

    @Test
    void postCheckKeepsReadyFalseWithAzureValuesInStatus() {
        resourceGroup("rg-post", "notReady: 'true'");
        ObjectNode rg = h.await(RG, "ResourceGroup", "default", "rg-post", WAIT, Harness.readyIs("False", "StillProvisioning"));
        assertThat(rg.path("status").path("location").asText()).isEqualTo("westus");
        assertThat(CREATED).doesNotContainKey("rg-post");

        label("rg-post", "notReady", "false");
        h.await(RG, "ResourceGroup", "default", "rg-post", WAIT, Harness.readyNow());
    }

    @Test
    void errorClassifierOfTheKindDecides() {
        h.emulator.faults().add(new FaultRule(null, "PUT", null, "rg-quota", 0, null, null, null, 409, "QuotaExceeded",
                "too many groups", null, null));
        try {
            resourceGroup("rg-quota", "");
            ObjectNode rg = h.await(RG, "ResourceGroup", "default", "rg-quota", WAIT, Harness.readyIs("False", "QuotaNeedsRaising"));
            assertThat(Harness.ready(rg).path("severity").asText()).isEqualTo("Error");
            assertThat(Harness.ready(rg).path("message").asText()).isEqualTo("raise the quota: too many groups");
        } finally {
            h.emulator.faults().clear();
        }
    }

    @Test
    void deleterReplacesTheGenericDelete() {
        resourceGroup("rg-kept", "keepInAzure: 'true'");
        resourceGroup("rg-deleted", "");
        h.await(RG, "ResourceGroup", "default", "rg-kept", WAIT, Harness.readyNow());
        h.await(RG, "ResourceGroup", "default", "rg-deleted", WAIT, Harness.readyNow());
        h.delete(RG, "ResourceGroup", "default", "rg-kept");
        h.delete(RG, "ResourceGroup", "default", "rg-deleted");
        h.awaitGone(RG, "ResourceGroup", "default", "rg-kept", WAIT);
        h.awaitGone(RG, "ResourceGroup", "default", "rg-deleted", WAIT);
        assertThat(h.azure(Harness.rgId("rg-kept"), RG_API)).isPresent();
        assertThat(h.azure(Harness.rgId("rg-deleted"), RG_API)).isEmpty();
    }

    @Test
    void secretExporterOfTheKindProducesItsNames() {
        resourceGroup("rg-mi", "");
        h.await(RG, "ResourceGroup", "default", "rg-mi", WAIT, Harness.readyNow());
        h.apply("""
                apiVersion: managedidentity.azure.com/v1api20230131
                kind: UserAssignedIdentity
                metadata: {name: mi-own, namespace: default}
                spec:
                  location: westus
                  owner: {name: rg-mi}
                  operatorSpec:
                    secrets:
                      clientId: {name: mi-own-secret, key: clientId}
                      subscriptionId: {name: mi-own-secret, key: subscriptionId}
                """);
        h.await("managedidentity.azure.com", "UserAssignedIdentity", "default", "mi-own", WAIT, Harness.readyNow());
        Secret secret = h.kube.secrets().inNamespace("default").withName("mi-own-secret").get();
        assertThat(Harness.secretValue(secret, "clientId")).isEqualTo("from-extension:mi-own");
        assertThat(Harness.secretValue(secret, "subscriptionId")).isEqualTo(Harness.SUBSCRIPTION);
    }
}
