package dev.aso.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.admin.FaultRule;
import dev.aso.armemulator.config.LroPolicy;
import dev.aso.armemulator.admin.RequestLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user can write (annotations, owners, policies) never makes the controller act on a resource it does not
 * own or send its token elsewhere, and every failure is retried and shown (issue 13, defects 1, 2, 4, 5, 6, 8, 9).
 */
class SafetyTest {

    static final String RG = "resources.azure.com";
    static final String MI = "managedidentity.azure.com";
    static final String MI_TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities";
    static final String RG_API = "2020-06-01";
    static final Duration WAIT = Duration.ofSeconds(40);
    static Harness h;

    @BeforeAll
    static void start() {
        h = new Harness();
        h.startController(Map.of("OPERATION_TIMEOUT", "5s"));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @AfterEach
    void reset() {
        h.emulator.faults().clear();
        h.emulator.lro().set(MI_TYPE, new LroPolicy(false, false, null, null, null));
    }

    private static ObjectNode resourceGroup(String namespace, String name, String annotations) {
        h.applyResourceGroup(namespace, name, annotations);
        return h.await(RG, "ResourceGroup", namespace, name, WAIT, Harness.readyNow());
    }

    private static ObjectNode identity(String name, String owner, String tags) {
        h.apply("""
                apiVersion: managedidentity.azure.com/v1api20230131
                kind: UserAssignedIdentity
                metadata: {name: %s, namespace: default}
                spec: {location: westus, owner: %s, tags: %s}
                """.formatted(name, owner, tags));
        return h.get(MI, "UserAssignedIdentity", "default", name);
    }

    private static List<RequestLog.Entry> requests(String method, String pathPart) {
        return h.emulator.requestLog().entries(e -> e.method().equals(method)
                && e.path().toLowerCase().contains(pathPart.toLowerCase()));
    }

    /** Defect 1: the bearer token goes only to the configured ARM endpoint's host and port. */
    @Test
    void aResumeTokenNamingAnotherHostIsNeverPolled() {
        // the emulator's certificate is also valid for "localhost", so a poll there would reach it and be logged
        int port = URI.create(h.emulator.baseUrl()).getPort();
        String elsewhere = "https://localhost:" + port + "/token-thief/x";
        String token = "{\"operation\":\"PUT\",\"strategy\":\"operation\",\"data\":{\"Azure-AsyncOperation\":\"" + elsewhere
                + "\",\"httpMethod\":\"PUT\",\"requestURL\":\"" + elsewhere + "\"}}";
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: rg-forged-token, namespace: default, annotations: {serviceoperator.azure.com/poller-resume-token: '%s'}}
                spec: {location: westus}
                """.formatted(token));
        java.util.function.Supplier<List<RequestLog.Entry>> stolen = () ->
                h.emulator.requestLog().entries(e -> e.path().contains("token-thief"));
        Harness.eventually(WAIT, "Ready, or a request to the forged URL", () -> !stolen.get().isEmpty()
                || Harness.readyNow().test(h.get(RG, "ResourceGroup", "default", "rg-forged-token")));
        assertThat(stolen.get()).as("requests to the forged URL (with the credential's token)").isEmpty();
        ObjectNode rg = h.await(RG, "ResourceGroup", "default", "rg-forged-token", WAIT, Harness.readyNow());
        assertThat(Harness.hasAnnotation(rg, "serviceoperator.azure.com/poller-resume-token")).isFalse();
        assertThat(h.azure(Harness.rgId("rg-forged-token"), RG_API)).isPresent();
    }

    /** Defect 2: deleting a resource deletes only the Azure resource its spec and owner name. */
    @Test
    void deleteNeverFollowsAResourceIdPointingElsewhere() {
        resourceGroup("default", "prod-rg", "");
        resourceGroup("default", "mine", "");
        h.kube.genericKubernetesResources(h.context(RG + "/v1api20200601storage", "ResourceGroup")).inNamespace("default")
                .withName("mine").edit(r -> {
                    r.getMetadata().getAnnotations().put("serviceoperator.azure.com/resource-id", Harness.rgId("prod-rg"));
                    return r;
                });
        h.delete(RG, "ResourceGroup", "default", "mine");
        ObjectNode refused = h.await(RG, "ResourceGroup", "default", "mine", WAIT, Harness.readyIs("False", "ResourceIdMismatch"));
        assertThat(Harness.ready(refused).path("message").asText()).contains("prod-rg").contains("detach-on-delete");
        assertThat(requests("DELETE", "/resourceGroups/prod-rg")).isEmpty();
        assertThat(h.azure(Harness.rgId("prod-rg"), RG_API)).isPresent();

        // the way out the message names: detach, so that the Kubernetes object goes and Azure is left alone
        h.kube.genericKubernetesResources(h.context(RG + "/v1api20200601storage", "ResourceGroup")).inNamespace("default")
                .withName("mine").edit(r -> {
                    r.getMetadata().getAnnotations().put("serviceoperator.azure.com/reconcile-policy", "detach-on-delete");
                    return r;
                });
        h.awaitGone(RG, "ResourceGroup", "default", "mine", WAIT);
        assertThat(requests("DELETE", "/resourceGroups/")).isEmpty();
        assertThat(h.azure(Harness.rgId("prod-rg"), RG_API)).isPresent();
    }

    /** A Ready group in a new namespace, whose policy is then set to {@code policy} right before the group is deleted. */
    private static void deleteUnderNamespacePolicy(String namespace, String name, String policy) {
        h.namespace(namespace, Map.of());
        resourceGroup(namespace, name, "");
        h.namespace(namespace, Map.of("serviceoperator.azure.com/reconcile-policy", policy));
        h.delete(RG, "ResourceGroup", namespace, name);
    }

    /** Defect 4: an invalid policy on the namespace stops the delete instead of falling back to manage. */
    @Test
    void anInvalidNamespacePolicyNeverLeadsToADelete() {
        deleteUnderNamespacePolicy("policy-typo", "rg-typo", "detach_on_delete");
        ObjectNode stopped = h.await(RG, "ResourceGroup", "policy-typo", "rg-typo", WAIT,
                Harness.readyIs("False", "InvalidReconcilePolicy"));
        assertThat(Harness.ready(stopped).path("message").asText()).contains("detach_on_delete");
        assertThat(requests("DELETE", "/resourceGroups/rg-typo")).isEmpty();
        assertThat(h.azure(Harness.rgId("rg-typo"), RG_API)).isPresent();

        h.namespace("policy-typo", Map.of("serviceoperator.azure.com/reconcile-policy", "detach-on-delete"));
        h.awaitGone(RG, "ResourceGroup", "policy-typo", "rg-typo", Duration.ofSeconds(60));
        assertThat(h.azure(Harness.rgId("rg-typo"), RG_API)).isPresent();
    }

    /** Defect 4: detach-on-delete set on the namespace just before the delete is honoured (no stale cache). */
    @Test
    void detachOnDeleteSetOnTheNamespaceRightBeforeTheDeleteIsHonoured() {
        deleteUnderNamespacePolicy("detach-late", "rg-detach-late", "detach-on-delete");
        h.awaitGone(RG, "ResourceGroup", "detach-late", "rg-detach-late", WAIT);
        assertThat(requests("DELETE", "/resourceGroups/rg-detach-late")).isEmpty();
        assertThat(h.azure(Harness.rgId("rg-detach-late"), RG_API)).isPresent();
    }

    /** Defect 6: a spec change made while a PUT's long-running operation runs is sent when it ends. */
    @Test
    void aSpecChangeDuringALongRunningPutIsSent() {
        resourceGroup("default", "rg-lro", "");
        h.emulator.lro().set(MI_TYPE, new LroPolicy(true, false, 1, 2_500L, 1));
        identity("mi-lro", "{name: rg-lro}", "{v: '1'}");
        h.await(MI, "UserAssignedIdentity", "default", "mi-lro", WAIT,
                o -> Harness.hasAnnotation(o, "serviceoperator.azure.com/poller-resume-token"));
        h.patchSpec(MI, "UserAssignedIdentity", "default", "mi-lro", "{\"tags\": {\"v\": \"2\"}}");
        ObjectNode mi = h.await(MI, "UserAssignedIdentity", "default", "mi-lro", WAIT,
                o -> Harness.readyNow().test(o) && o.path("metadata").path("generation").asLong() == 2);
        String id = mi.path("metadata").path("annotations").path("serviceoperator.azure.com/resource-id").asText();
        assertThat(h.azure(id, "2023-01-31").orElseThrow().path("tags").path("v").asText())
                .as("Azure holds the spec the resource is Ready at").isEqualTo("2");
        assertThat(mi.path("status").path("tags").path("v").asText()).isEqualTo("2");
    }

    /** Defect 8: an owner armId in another subscription is refused before anything is written. */
    @Test
    void anOwnerInAnotherSubscriptionIsNeverWritten() {
        String other = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/elsewhere";
        identity("mi-elsewhere", "{armId: '" + other + "'}", "{}");
        ObjectNode mi = h.await(MI, "UserAssignedIdentity", "default", "mi-elsewhere", WAIT,
                Harness.readyIs("False", "SubscriptionMismatch"));
        assertThat(Harness.ready(mi).path("message").asText()).contains("11111111-2222-3333-4444-555555555555");
        assertThat(h.emulator.requestLog().entries(e -> e.path().contains("11111111-2222-3333-4444-555555555555")))
                .as("requests to the other subscription").isEmpty();
    }

    /** Defect 9: Retry-After: 0 does not make a hot loop. */
    @Test
    void retryAfterZeroIsHeldToASecond() {
        h.emulator.faults().add(new FaultRule(null, "PUT", null, "rg-hot", 0, 1_000, null, null, 429, "TooManyRequests",
                "injected", 0, null));
        h.applyResourceGroup("default", "rg-hot", "");
        h.await(RG, "ResourceGroup", "default", "rg-hot", WAIT, Harness.readyIs("False", "TooManyRequests"));
        long first = System.nanoTime();
        Harness.sleep(3_000);
        double seconds = (System.nanoTime() - first) / 1e9;
        int puts = requests("PUT", "/resourceGroups/rg-hot").size();
        assertThat(puts).as("PUTs of rg-hot within %.1f s of the first", seconds).isLessThanOrEqualTo(6);
        h.emulator.faults().clear();
        h.await(RG, "ResourceGroup", "default", "rg-hot", WAIT, Harness.readyNow());
    }

    /** Defect 5: an Error (one only a spec change would fix, as ARM says) is still looked at again. */
    @Test
    void anErrorIsRetriedWithoutASpecChange() {
        h.emulator.faults().add(new FaultRule(null, "PUT", null, "rg-bad-once", 0, 1, null, null, 400,
                "InvalidRequestContent", "injected", null, null));
        h.applyResourceGroup("default", "rg-bad-once", "");
        h.await(RG, "ResourceGroup", "default", "rg-bad-once", WAIT, Harness.readyIs("False", "InvalidRequestContent"));
        h.await(RG, "ResourceGroup", "default", "rg-bad-once", WAIT, Harness.readyNow());
    }

    /**
     * Defect 5: a reconcile that fails on the API server (its status write refused with a conflict, which the client
     * does not retry by itself) shows on the resource and is retried by JOSDK.
     */
    @Test
    void anApiServerErrorShowsOnTheResourceAndIsRetried() {
        h.server.expect().patch()
                .withPath("/apis/resources.azure.com/v1api20200601storage/namespaces/default/resourcegroups/rg-api-conflict/status")
                .andReturn(409, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "code", 409,
                        "reason", "Conflict", "message", "injected conflict"))
                .once();
        h.applyResourceGroup("default", "rg-api-conflict", "");
        ObjectNode failed = h.await(RG, "ResourceGroup", "default", "rg-api-conflict", WAIT,
                Harness.readyIs("False", "KubernetesApiError"));
        assertThat(Harness.ready(failed).path("message").asText()).contains("HTTP 409").contains("retried");
        h.await(RG, "ResourceGroup", "default", "rg-api-conflict", WAIT, Harness.readyNow());
    }

    /** Defect 10: ARM's error text in the Ready condition loses the secrets it echoes. */
    @Test
    void secretsInAzuresErrorTextAreRedactedInStatus() {
        String secret = dev.aso.armemulator.config.EmulatorConfig.DEFAULT_SECRET; // the credential in use
        h.emulator.faults().add(new FaultRule(null, "PUT", null, "rg-leaky", 0, 1_000, null, null, 400,
                "InvalidRequestContent", "client secret " + secret + " rejected; DefaultEndpointsProtocol=https;AccountName=a;"
                + "AccountKey=c2VjcmV0a2V5", null, null));
        h.applyResourceGroup("default", "rg-leaky", "");
        ObjectNode rg = h.await(RG, "ResourceGroup", "default", "rg-leaky", WAIT,
                Harness.readyIs("False", "InvalidRequestContent"));
        assertThat(Harness.ready(rg).path("message").asText()).doesNotContain(secret).doesNotContain("c2VjcmV0a2V5")
                .contains("[redacted]");
    }

    /** Defect 9: a long-running operation that never ends is given up after OPERATION_TIMEOUT and sent again. */
    @Test
    void aLongRunningOperationThatNeverEndsTimesOut() {
        resourceGroup("default", "rg-stuck", "");
        h.emulator.lro().set(MI_TYPE, new LroPolicy(true, false, 1_000_000, 3_600_000L, 1));
        identity("mi-stuck", "{name: rg-stuck}", "{}");
        ObjectNode mi = h.await(MI, "UserAssignedIdentity", "default", "mi-stuck", WAIT,
                Harness.readyIs("False", "OperationTimedOut"));
        assertThat(Harness.ready(mi).path("message").asText()).contains("OPERATION_TIMEOUT");
        // Azure still runs the first operation: the PUT sent again is refused, which shows, and is retried with backoff
        h.await(MI, "UserAssignedIdentity", "default", "mi-stuck", WAIT, Harness.readyIs("False", "AnotherOperationInProgress"));
        Harness.sleep(3_000);
        assertThat(requests("PUT", "/userAssignedIdentities/mi-stuck").size()).as("PUTs: the first, then with backoff")
                .isBetween(2, 5);
    }

    /** Defect 9: a poll that fails shows on the resource instead of counting as "in progress". */
    @Test
    void aFailingPollShowsInStatus() {
        resourceGroup("default", "rg-poll-403", "");
        h.emulator.lro().set(MI_TYPE, new LroPolicy(true, false, 2, 0L, 1));
        h.emulator.faults().add(new FaultRule(null, "GET", null, "operationStatuses", 0, 1_000, null, null, 403,
                "AuthorizationFailed", "injected: no read access to operations", null, null));
        identity("mi-poll-403", "{name: rg-poll-403}", "{}");
        ObjectNode mi = h.await(MI, "UserAssignedIdentity", "default", "mi-poll-403", WAIT,
                Harness.readyIs("False", "AuthorizationFailed"));
        assertThat(Harness.ready(mi).path("severity").asText()).isEqualTo("Warning");
        assertThat(Harness.ready(mi).path("message").asText()).contains("could not be polled");
        h.emulator.faults().clear();
        h.await(MI, "UserAssignedIdentity", "default", "mi-poll-403", WAIT, Harness.readyNow());
    }
}
