package dev.aso.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.testsupport.ControlPlane;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The objects the webhook tests install: the ResourceGroup CRD (generated, shipped by the controller) and the chart's
 * webhook configurations; ResourceGroups applied with kubectl.
 */
final class AsoObjects {

  static final String RESOURCE_GROUPS = "resourcegroups.resources.azure.com";

  private AsoObjects() {}

  static List<HasMetadata> load(KubernetesClient client, String yaml) {
    return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
  }

  static HasMetadata resourceGroupCrd(KubernetesClient client) {
    return crd(client, "resources.azure.com_resourcegroups.yaml");
  }

  /** A generated CRD, as the controller ships it, from its file in the api module's generated crds/. */
  static HasMetadata crd(KubernetesClient client, String fileName) {
    Path file = Repo.generatedResources().resolve("crds").resolve(fileName);
    try (InputStream in = Files.newInputStream(file)) {
      return client.load(in).items().get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<HasMetadata> webhookConfigurations(KubernetesClient client, Rendered rendered) {
    return load(client, rendered.yamlOf("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"));
  }

  /** Deletes the webhook configurations, then the CRD (while the server still answers conversions). */
  static void remove(ControlPlane cp, List<HasMetadata> configurations) {
    for (HasMetadata c : configurations) {
      cp.client().resource(c).delete();
    }
    cp.client().apiextensions().v1().customResourceDefinitions().withName(RESOURCE_GROUPS).delete();
    eventually("CRD " + RESOURCE_GROUPS + " deleted", Duration.ofSeconds(60),
        () -> cp.client().apiextensions().v1().customResourceDefinitions().withName(RESOURCE_GROUPS).get() == null);
  }

  static String resourceGroup(String apiVersion, String name, String namespace, String annotations) {
    return "apiVersion: resources.azure.com/" + apiVersion + "\nkind: ResourceGroup\nmetadata:\n  name: " + name
        + "\n  namespace: " + namespace + "\n" + annotations + "spec:\n  location: westcentralus\n";
  }

  /** Applies a ResourceGroup and checks the mutating webhook defaulted spec.azureName. */
  static void assertDefaulted(ControlPlane cp, String namespace, String name) {
    cp.kubectlWithInput(resourceGroup("v1api20200601", name, namespace, ""), "apply", "-f", "-").assertSuccess();
    String azureName = cp.kubectl("get", "resourcegroups.v1api20200601.resources.azure.com", name, "-n", namespace,
        "-o", "jsonpath={.spec.azureName}").assertSuccess().stdout();
    assertThat(azureName).as("spec.azureName defaulted by the mutating webhook").isEqualTo(name);
  }

  static void eventually(String what, Duration timeout, BooleanSupplier condition) {
    long until = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
