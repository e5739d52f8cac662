package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.Arm;
import dev.aso.e2e.support.Azure;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.e2e.support.Samples;
import dev.aso.e2e.support.Wait;
import dev.aso.testsupport.deployables.ControllerProcess;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Flow 4: what a new release does to a cluster. UserAssignedIdentities are created while the CRD
 * serves only v1api20181130 (its own storage version, no conversion), and reconciled by that older
 * release (here: its Azure resources, finalizer, resource-id and Ready status put in place as it
 * left them); then the generated CRD is applied (new versions, the hub as storage, conversion
 * through the webhook). The old objects read at the new version, unchanged, move to the hub in etcd
 * when rewritten, and the new controller reconciles them without a single write to Azure.
 */
@EndToEnd
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrdUpgradeTest {

  static final String GROUP = "managedidentity.azure.com";
  static final String PLURAL = "userassignedidentities";
  static final String CRD_NAME = PLURAL + "." + GROUP;
  static final String OLD = "v1api20181130";
  static final String NEW = "v1api20230131";
  static final String HUB = "v1api20230131storage";
  static final List<String> NAMES = List.of("identity-a", "identity-b", "identity-c");
  static final String OWNER = "aso-sample-rg"; // the owner of ASO's sample
  static String ns;
  static String rgId;

  @BeforeAll
  static void objectsOfTheOldRelease(E2eStack stack) {
    ns = stack.newNamespace("upgrade");
    CustomResourceDefinition generated = stack.manifests().crd(GROUP, PLURAL);
    long t0 = System.nanoTime();
    deleteCrd(stack);
    long t1 = System.nanoTime();
    stack.installer().installObjects(List.of(oldRelease(generated)));
    long t2 = System.nanoTime();

    StringBuilder manifests = new StringBuilder();
    for (String name : NAMES) {
      manifests.append(Samples.named(Samples.inNamespace(
              Samples.aso("v1api20181130_userassignedidentity.yaml"), ns), name))
          .append("  tags: {created-by: ").append(OLD).append("}\n---\n");
    }
    stack.kubectlWithInput(manifests.toString(), "apply", "-f", "-").assertSuccess();
    for (String name : NAMES) {
      assertThat(stored(stack, name).path("apiVersion").asText()).isEqualTo(GROUP + "/" + OLD);
    }
    reconciledByTheOldRelease(stack);

    long t3 = System.nanoTime();
    stack.installer().installObjects(List.of(generated)); // the upgrade
    System.err.printf("[aso-e2e] upgrade: CRD deleted in %.1f s, old CRD installed in %.1f s, objects"
        + " created in %.1f s, upgraded in %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
        (System.nanoTime() - t3) / 1e9);
  }

  @AfterAll
  static void leaveTheGeneratedCrd(E2eStack stack) {
    stack.installer().installObjects(List.of(stack.manifests().crd(GROUP, PLURAL)));
    stack.deleteNamespace(ns);
  }

  /**
   * What the older release's controller left: the Azure resources it PUT (at the api-versions of
   * its versions), and on each object its finalizer, the resource-id annotation and a Ready
   * condition at the object's generation.
   */
  static void reconciledByTheOldRelease(E2eStack stack) {
    rgId = Azure.resourceGroupId(ns + "-rg");
    stack.kubectlWithInput("""
        apiVersion: resources.azure.com/v1api20200601
        kind: ResourceGroup
        metadata: {name: %s, namespace: %s}
        spec: {azureName: %s, location: westcentralus}
        """.formatted(OWNER, ns, ns + "-rg"), "apply", "-f", "-").assertSuccess();
    Arm arm = Arm.of(stack);
    arm.put(rgId, "2020-06-01", "{\"location\": \"westcentralus\"}");
    markReconciled(stack, "resourcegroups.v1api20200601.resources.azure.com/" + OWNER, rgId);
    for (String name : NAMES) {
      String id = rgId + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name;
      arm.put(id, "2018-11-30", "{\"location\": \"westcentralus\", \"tags\": {\"created-by\": \"" + OLD + "\"}}");
      markReconciled(stack, PLURAL + "." + OLD + "." + GROUP + "/" + name, id);
    }
  }

  static void markReconciled(E2eStack stack, String resource, String armId) {
    stack.kubectl("patch", "-n", ns, resource, "--type=merge", "-p",
        "{\"metadata\": {\"finalizers\": [\"serviceoperator.azure.com/finalizer\"], \"annotations\":"
            + " {\"serviceoperator.azure.com/resource-id\": \"" + armId + "\"}}}").assertSuccess();
    stack.kubectl("patch", "-n", ns, resource, "--subresource=status", "--type=merge", "-p",
        "{\"status\": {\"conditions\": [{\"type\": \"Ready\", \"status\": \"True\", \"reason\":"
            + " \"Succeeded\", \"observedGeneration\": 1, \"lastTransitionTime\": \"2026-11-01T00:00:00Z\"}]}}")
        .assertSuccess();
  }

  /** The generated CRD cut down to what an older release had: one version, its own storage. */
  static CustomResourceDefinition oldRelease(CustomResourceDefinition generated) {
    CustomResourceDefinitionVersion old = new CustomResourceDefinitionVersionBuilder(
        generated.getSpec().getVersions().stream()
            .filter(v -> v.getName().equals(OLD)).findFirst().orElseThrow())
        .withStorage(true)
        .build();
    return new CustomResourceDefinitionBuilder(generated)
        .editSpec()
        .withVersions(old)
        .withConversion(new CustomResourceConversionBuilder().withStrategy("None").build())
        .endSpec()
        .build();
  }

  static void deleteCrd(E2eStack stack) {
    var crds = stack.client().apiextensions().v1().customResourceDefinitions();
    crds.withName(CRD_NAME).delete();
    Wait.until("CRD " + CRD_NAME + " deleted", Duration.ofSeconds(90), true,
        () -> crds.withName(CRD_NAME).get() == null);
  }

  static JsonNode stored(E2eStack stack, String name) {
    return stack.etcd().customResource(GROUP, PLURAL, ns, name).orElseThrow();
  }

  @Test
  @Order(1)
  void theOldObjectsReadAtTheNewVersionUnchanged(E2eStack stack) {
    for (String name : NAMES) {
      assertThat(stack.kubectl("get", PLURAL + "." + NEW + "." + GROUP, name, "-n", ns, "-o",
              "jsonpath={.apiVersion} {.spec.azureName} {.spec.location} {.spec.owner.name}"
                  + " {.spec.tags.created-by}").assertSuccess().stdout())
          .isEqualTo(GROUP + "/" + NEW + " " + name + " westcentralus aso-sample-rg " + OLD);
    }
    assertThat(stack.kubectl("get", PLURAL + "." + OLD + "." + GROUP, "-n", ns, "-o", "name")
        .assertSuccess().stdout().lines()).hasSize(NAMES.size());
  }

  @Test
  @Order(2)
  void theCrdRemembersBothStoredVersionsUntilTheObjectsAreRewritten(E2eStack stack) {
    assertThat(stack.client().apiextensions().v1().customResourceDefinitions().withName(CRD_NAME)
        .get().getStatus().getStoredVersions()).containsExactlyInAnyOrder(OLD, HUB);
  }

  @Test
  @Order(3)
  void anUnchangedRewriteMovesAnObjectToTheHubInEtcd(E2eStack stack) {
    String name = NAMES.get(0);
    // what kube-storage-version-migrator does: read and write back, changing nothing
    String current = stack.kubectl("get", PLURAL + "." + NEW + "." + GROUP, name, "-n", ns, "-o", "json")
        .assertSuccess().stdout();
    stack.kubectlWithInput(current, "replace", "-f", "-").assertSuccess();

    JsonNode stored = stored(stack, name);
    assertThat(stored.path("apiVersion").asText()).isEqualTo(GROUP + "/" + HUB);
    assertThat(stored.path("spec").path("tags").path("created-by").asText()).isEqualTo(OLD);
    assertThat(stored(stack, NAMES.get(1)).path("apiVersion").asText())
        .as("an object nobody rewrote stays as it was stored").isEqualTo(GROUP + "/" + OLD);
  }

  /** Last: the controller writes status, which moves every object to the hub in etcd. */
  @Test
  @Order(4)
  void theNewControllerReconcilesTheOldObjectsWithoutWritingToAzure(E2eStack stack) {
    int writesBefore = Azure.writesTo(stack, rgId).size();
    // current objects are first read at a point of the sync period (docs/controller.md, "ARM traffic"): a short one
    try (ControllerProcess controller = stack.startController("upgrade", List.of(ns),
        java.util.Map.of("AZURE_SYNC_PERIOD", "5s"))) {
      for (String name : NAMES) {
        String id = rgId + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name;
        String clientId = Arm.of(stack).get(id, "2018-11-30").at("/properties/clientId").asText();
        String resource = PLURAL + "." + NEW + "." + GROUP + "/" + name;
        Wait.until(name + "'s status.clientId read from Azure by the new controller", Azure.READY_TIMEOUT,
            clientId, () -> stack.kubectl("get", "-n", ns, resource, "-o", "jsonpath={.status.clientId}")
                .assertSuccess().stdout());
        assertThat(Azure.readyStatusAndReason(stack, ns, resource)).isEqualTo("True Succeeded");
      }
      assertThat(Azure.writesTo(stack, rgId)).as("writes to Azure after the upgrade").hasSize(writesBefore);
      assertThat(controller.log()).doesNotContain("AzureResourceDrifted");
    }
  }
}
