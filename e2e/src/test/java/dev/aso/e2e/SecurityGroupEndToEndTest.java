package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.Arm;
import dev.aso.e2e.support.Azure;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.testsupport.deployables.ControllerProcess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code entra.azure.com/v1 SecurityGroup} applied with kubectl, reconciled by the controller
 * process against the emulator's Microsoft Graph (AZURE_GRAPH_ENDPOINT): created, its id exported
 * to a ConfigMap and deleted in Graph with the object; existing groups adopted (AdoptOnly, left in
 * Graph on delete; AdoptOrCreate, no second group); AdoptOnly without a group is
 * {@code GroupNotFound}. Graph is read by the test with its own token.
 */
@EndToEnd
class SecurityGroupEndToEndTest {

  static final Duration WAIT = Duration.ofSeconds(60);
  static String ns;
  static ControllerProcess controller;
  static Arm graph;

  @BeforeAll
  static void start(E2eStack stack) {
    ns = stack.newNamespace("entra");
    controller = stack.startController("entra", List.of(ns),
        Map.of("AZURE_GRAPH_ENDPOINT", stack.armEmulator().baseUrl() + "/"));
    graph = Arm.graph(stack);
  }

  @AfterAll
  static void stop(E2eStack stack) {
    if (ns != null) {
      stack.kubectl("delete", "-n", ns, "securitygroups.entra.azure.com", "--all", "--timeout=60s");
      stack.deleteNamespace(ns);
    }
    if (controller != null) {
      controller.close();
    }
  }

  @Test
  void aGroupIsCreatedExportedAndDeletedInGraph(E2eStack stack) {
    applyGroup(stack, "team-a", "e2e-team-a", "{configmaps: {entraID: {name: team-a-ids, key: groupId}}}");
    Azure.awaitReady(stack, controller, ns, "securitygroups.entra.azure.com/team-a");
    String id = stack.kubectl("get", "-n", ns, "securitygroups.entra.azure.com/team-a", "-o",
        "jsonpath={.status.entraID}").assertSuccess().stdout();
    assertThat(id).isNotEmpty();
    assertThat(Azure.annotation(stack, ns, "securitygroups.entra.azure.com/team-a",
        "serviceoperator.azure.com/resource-id")).isEqualTo(id);
    JsonNode group = graph.get("/v1.0/groups/" + id, null);
    assertThat(group).as("the group in Graph").isNotNull();
    assertThat(group.path("displayName").asText()).isEqualTo("team-a team");
    assertThat(group.path("mailNickname").asText()).isEqualTo("e2e-team-a");
    assertThat(group.path("securityEnabled").asBoolean()).isTrue();
    ConfigMap ids = stack.client().configMaps().inNamespace(ns).withName("team-a-ids").get();
    assertThat(ids.getData()).containsExactly(Map.entry("groupId", id));
    assertThat(ids.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getKind() + "/" + o.getName()).isEqualTo("SecurityGroup/team-a"));
    assertThat(Azure.eventReasons(stack, ns, "team-a")).contains("SecurityGroupCreated");

    stack.kubectl("delete", "-n", ns, "securitygroups.entra.azure.com/team-a", "--timeout=60s").assertSuccess();
    assertThat(graph.get("/v1.0/groups/" + id, null)).as("deleted in Graph").isNull();
  }

  @Test
  void existingGroupsAreAdoptedNotDuplicated(E2eStack stack) {
    String kept = createInGraph("Kept team", "e2e-kept");
    String taken = createInGraph("Taken team", "e2e-taken");
    applyGroup(stack, "kept", "e2e-kept", "{creationMode: AdoptOnly}");
    applyGroup(stack, "taken", "e2e-taken", "{creationMode: AdoptOrCreate}");
    Azure.awaitReady(stack, controller, ns, "securitygroups.entra.azure.com/kept",
        "securitygroups.entra.azure.com/taken");
    assertThat(entraId(stack, "kept")).isEqualTo(kept);
    assertThat(entraId(stack, "taken")).isEqualTo(taken);
    assertThat(withNickname("e2e-kept")).as("no second group").hasSize(1);
    assertThat(withNickname("e2e-taken")).as("no second group").hasSize(1);
    assertThat(Azure.eventReasons(stack, ns, "kept")).contains("SecurityGroupAdopted");
    assertThat(graph.get("/v1.0/groups/" + taken, null).path("displayName").asText())
        .as("AdoptOrCreate keeps the group in line with the spec").isEqualTo("taken team");

    stack.kubectl("delete", "-n", ns, "securitygroups.entra.azure.com/kept", "securitygroups.entra.azure.com/taken",
        "--timeout=60s").assertSuccess();
    assertThat(graph.get("/v1.0/groups/" + kept, null)).as("AdoptOnly never deletes").isNotNull();
    assertThat(graph.get("/v1.0/groups/" + taken, null)).as("an adopted group is managed").isNull();

    applyGroup(stack, "nowhere", "e2e-no-such-team", "{creationMode: AdoptOnly}");
    JsonNode ready = Azure.awaitReadyCondition(stack, ns, "securitygroups.entra.azure.com/nowhere",
        "False GroupNotFound", WAIT);
    assertThat(ready.path("message").asText()).contains("nowhere team");
    assertThat(withNickname("e2e-no-such-team")).isEmpty();
  }

  static void applyGroup(E2eStack stack, String name, String nickname, String operatorSpec) {
    stack.kubectlWithInput("""
        apiVersion: entra.azure.com/v1
        kind: SecurityGroup
        metadata: {name: %s}
        spec:
          displayName: %s team
          mailNickname: %s
          description: made by the operator
          operatorSpec: %s
        """.formatted(name, name, nickname, operatorSpec), "apply", "-n", ns, "-f", "-").assertSuccess();
  }

  static String entraId(E2eStack stack, String name) {
    return stack.kubectl("get", "-n", ns, "securitygroups.entra.azure.com/" + name, "-o",
        "jsonpath={.status.entraID}").assertSuccess().stdout();
  }

  static String createInGraph(String displayName, String nickname) {
    return graph.create("/v1.0/groups", null, """
        {"displayName": "%s", "mailNickname": "%s", "mailEnabled": false, "securityEnabled": true}
        """.formatted(displayName, nickname)).path("id").asText();
  }

  static List<JsonNode> withNickname(String nickname) {
    String filter = URLEncoder.encode("mailNickname eq '" + nickname + "'", StandardCharsets.UTF_8)
        .replace("+", "%20");
    JsonNode page = graph.get("/v1.0/groups?$filter=" + filter, null);
    List<JsonNode> groups = new ArrayList<>();
    page.path("value").forEach(groups::add);
    return groups;
  }
}
