package dev.aso.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.controller.arm.ArmHttp;
import dev.aso.controller.credentials.AzureCredential;
import dev.aso.controller.credentials.GraphClients;
import dev.aso.controller.entra.GraphClient;
import dev.aso.controller.settings.Sensitive;
import dev.aso.controller.settings.SettingsLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code entra.azure.com/v1 SecurityGroup} through the controller against the emulator's Microsoft Graph (the
 * controller's global credential, AZURE_GRAPH_ENDPOINT pointed at the emulator): created and exported to a
 * ConfigMap, an existing group adopted (and left in Graph when its AdoptOnly resource is deleted), deleted in Graph.
 */
class SecurityGroupReconcileTest {

    static final Duration WAIT = Duration.ofSeconds(40);
    static final String GROUP = "entra.azure.com";
    static final String NS = "entra";
    static Harness h;
    static GraphClient graph;

    @BeforeAll
    static void start() {
        h = new Harness();
        h.startController(Map.of());
        h.namespace(NS, Map.of());
        graph = new GraphClients(SettingsLoader.load(Map.of(), Map.of("AZURE_AUTHORITY_HOST", h.emulator.baseUrl())),
                ArmHttp.client(h.emulator.sslContext()), URI.create(h.emulator.baseUrl()), null)
                .forCredential(new AzureCredential("test", Harness.SUBSCRIPTION, EmulatorConfig.DEFAULT_TENANT,
                        EmulatorConfig.DEFAULT_CLIENT, new Sensitive(EmulatorConfig.DEFAULT_SECRET), null, null));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    static void applyGroup(String name, String nickname, String operatorSpec) {
        h.apply("""
                apiVersion: entra.azure.com/v1
                kind: SecurityGroup
                metadata: {name: %s, namespace: entra}
                spec:
                  displayName: %s team
                  mailNickname: %s
                  description: made by the operator
                  operatorSpec: %s
                """.formatted(name, name, nickname, operatorSpec));
    }

    @Test
    void createdExportedAndDeleted() {
        applyGroup("team-a", "team-a", "{configmaps: {entraID: {name: team-a-ids, key: groupId}}}");
        JsonNode group = h.await(GROUP, "SecurityGroup", NS, "team-a", WAIT, Harness.readyNow());
        String id = group.path("status").path("entraID").asText();
        assertThat(id).isNotEmpty();
        assertThat(group.path("status").path("displayName").asText()).isEqualTo("team-a team");
        assertThat(group.path("metadata").path("annotations").path("serviceoperator.azure.com/resource-id").asText())
                .isEqualTo(id);
        assertThat(graph.get(id)).get().satisfies(g -> {
            assertThat(g.mailNickname()).isEqualTo("team-a");
            assertThat(g.securityEnabled()).isTrue();
        });
        ConfigMap ids = h.kube.configMaps().inNamespace(NS).withName("team-a-ids").get();
        assertThat(ids.getData()).containsEntry("groupId", id);
        assertThat(ids.getMetadata().getOwnerReferences()).anyMatch(r -> r.getName().equals("team-a"));

        h.delete(GROUP, "SecurityGroup", NS, "team-a");
        h.awaitGone(GROUP, "SecurityGroup", NS, "team-a", WAIT);
        assertThat(graph.get(id)).as("deleted in Graph").isEmpty();
    }

    @Test
    void anExistingGroupIsAdoptedAndLeftInPlace() {
        String existing = graph.create(new ObjectMapper().createObjectNode().put("displayName", "Existing")
                .put("mailNickname", "existing-team").put("mailEnabled", false).put("securityEnabled", true)).id();
        applyGroup("adopted", "existing-team", "{creationMode: AdoptOnly}");
        JsonNode adopted = h.await(GROUP, "SecurityGroup", NS, "adopted", WAIT, Harness.readyNow());
        assertThat(adopted.path("status").path("entraID").asText()).isEqualTo(existing);
        assertThat(graph.findByMailNickname("existing-team")).as("no second group").hasSize(1);

        h.delete(GROUP, "SecurityGroup", NS, "adopted");
        h.awaitGone(GROUP, "SecurityGroup", NS, "adopted", WAIT);
        assertThat(graph.get(existing)).as("AdoptOnly never deletes the group").isPresent();

        applyGroup("nowhere", "no-such-team", "{creationMode: AdoptOnly}");
        JsonNode missing = h.await(GROUP, "SecurityGroup", NS, "nowhere", WAIT, Harness.readyIs("False", "GroupNotFound"));
        assertThat(Harness.ready(missing).path("message").asText()).contains("no-such-team");
        assertThat(graph.findByMailNickname("no-such-team")).isEmpty();
    }
}
