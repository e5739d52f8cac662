package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.Azure;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.e2e.support.Wait;
import dev.aso.testsupport.deployables.ControllerProcess;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flow 7: credential scopes. A namespace's {@code aso-credential} Secret, for a second tenant and
 * subscription, is used for that namespace only; other namespaces keep the global credential; a
 * {@code credential-from} annotation naming a Secret of the resource's own namespace is used, one
 * naming a Secret of another namespace is refused without any call to Azure.
 */
@EndToEnd
class ControllerCredentialsTest {

  static final String RG = "resourcegroups.resources.azure.com/";
  static final String TENANT_2 = UUID.randomUUID().toString();
  static final String SUBSCRIPTION_2 = UUID.randomUUID().toString();
  static final String CLIENT_2 = UUID.randomUUID().toString();
  static final String SECRET_2 = "second-client-secret";
  static String global;
  static String team;
  static ControllerProcess controller;

  @BeforeAll
  static void twoSubscriptionsTwoNamespaces(E2eStack stack) {
    stack.armAdmin().addTenant(new EmulatorConfig.TenantConfig(TENANT_2, "second tenant",
        List.of(new EmulatorConfig.SubscriptionConfig(SUBSCRIPTION_2, "second subscription"))));
    stack.armAdmin().addClient(new EmulatorConfig.ClientConfig(CLIENT_2, TENANT_2, SECRET_2, null, null,
        List.of(SUBSCRIPTION_2)));
    global = stack.newNamespace("cred-global");
    team = stack.newNamespace("cred-team");
    createCredentialSecret(stack, team, "aso-credential");
    createCredentialSecret(stack, global, "team-credential");
    controller = stack.startController("credentials", List.of(global, team));

    apply(stack, global, resourceGroup("rg", global + "-rg", Map.of()));
    apply(stack, team, resourceGroup("rg", team + "-rg", Map.of()));
    apply(stack, global, resourceGroup("by-annotation", global + "-annotated",
        Map.of("serviceoperator.azure.com/credential-from", "team-credential")));
    apply(stack, global, resourceGroup("borrowing", global + "-borrowing",
        Map.of("serviceoperator.azure.com/credential-from", team + "/aso-credential")));
    Azure.awaitReady(stack, controller, global, RG + "rg", RG + "by-annotation");
    Azure.awaitReady(stack, controller, team, RG + "rg");
  }

  /**
   * The resources first, while their credential Secrets exist: deleting the namespace at once
   * could delete a Secret before the controller has deleted the Azure resource it authorizes.
   */
  @AfterAll
  static void stop(E2eStack stack) {
    for (String ns : new String[] {global, team}) {
      if (ns != null) {
        stack.kubectl("delete", "-n", ns, "resourcegroups.resources.azure.com", "--all", "--timeout=60s");
        stack.deleteNamespace(ns);
      }
    }
    if (controller != null) {
      controller.close();
    }
  }

  static void createCredentialSecret(E2eStack stack, String namespace, String name) {
    stack.kubectl("create", "secret", "generic", name, "-n", namespace,
        "--from-literal=AZURE_SUBSCRIPTION_ID=" + SUBSCRIPTION_2, "--from-literal=AZURE_TENANT_ID=" + TENANT_2,
        "--from-literal=AZURE_CLIENT_ID=" + CLIENT_2, "--from-literal=AZURE_CLIENT_SECRET=" + SECRET_2)
        .assertSuccess();
  }

  static String resourceGroup(String name, String azureName, Map<String, String> annotations) {
    StringBuilder a = new StringBuilder();
    annotations.forEach((k, v) -> a.append(k).append(": ").append(v).append(", "));
    return """
        apiVersion: resources.azure.com/v1api20200601
        kind: ResourceGroup
        metadata: {name: %s, annotations: {%s}}
        spec: {azureName: %s, location: westcentralus}
        """.formatted(name, a.length() == 0 ? "" : a.substring(0, a.length() - 2), azureName);
  }

  static void apply(E2eStack stack, String namespace, String manifest) {
    stack.kubectlWithInput(manifest, "apply", "-n", namespace, "-f", "-").assertSuccess();
  }

  @Test
  void theNamespaceCredentialPutsThatNamespacesResourcesInTheSecondSubscription(E2eStack stack) {
    assertThat(Azure.resourcesUnder(stack, Azure.resourceGroupId(SUBSCRIPTION_2, team + "-rg"))).hasSize(1);
    assertThat(Azure.resourcesUnder(stack, Azure.resourceGroupId(team + "-rg"))).isEmpty();
    assertThat(Azure.writesTo(stack, "/resourceGroups/" + team + "-rg"))
        .extracting(w -> w.path("method").asText() + " " + w.path("clientId").asText())
        .containsExactly("PUT " + CLIENT_2);
    assertThat(stack.kubectl("get", "events", "-n", team, "--field-selector", "reason=CredentialFrom",
        "-o", "jsonpath={.items[*].message}").assertSuccess().stdout())
        .contains("Secret " + team + "/aso-credential");
  }

  @Test
  void otherNamespacesKeepTheGlobalCredential(E2eStack stack) {
    assertThat(Azure.resourcesUnder(stack, Azure.resourceGroupId(global + "-rg"))).hasSize(1);
    assertThat(Azure.writesTo(stack, "/resourceGroups/" + global + "-rg"))
        .extracting(w -> w.path("method").asText() + " " + w.path("clientId").asText())
        .containsExactly("PUT " + EmulatorConfig.DEFAULT_CLIENT);
  }

  @Test
  void aCredentialFromSecretOfTheResourcesNamespaceIsUsed(E2eStack stack) {
    assertThat(Azure.resourcesUnder(stack, Azure.resourceGroupId(SUBSCRIPTION_2, global + "-annotated")))
        .hasSize(1);
    assertThat(stack.kubectl("get", "events", "-n", global, "--field-selector",
            "reason=CredentialFrom,involvedObject.name=by-annotation", "-o", "jsonpath={.items[*].message}")
        .assertSuccess().stdout()).contains("Secret " + global + "/team-credential");
  }

  @Test
  void aCredentialFromSecretOfAnotherNamespaceIsRefused(E2eStack stack) {
    Wait.until("Ready condition of " + RG + "borrowing", Azure.READY_TIMEOUT, "False CredentialFromOtherNamespace",
        () -> Azure.readyStatusAndReason(stack, global, RG + "borrowing"));
    assertThat(stack.kubectl("get", "-n", global, RG + "borrowing", "-o",
            "jsonpath={.status.conditions[?(@.type==\"Ready\")].message}").assertSuccess().stdout())
        .contains("may only use a credential Secret of its own namespace");
    assertThat(Azure.writesTo(stack, "/resourceGroups/" + global + "-borrowing")).isEmpty();
  }
}
