package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.e2e.support.Samples;
import dev.aso.testsupport.ControlPlane.KubectlResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Flow 2: invalid manifests are refused by kubectl apply, with the webhook's message. */
@EndToEnd
class AdmissionRefusalTest {

  static final String SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-0000000000bb";
  static String ns;

  @BeforeAll
  static void namespace(E2eStack stack) {
    ns = stack.newNamespace("refusal");
  }

  @AfterAll
  static void cleanUp(E2eStack stack) {
    stack.deleteNamespace(ns);
  }

  static String eventHubNamespace(String name, String ownerArmId) {
    return """
        apiVersion: eventhub.azure.com/v1api20211101
        kind: Namespace
        metadata:
          name: %s
          namespace: %s
        spec:
          location: westcentralus
          owner:
            armId: %s
          sku:
            name: Standard
            tier: Standard
        """.formatted(name, ns, ownerArmId);
  }

  static String resourceGroup(String name, String azureName, String annotations) {
    return """
        apiVersion: resources.azure.com/v1api20200601
        kind: ResourceGroup
        metadata:
          name: %s
          namespace: %s
          annotations: {%s}
        spec:
          azureName: %s
          location: westcentralus
        """.formatted(name, ns, annotations, azureName);
  }

  KubectlResult apply(E2eStack stack, String manifest, String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "apply";
    args[1] = "-f";
    args[2] = "-";
    System.arraycopy(extra, 0, args, 3, extra.length);
    return stack.kubectlWithInput(manifest, args);
  }

  void assertAbsent(E2eStack stack, String resource, String name) {
    assertThat(stack.kubectl("get", resource, name, "-n", ns, "--ignore-not-found", "-o", "name")
        .assertSuccess().stdout()).as(resource + " " + name + " must not exist").isEmpty();
  }

  @Test
  void anOwnerArmIdOfTheWrongTypeIsRefused(E2eStack stack) {
    String redis = SUBSCRIPTION + "/resourceGroups/rg1/providers/Microsoft.Cache/redis/cache1";
    KubectlResult result = apply(stack, eventHubNamespace("wrong-owner", redis));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("admission webhook \"validate.v1api20211101.namespaces.eventhub.azure.com\" denied the request")
        .contains("Namespace.eventhub.azure.com \"wrong-owner\" is invalid")
        .contains("spec.owner.armId: Invalid value: \"" + redis + "\"")
        .contains("must be the id of a Microsoft.Resources/resourceGroups");
    assertAbsent(stack, "namespaces.v1api20211101.eventhub.azure.com", "wrong-owner");
  }

  /** Refused before the webhooks: the CRD's schema has ASO's ARM id pattern. */
  @Test
  void anOwnerArmIdThatIsNoArmIdIsRefusedByTheCrdSchema(E2eStack stack) {
    KubectlResult result = apply(stack, eventHubNamespace("not-an-id", "my-resource-group"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("The Namespace \"not-an-id\" is invalid: spec.owner.armId: Invalid value:"
            + " \"my-resource-group\": spec.owner.armId in body should match");
    assertAbsent(stack, "namespaces.v1api20211101.eventhub.azure.com", "not-an-id");
  }

  @Test
  void theAzureNameCannotChangeOnceTheResourceExistsInAzure(E2eStack stack) {
    // what the controller records once the resource group exists in Azure
    String created = "serviceoperator.azure.com/resource-id: " + SUBSCRIPTION + "/resourceGroups/write-once";
    apply(stack, resourceGroup("write-once", "write-once", created)).assertSuccess();

    KubectlResult renamed = apply(stack, resourceGroup("write-once", "another-name", created));

    assertThat(renamed.exitCode()).isEqualTo(1);
    assertThat(renamed.stderr())
        .contains("admission webhook \"validate.v1api20200601.resourcegroups.resources.azure.com\" denied the request")
        .contains("spec.azureName: Forbidden: cannot change once the resource exists in Azure")
        .contains("set it back to \"write-once\"");
    assertThat(stack.kubectl("get", "resourcegroups.v1api20200601.resources.azure.com", "write-once",
        "-n", ns, "-o", "jsonpath={.spec.azureName}").assertSuccess().stdout()).isEqualTo("write-once");
  }

  /**
   * Only the operator (here the control plane's admin, as whom the controller runs) may set an
   * annotation the operator writes for itself; another user with the right to edit the resource is
   * refused by the validating webhook.
   */
  @Test
  void onlyTheOperatorSetsTheResourceId(E2eStack stack) {
    apply(stack, resourceGroup("redirected", "redirected", "")).assertSuccess();
    stack.kubectl("create", "role", "rg-editor", "-n", ns, "--verb=get,list,patch,update",
        "--resource=resourcegroups.resources.azure.com").assertSuccess();
    stack.kubectl("create", "rolebinding", "someone-edits-rgs", "-n", ns, "--role=rg-editor",
        "--serviceaccount=" + ns + ":someone").assertSuccess();
    String someone = "--as=system:serviceaccount:" + ns + ":someone";
    String rg = "resourcegroups.v1api20200601.resources.azure.com/redirected";

    KubectlResult result = stack.kubectl(someone, "annotate", "-n", ns, rg,
        "serviceoperator.azure.com/resource-id=" + SUBSCRIPTION + "/resourceGroups/someone-elses");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("admission webhook \"validate.v1api20200601.resourcegroups.resources.azure.com\" denied the request")
        .contains("metadata.annotations[serviceoperator.azure.com/resource-id]: Forbidden: set by the operator"
            + " only; remove it from your manifest (it is written by the operator when it creates the Azure"
            + " resource)");
    assertThat(stack.kubectl("get", "-n", ns, rg, "-o", "jsonpath={.metadata.annotations}").assertSuccess()
        .stdout()).doesNotContain("resource-id");
    // the same user may edit the rest of it
    stack.kubectl(someone, "annotate", "-n", ns, rg, "team=platform").assertSuccess();
  }

  @Test
  void anUnknownReconcilePolicyIsRefused(E2eStack stack) {
    KubectlResult result = apply(stack,
        resourceGroup("bad-policy", "bad-policy", "serviceoperator.azure.com/reconcile-policy: Skip"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("denied the request")
        .contains("metadata.annotations[serviceoperator.azure.com/reconcile-policy]: Unsupported value: \"Skip\"")
        .contains("supported values: \"manage\", \"skip\", \"detach-on-delete\"");
    assertAbsent(stack, "resourcegroups.v1api20200601.resources.azure.com", "bad-policy");
  }

  @Test
  void anUnknownFieldIsRefusedWithStrictValidation(E2eStack stack) {
    String typo = Samples.inNamespace(Samples.aso("v1api20200601_resourcegroup.yaml"), ns)
        .replace("location:", "locaton:");

    KubectlResult result = apply(stack, typo, "--validate=strict");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("unknown field \"spec.locaton\"");
    assertAbsent(stack, "resourcegroups.v1api20200601.resources.azure.com", "aso-sample-rg");
  }
}
