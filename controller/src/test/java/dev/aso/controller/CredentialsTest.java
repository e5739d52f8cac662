package dev.aso.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.config.EmulatorConfig;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Credential scopes (resource annotation, namespace Secret, global), the same-namespace rule and SubscriptionMismatch. */
class CredentialsTest {

    static final Duration WAIT = Duration.ofSeconds(40);
    static final String TENANT_2 = "00000000-0000-0000-0000-0000000002aa";
    static final String SUBSCRIPTION_2 = "00000000-0000-0000-0000-0000000002bb";
    static final String CLIENT_2 = "00000000-0000-0000-0000-0000000002cc";
    static final String SECRET_2 = "second-client-secret";
    static Harness h;
    static ControllerManager manager;

    @BeforeAll
    static void start() {
        h = new Harness();
        h.emulator.directory().putTenant(new EmulatorConfig.TenantConfig(TENANT_2, "second",
                List.of(new EmulatorConfig.SubscriptionConfig(SUBSCRIPTION_2, "second"))));
        h.emulator.directory().putClient(new EmulatorConfig.ClientConfig(CLIENT_2, TENANT_2, SECRET_2, null, null,
                List.of(SUBSCRIPTION_2)));
        manager = h.startController(Map.of());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static void credentialSecret(String namespace, String name) {
        h.namespace(namespace, Map.of());
        h.kube.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .withStringData(Map.of("AZURE_SUBSCRIPTION_ID", SUBSCRIPTION_2, "AZURE_TENANT_ID", TENANT_2,
                        "AZURE_CLIENT_ID", CLIENT_2, "AZURE_CLIENT_SECRET", SECRET_2)).build()).create();
    }

    private static void resourceGroup(String namespace, String name, String annotations) {
        h.applyResourceGroup(namespace, name, annotations);
    }

    private static String armId(ObjectNode obj) {
        return obj.path("metadata").path("annotations").path("serviceoperator.azure.com/resource-id").asText();
    }

    @Test
    void namespaceSecretIsUsedAndSaidByAnEvent() {
        credentialSecret("team-a", "aso-credential");
        resourceGroup("team-a", "rg-team-a", "");
        ObjectNode rg = h.await("resources.azure.com", "ResourceGroup", "team-a", "rg-team-a", WAIT, Harness.readyNow());
        assertThat(armId(rg)).startsWith("/subscriptions/" + SUBSCRIPTION_2 + "/");
        assertThat(h.emulator.requestLog().entries(e -> e.method().equals("PUT") && e.path().endsWith("/rg-team-a")))
                .singleElement().satisfies(e -> assertThat(e.clientId()).isEqualTo(CLIENT_2));
        assertThat(events("rg-team-a")).anySatisfy(m -> assertThat(m).contains("Secret team-a/aso-credential"));
    }

    @Test
    void resourceAnnotationWinsAndGlobalIsTheFallback() {
        credentialSecret("team-b", "my-credential");
        resourceGroup("team-b", "rg-annotated", "serviceoperator.azure.com/credential-from: my-credential");
        resourceGroup("team-b", "rg-global", "");
        assertThat(armId(h.await("resources.azure.com", "ResourceGroup", "team-b", "rg-annotated", WAIT, Harness.readyNow())))
                .startsWith("/subscriptions/" + SUBSCRIPTION_2 + "/");
        assertThat(armId(h.await("resources.azure.com", "ResourceGroup", "team-b", "rg-global", WAIT, Harness.readyNow())))
                .startsWith("/subscriptions/" + Harness.SUBSCRIPTION + "/");
        assertThat(events("rg-global")).anySatisfy(m -> assertThat(m).contains("global credential"));
        assertThat(manager.armClientCount()).isEqualTo(2);
    }

    @Test
    void credentialOfAnotherNamespaceIsRefused() {
        credentialSecret("team-c", "aso-credential");
        h.namespace("team-d", Map.of());
        resourceGroup("team-d", "rg-borrower", "serviceoperator.azure.com/credential-from: team-c/aso-credential");
        ObjectNode rg = h.await("resources.azure.com", "ResourceGroup", "team-d", "rg-borrower", WAIT,
                Harness.readyIs("False", "CredentialFromOtherNamespace"));
        assertThat(Harness.ready(rg).path("severity").asText()).isEqualTo("Error");
        assertThat(h.emulator.requestLog().entries(e -> e.path().endsWith("/rg-borrower"))).isEmpty();
    }

    @Test
    void swappingToAnotherSubscriptionIsRefused() {
        h.namespace("team-e", Map.of());
        resourceGroup("team-e", "rg-moved", "");
        h.await("resources.azure.com", "ResourceGroup", "team-e", "rg-moved", WAIT, Harness.readyNow());
        credentialSecret("team-e", "aso-credential");
        h.patchSpec("resources.azure.com", "ResourceGroup", "team-e", "rg-moved", "{\"tags\": {\"touch\": \"1\"}}");
        ObjectNode rg = h.await("resources.azure.com", "ResourceGroup", "team-e", "rg-moved", WAIT,
                Harness.readyIs("False", "SubscriptionMismatch"));
        // ResumeAndExportsTest exports the subscription id into a Secret in this JVM, which makes it a redacted value
        assertThat(Harness.ready(rg).path("message").asText()).contains(SUBSCRIPTION_2)
                .containsAnyOf(Harness.SUBSCRIPTION, dev.aso.controller.observability.Redactor.MASK);
        assertThat(armId(rg)).startsWith("/subscriptions/" + Harness.SUBSCRIPTION + "/");
    }

    @Test
    void deletingWithACredentialOfAnotherSubscriptionWaitsForTheRightOne() {
        h.namespace("team-f", Map.of());
        resourceGroup("team-f", "rg-kept", "");
        h.await("resources.azure.com", "ResourceGroup", "team-f", "rg-kept", WAIT, Harness.readyNow());
        credentialSecret("team-f", "aso-credential");
        h.delete("resources.azure.com", "ResourceGroup", "team-f", "rg-kept");
        ObjectNode rg = h.await("resources.azure.com", "ResourceGroup", "team-f", "rg-kept", WAIT,
                Harness.readyIs("False", "SubscriptionMismatch"));
        assertThat(Harness.ready(rg).path("message").asText()).contains(SUBSCRIPTION_2);
        assertThat(h.emulator.requestLog().entries(e -> e.method().equals("DELETE") && e.path().endsWith("/rg-kept")))
                .as("no DELETE with the wrong subscription's credential").isEmpty();

        h.kube.secrets().inNamespace("team-f").withName("aso-credential").delete();
        h.awaitGone("resources.azure.com", "ResourceGroup", "team-f", "rg-kept", WAIT);
        assertThat(h.emulator.requestLog().entries(e -> e.method().equals("DELETE") && e.path().endsWith("/rg-kept")))
                .singleElement().satisfies(e -> assertThat(e.clientId()).isNotEqualTo(CLIENT_2));
    }

    private static List<String> events(String name) {
        return h.kube.v1().events().inAnyNamespace().list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(name)).map(e -> e.getReason() + ": " + e.getMessage())
                .toList();
    }
}
