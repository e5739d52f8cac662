package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.e2e.support.Samples;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flow 3: objects applied at one version are read at every other served version through the
 * webhook server's /convert, and etcd holds them at the hub (storage) version.
 */
@EndToEnd
class ConversionTest {

  static final List<String> EVENTHUB_VERSIONS =
      List.of("v1api20211101", "v1api20240101");
  static final String NAMESPACE_SAMPLE = "v1api20211101_namespace.yaml";
  static String ns;

  @BeforeAll
  static void objectsAtEveryVersion(E2eStack stack) {
    ns = stack.newNamespace("conversion");
    stack.kubectlWithInput(resourceGroup("v1beta20200601", "rg-beta")
        + "---\n" + resourceGroup("v1api20200601", "rg-api"), "apply", "-f", "-").assertSuccess();
    StringBuilder namespaces = new StringBuilder();
    for (String version : EVENTHUB_VERSIONS) {
      namespaces.append(eventHubNamespace(version, "ehns-" + version)).append("---\n");
    }
    stack.kubectlWithInput(namespaces.toString(), "apply", "-f", "-").assertSuccess();
  }

  @AfterAll
  static void cleanUp(E2eStack stack) {
    stack.deleteNamespace(ns);
  }

  static String resourceGroup(String version, String name) {
    return """
        apiVersion: resources.azure.com/%s
        kind: ResourceGroup
        metadata:
          name: %s
          namespace: %s
        spec:
          location: westeurope
          tags: {origin: %s}
        """.formatted(version, name, ns, version);
  }

  /** ASO's eventhub Namespace sample, at another version and name. */
  static String eventHubNamespace(String version, String name) {
    return Samples.named(Samples.inNamespace(Samples.aso(NAMESPACE_SAMPLE), ns), name)
        .replace("eventhub.azure.com/v1api20211101", "eventhub.azure.com/" + version);
  }

  static String get(E2eStack stack, String resource, String name, String jsonPath) {
    return stack.kubectl("get", resource, name, "-n", ns, "-o", "jsonpath=" + jsonPath)
        .assertSuccess().stdout();
  }

  @Test
  void aResourceGroupAppliedAtV1betaReadsAtV1apiAndBack(E2eStack stack) {
    String fields = "{.apiVersion} {.spec.azureName} {.spec.location} {.spec.tags.origin}";
    assertThat(get(stack, "resourcegroups.v1api20200601.resources.azure.com", "rg-beta", fields))
        .isEqualTo("resources.azure.com/v1api20200601 rg-beta westeurope v1beta20200601");

    stack.kubectl("patch", "resourcegroups.v1api20200601.resources.azure.com", "rg-beta", "-n", ns,
        "--type=merge", "-p", "{\"spec\":{\"tags\":{\"changedAt\":\"v1api20200601\"}}}").assertSuccess();

    assertThat(get(stack, "resourcegroups.v1beta20200601.resources.azure.com", "rg-beta",
            fields + " {.spec.tags.changedAt}"))
        .isEqualTo("resources.azure.com/v1beta20200601 rg-beta westeurope v1beta20200601 v1api20200601");
  }

  @Test
  void anEventHubNamespaceAppliedAtV1api20211101ReadsAtV1api20240101(E2eStack stack) {
    assertThat(get(stack, "namespaces.v1api20240101.eventhub.azure.com", "ehns-v1api20211101",
            "{.apiVersion} {.spec.azureName} {.spec.location} {.spec.owner.name} {.spec.sku.name}"
                + " {.spec.sku.tier}"))
        .isEqualTo("eventhub.azure.com/v1api20240101 ehns-v1api20211101 westcentralus aso-sample-rg"
            + " Standard Standard");
  }

  @Test
  void aMixedSetIsListedAtEachServedVersion(E2eStack stack) {
    String row = "{range .items[*]}{.apiVersion} {.metadata.name} {.spec.sku.tier}{\"\\n\"}{end}";
    for (String version : EVENTHUB_VERSIONS) {
      List<String> rows = stack.kubectl("get", "namespaces." + version + ".eventhub.azure.com",
          "-n", ns, "-o", "jsonpath=" + row).assertSuccess().stdout().lines().toList();
      assertThat(rows).as("listed at " + version).containsExactlyInAnyOrderElementsOf(
          EVENTHUB_VERSIONS.stream()
              .map(v -> "eventhub.azure.com/" + version + " ehns-" + v + " Standard").toList());
    }
    for (String version : List.of("v1beta20200601", "v1api20200601")) {
      List<String> rows = stack.kubectl("get", "resourcegroups." + version + ".resources.azure.com",
          "-n", ns, "-o", "jsonpath={range .items[*]}{.apiVersion} {.metadata.name}{\"\\n\"}{end}")
          .assertSuccess().stdout().lines().toList();
      assertThat(rows).as("listed at " + version).containsExactlyInAnyOrder(
          "resources.azure.com/" + version + " rg-api", "resources.azure.com/" + version + " rg-beta");
    }
    // the table view of a mixed set, with ASO's columns
    String table = stack.kubectl("get", "namespaces.v1api20240101.eventhub.azure.com", "-n", ns)
        .assertSuccess().stdout();
    assertThat(table.lines().findFirst().orElseThrow().split("\\s+"))
        .containsExactly("NAME", "READY", "SEVERITY", "REASON", "MESSAGE");
    assertThat(table.lines().count()).isEqualTo(1 + EVENTHUB_VERSIONS.size());
  }

  @Test
  void etcdHoldsEveryObjectAtTheHubVersion(E2eStack stack) {
    for (String name : List.of("rg-beta", "rg-api")) {
      JsonNode stored = stack.etcd()
          .customResource("resources.azure.com", "resourcegroups", ns, name).orElseThrow();
      assertThat(stored.path("apiVersion").asText()).as(name)
          .isEqualTo("resources.azure.com/v1api20200601storage");
      assertThat(stored.path("spec").path("location").asText()).isEqualTo("westeurope");
    }
    for (String version : EVENTHUB_VERSIONS) {
      JsonNode stored = stack.etcd()
          .customResource("eventhub.azure.com", "namespaces", ns, "ehns-" + version).orElseThrow();
      assertThat(stored.path("apiVersion").asText()).as("ehns-" + version)
          .isEqualTo("eventhub.azure.com/v1api20240101storage");
    }
    assertThat(stack.client().apiextensions().v1().customResourceDefinitions()
            .withName("namespaces.eventhub.azure.com").get().getStatus().getStoredVersions())
        .containsExactly("v1api20240101storage");
  }
}
