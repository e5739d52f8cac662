package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.Arm;
import dev.aso.e2e.support.Azure;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.e2e.support.Wait;
import dev.aso.testsupport.deployables.ControllerProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flow 6: deleting under each reconcile-policy. {@code manage}: deleting the ResourceGroup removes
 * its child custom resources through Kubernetes garbage collection and the Azure resources;
 * {@code detach-on-delete} keeps the Azure resource; {@code skip} reads an existing Azure resource
 * and never writes to it, not even on delete.
 */
@EndToEnd
class ControllerDeleteTest {

  static final String RG = "resourcegroups.resources.azure.com/";
  static final String IDENTITY = "userassignedidentities.managedidentity.azure.com/";
  static final Duration DELETE_TIMEOUT = Duration.ofSeconds(120);
  static String ns;
  static ControllerProcess controller;

  @BeforeAll
  static void startController(E2eStack stack) {
    ns = stack.newNamespace("delete");
    controller = stack.startController("delete", List.of(ns));
  }

  @AfterAll
  static void stop(E2eStack stack) {
    if (ns != null) {
      stack.kubectl("delete", "-n", ns, "resourcegroups.resources.azure.com", "--all", "--timeout=60s");
      stack.deleteNamespace(ns);
    }
    if (controller != null) {
      controller.close();
    }
  }

  static String resourceGroup(String name, String azureName, String policy) {
    return """
        apiVersion: resources.azure.com/v1api20200601
        kind: ResourceGroup
        metadata:
          name: %s
          annotations: {serviceoperator.azure.com/reconcile-policy: %s}
        spec: {azureName: %s, location: westcentralus}
        """.formatted(name, policy, azureName);
  }

  static String identity(String name, String owner) {
    return """
        apiVersion: managedidentity.azure.com/v1api20230131
        kind: UserAssignedIdentity
        metadata: {name: %s}
        spec: {location: westcentralus, owner: {name: %s}}
        """.formatted(name, owner);
  }

  void apply(E2eStack stack, String... manifests) {
    stack.kubectlWithInput(String.join("---\n", manifests), "apply", "-n", ns, "-f", "-").assertSuccess();
  }

  @Test
  void deletingAManagedResourceGroupRemovesItsChildrenInKubernetesAndAzure(E2eStack stack) {
    String azureName = ns + "-managed";
    apply(stack, resourceGroup("managed", azureName, "manage"), identity("managed-id-1", "managed"),
        identity("managed-id-2", "managed"));
    Azure.awaitReady(stack, controller, ns, RG + "managed", IDENTITY + "managed-id-1", IDENTITY + "managed-id-2");
    assertThat(Azure.resourcesUnder(stack, Azure.resourceGroupId(azureName))).hasSize(3);

    stack.kubectl("delete", "-n", ns, RG + "managed", "--wait=false").assertSuccess();
    Azure.awaitGone(stack, ns, RG + "managed", DELETE_TIMEOUT);
    Azure.awaitGone(stack, ns, IDENTITY + "managed-id-1", DELETE_TIMEOUT);
    Azure.awaitGone(stack, ns, IDENTITY + "managed-id-2", DELETE_TIMEOUT);
    assertThat(Azure.resourcesUnder(stack, Azure.resourceGroupId(azureName)))
        .as("the resource group and its identities deleted in Azure").isEmpty();
    assertThat(Azure.writesTo(stack, "/resourceGroups/" + azureName).stream()
        .filter(w -> w.path("method").asText().equals("DELETE"))
        .map(w -> w.path("path").asText()).toList())
        .as("the controller deleted the resource group").contains(Azure.resourceGroupId(azureName));
  }

  @Test
  void detachOnDeleteKeepsTheAzureResource(E2eStack stack) {
    String azureName = ns + "-detached";
    apply(stack, resourceGroup("detached", azureName, "detach-on-delete"));
    Azure.awaitReady(stack, controller, ns, RG + "detached");

    stack.kubectl("delete", "-n", ns, RG + "detached", "--timeout=" + DELETE_TIMEOUT.toSeconds() + "s")
        .assertSuccess();
    assertThat(Arm.of(stack).get(Azure.resourceGroupId(azureName), "2020-06-01"))
        .as("the Azure resource group outlives its custom resource").isNotNull();
    assertThat(Azure.writesTo(stack, "/resourceGroups/" + azureName))
        .extracting(w -> w.path("method").asText()).containsExactly("PUT");
  }

  @Test
  void skipReadsAnExistingAzureResourceAndNeverWritesToIt(E2eStack stack) {
    String azureName = ns + "-skipped";
    Arm.of(stack).put(Azure.resourceGroupId(azureName), "2020-06-01",
        "{\"location\": \"westcentralus\", \"tags\": {\"made-by\": \"portal\"}}");
    int writesBefore = Azure.writesTo(stack, "/resourceGroups/" + azureName).size();

    apply(stack, resourceGroup("skipped", azureName, "skip"));
    Azure.awaitReady(stack, controller, ns, RG + "skipped");
    assertThat(stack.kubectl("get", "-n", ns, RG + "skipped", "-o", "jsonpath={.status.tags.made-by}")
        .assertSuccess().stdout()).as("status read from Azure").isEqualTo("portal");

    stack.kubectl("delete", "-n", ns, RG + "skipped", "--timeout=" + DELETE_TIMEOUT.toSeconds() + "s")
        .assertSuccess();
    JsonNode stillThere = Arm.of(stack).get(Azure.resourceGroupId(azureName), "2020-06-01");
    assertThat(stillThere).isNotNull();
    assertThat(stillThere.path("tags").path("made-by").asText()).isEqualTo("portal");
    assertThat(Azure.writesTo(stack, "/resourceGroups/" + azureName))
        .as("no write to Azure after the resource was created outside the operator").hasSize(writesBefore);
  }

  @Test
  void skipOfAResourceAzureDoesNotHaveWarnsAndWritesNothing(E2eStack stack) {
    String azureName = ns + "-absent";
    apply(stack, resourceGroup("absent", azureName, "skip"));
    Wait.until("Ready condition of " + RG + "absent", Azure.READY_TIMEOUT, "False AzureResourceNotFound",
        () -> Azure.readyStatusAndReason(stack, ns, RG + "absent"));
    assertThat(Azure.writesTo(stack, "/resourceGroups/" + azureName)).isEmpty();
  }
}
