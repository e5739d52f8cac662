package dev.aso.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    private static List<Event> events(String name, String reason) {
        return h.kube.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(name) && reason.equals(e.getReason())).toList();
    }
}
