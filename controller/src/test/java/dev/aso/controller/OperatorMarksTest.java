package dev.aso.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.aso.controller.observability.Redactor;
import org.junit.jupiter.api.Test;

/**
 * What ASO's users see of the operator on their resources: the annotation
 * {@code serviceoperator.azure.com/operator-namespace} (the operator's POD_NAMESPACE, {@code aso-system} in the
 * harness), the Normal events {@code BeginCreateOrUpdate} when a PUT is accepted and {@code BeginDelete} when a
 * delete begins, with ASO's messages; and a resource another operator claimed is left alone ({@code Overlap}).
 */
class OperatorMarksTest {

    static final Duration WAIT = Duration.ofSeconds(40);
    static final String KEY = "serviceoperator.azure.com/operator-namespace";
    static Harness h;

    @BeforeAll
    static void start() {
        h = new Harness();
        h.startController(Map.of());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void aReconciledResourceCarriesTheOperatorNamespaceAndAsosEvents() {
        h.applyResourceGroup("default", "rg-marked", "");
        ObjectNode rg = h.await("resources.azure.com", "ResourceGroup", "default", "rg-marked", WAIT, Harness.readyNow());
        assertThat(rg.path("metadata").path("annotations").path(KEY).asText()).isEqualTo("aso-system");
        String id = Harness.rgId("rg-marked");
        Harness.eventually(WAIT, "BeginCreateOrUpdate event", () -> !events("rg-marked", "BeginCreateOrUpdate").isEmpty());
        Event sent = events("rg-marked", "BeginCreateOrUpdate").get(0);
        assertThat(sent.getType()).isEqualTo("Normal");
        // the id as sent through the log redactor: a test before this one in the JVM may have exported the
        // subscription id to a Secret, and such values are redacted from then on
        assertThat(sent.getMessage()).isEqualTo("Successfully sent resource to Azure with ID \""
                + Redactor.redact(id) + "\"");
        assertThat(events("rg-marked", "BeginDelete")).isEmpty();

        h.delete("resources.azure.com", "ResourceGroup", "default", "rg-marked");
        h.awaitGone("resources.azure.com", "ResourceGroup", "default", "rg-marked", WAIT);
        List<Event> deleting = events("rg-marked", "BeginDelete");
        assertThat(deleting).hasSize(1);
        assertThat(deleting.get(0).getType()).isEqualTo("Normal");
        assertThat(deleting.get(0).getMessage()).isEqualTo("Starting delete of resource");
        assertThat(h.azure(id, "2020-06-01")).isEmpty();
    }

    @Test
    void aResourceAnotherOperatorClaimedIsLeftAlone() {
        h.applyResourceGroup("default", "rg-theirs", KEY + ": other-operator");
        Harness.eventually(WAIT, "Overlap event", () -> !events("rg-theirs", "Overlap").isEmpty());
        Event overlap = events("rg-theirs", "Overlap").get(0);
        assertThat(overlap.getType()).isEqualTo("Warning");
        assertThat(overlap.getMessage())
                .isEqualTo("Operators in \"aso-system\" and \"other-operator\" are both configured to manage this resource");
        ObjectNode rg = h.get("resources.azure.com", "ResourceGroup", "default", "rg-theirs");
        assertThat(rg.path("metadata").path("annotations").path(KEY).asText()).isEqualTo("other-operator");
        assertThat(rg.path("status").path("conditions")).isEmpty();
        assertThat(h.emulator.requestLog().entries(e -> e.path().endsWith("/rg-theirs"))).isEmpty();
    }

    @Test
    void aCreateWritesItsMarksInOneWriteAndNeverReadsTheObjectBack() throws InterruptedException {
        h.applyResourceGroup("default", "rg-writes", "");
        h.await("resources.azure.com", "ResourceGroup", "default", "rg-writes", WAIT, Harness.readyNow());
        var meta = h.catalog.kind("managedidentity.azure.com", "UserAssignedIdentity").orElseThrow();
        String path = "/apis/managedidentity.azure.com/" + meta.hubVersion() + "/namespaces/default/" + meta.plural() + "/uai-writes";
        recorded(); // what came before
        h.apply("""
                apiVersion: managedidentity.azure.com/v1api20230131
                kind: UserAssignedIdentity
                metadata: {name: uai-writes, namespace: default}
                spec: {location: westus, owner: {name: rg-writes}}
                """);
        // waited for by listing: a GET of the object's own path would be the test's, not the controller's
        Harness.eventually(WAIT, "uai-writes Ready", () -> h.kube.genericKubernetesResources(
                        h.context("managedidentity.azure.com/" + meta.hubVersion(), "UserAssignedIdentity")).inNamespace("default")
                .list().getItems().stream().filter(r -> r.getMetadata().getName().equals("uai-writes"))
                .map(r -> h.kube.getKubernetesSerialization().convertValue(r, ObjectNode.class)).anyMatch(Harness.readyNow()));

        List<RecordedRequest> requests = recorded().stream().filter(r -> r.getPath().split("\\?")[0].startsWith(path)).toList();
        List<String> seen = requests.stream().map(r -> r.getMethod() + " " + r.getPath().split("\\?")[0].substring(path.length())).toList();
        // the finalizer, the claim with the ARM id and the owner reference (one write), the status (one)
        assertThat(seen).as("the controller's requests on the new object").filteredOn(r -> !r.startsWith("GET"))
                .containsExactlyInAnyOrder("PATCH ", "PATCH /status");
        assertThat(seen).as("a write is sent on the object in hand, never after a read of it").noneMatch(r -> r.startsWith("GET"));
        ObjectNode uai = h.get("managedidentity.azure.com", "UserAssignedIdentity", "default", "uai-writes");
        assertThat(uai.path("metadata").path("annotations").path(KEY).asText()).isEqualTo("aso-system");
        assertThat(uai.path("metadata").path("annotations").path("serviceoperator.azure.com/resource-id").asText())
                .endsWith("/resourceGroups/rg-writes/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-writes");
        assertThat(uai.path("metadata").path("ownerReferences").get(0).path("name").asText()).isEqualTo("rg-writes");
    }

    /** The requests the mock API received since the last call. */
    private static List<RecordedRequest> recorded() throws InterruptedException {
        List<RecordedRequest> out = new java.util.ArrayList<>();
        for (RecordedRequest r = h.server.takeRequest(10, TimeUnit.MILLISECONDS); r != null;
             r = h.server.takeRequest(10, TimeUnit.MILLISECONDS)) {
            out.add(r);
        }
        return out;
    }

    private static List<Event> events(String name, String reason) {
        return h.kube.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(name) && reason.equals(e.getReason())).toList();
    }
}
