package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.e2e.support.Samples;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Flow 1: the seed's rg.yaml, exactly as a user applies it (namespace default, kubectl apply -f
 * file), is accepted and defaulted; kubectl shows ASO's columns and explains the spec.
 */
@EndToEnd
class ResourceGroupApplyTest {

  static final String RG_YAML = "v1api20200601_resourcegroup.yaml";
  static final ResourceDefinitionContext RG =
      new ResourceDefinitionContext.Builder()
          .withGroup("resources.azure.com")
          .withVersion("v1api20200601")
          .withPlural("resourcegroups")
          .withNamespaced(true)
          .build();

  @AfterAll
  static void deleteSample(E2eStack stack) {
    stack.kubectl("delete", "-f", Samples.asoPath(RG_YAML).toString(), "--ignore-not-found", "--wait=false");
  }

  @Test
  void theSeedsResourceGroupIsAcceptedAndItsAzureNameDefaulted(E2eStack stack) {
    var applied = stack.kubectl("apply", "-f", Samples.asoPath(RG_YAML).toString()).assertSuccess();
    assertThat(applied.stdout().strip())
        .isIn("resourcegroup.resources.azure.com/aso-sample-rg created",
            "resourcegroup.resources.azure.com/aso-sample-rg unchanged");

    assertThat(stack.kubectl("get", "resourcegroups.v1api20200601.resources.azure.com", "aso-sample-rg",
            "-n", "default", "-o", "jsonpath={.apiVersion} {.spec.azureName} {.spec.location}")
        .assertSuccess().stdout())
        .isEqualTo("resources.azure.com/v1api20200601 aso-sample-rg westcentralus");
  }

  @Test
  void kubectlGetShowsReadySeverityReasonAndMessageFromTheReadyCondition(E2eStack stack) {
    stack.kubectl("apply", "-f", Samples.asoPath(RG_YAML).toString()).assertSuccess();
    String header = stack.kubectl("get", "resourcegroups", "-n", "default").assertSuccess()
        .stdout().lines().findFirst().orElseThrow();
    assertThat(header.split("\\s+")).containsExactly("NAME", "READY", "SEVERITY", "REASON", "MESSAGE");

    // What the controller writes (it is not part of this flow): the columns must show it.
    GenericKubernetesResource rg =
        stack.client().genericKubernetesResources(RG).inNamespace("default").withName("aso-sample-rg").get();
    rg.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of(
        "type", "Ready", "status", "False", "severity", "Warning", "reason", "Reconciling",
        "message", "The resource is being reconciled", "lastTransitionTime", "2026-11-24T10:00:00Z",
        "observedGeneration", rg.getMetadata().getGeneration()))));
    stack.client().genericKubernetesResources(RG).inNamespace("default").resource(rg).updateStatus();

    List<String> row = List.of(stack.kubectl("get", "resourcegroup", "aso-sample-rg", "-n", "default",
        "--no-headers").assertSuccess().stdout().strip().split("\\s+", 5));
    assertThat(row).containsExactly("aso-sample-rg", "False", "Warning", "Reconciling",
        "The resource is being reconciled");
  }

  /**
   * Kubernetes ranks a CRD's versions by name: "v1beta20200601" parses as a beta version, and
   * ranks above "v1api20200601", which does not parse as a Kubernetes version at all. So a plain
   * {@code kubectl get resourcegroup} (and {@code explain}) uses the deprecated v1beta20200601 and
   * prints its deprecation warning, as long as that version is served (as with ASO while it served
   * both). The fully qualified resource name picks a version.
   */
  @Test
  void aPlainKubectlGetReadsThePreferredVersionWhichIsTheDeprecatedBeta(E2eStack stack) {
    stack.kubectl("apply", "-f", Samples.asoPath(RG_YAML).toString()).assertSuccess();
    var got = stack.kubectl("get", "resourcegroup", "aso-sample-rg", "-n", "default",
        "-o", "jsonpath={.apiVersion} {.spec.azureName}").assertSuccess();
    assertThat(got.stdout()).isEqualTo("resources.azure.com/v1beta20200601 aso-sample-rg");
    assertThat(got.stderr()).contains("resources.azure.com/v1beta20200601 ResourceGroup is deprecated;"
        + " use resources.azure.com/v1api20200601 instead");
  }

  @Test
  void kubectlExplainDescribesTheSpec(E2eStack stack) {
    String explained = stack.kubectl("explain", "resourcegroup.spec").assertSuccess().stdout();
    assertThat(explained)
        .contains("GROUP:      resources.azure.com")
        .contains("KIND:       ResourceGroup")
        .contains("VERSION:    v1beta20200601") // the preferred version, see above
        .contains("FIELD: spec <Object>")
        .contains("azureName\t<string>")
        .contains("location\t<string> -required-")
        .contains("operatorSpec\t<Object>");

    String current = stack.kubectl("explain", "resourcegroup.spec.azureName",
        "--api-version=resources.azure.com/v1api20200601").assertSuccess().stdout();
    assertThat(current).contains("VERSION:    v1api20200601").contains("Defaults to metadata.name");
  }
}
