package dev.aso.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.testsupport.ControlPlane;
import dev.aso.testsupport.Pki;
import dev.aso.testsupport.RealControlPlane;
import dev.aso.testsupport.deployables.WebhookServerProcess;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's webhook configurations (default values), with their caBundle filled as cert-manager's CA injector
 * would, admit and convert through the running webhook server: its service reference rewritten to the server on
 * 127.0.0.1, as envtest does, since the test cluster has no pod network.
 */
@RealControlPlane
class WebhooksThroughChartTest {

  static final String NS = "aso-chart-webhooks";
  static WebhookServerProcess server;
  static List<HasMetadata> configurations;

  @BeforeAll
  static void start(ControlPlane cp) throws Exception {
    Path dir = Files.createTempDirectory(ControllerWithChartRbacTest.logs(), "webhooks-through-chart-");
    Pki.CertificateAuthority ca = Pki.CertificateAuthority.create("chart test CA");
    Pki.Credential serving = ca.issueServing("127.0.0.1");
    Files.writeString(dir.resolve("tls.crt"), serving.certificatePem());
    Files.writeString(dir.resolve("tls.key"), serving.privateKeyPem());
    Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
    server = WebhookServerProcess.start(dir, dir.resolve("server.log"));
    configurations = AsoObjects.webhookConfigurations(cp.client(), Rendered.of(Helm.template(NS)));
    List<HasMetadata> objects = new ArrayList<>(List.of(AsoObjects.resourceGroupCrd(cp.client())));
    objects.addAll(configurations);
    cp.installer().webhookServer(server.httpsPort(), ca.certificatePem()).installObjects(objects);
    cp.kubectl("create", "namespace", NS).assertSuccess();
  }

  @AfterAll
  static void stop(ControlPlane cp) {
    if (configurations != null) {
      AsoObjects.remove(cp, configurations);
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theMutatingWebhookDefaults(ControlPlane cp) {
    AsoObjects.assertDefaulted(cp, NS, "rg-defaulted");
  }

  @Test
  void theValidatingWebhookRejectsWithAClearMessage(ControlPlane cp) {
    ControlPlane.KubectlResult r = cp.kubectlWithInput(AsoObjects.resourceGroup("v1api20200601", "rg-rejected", NS,
        "  annotations:\n    serviceoperator.azure.com/reconcile-policy: Skip\n"), "apply", "-f", "-");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("denied the request", "Unsupported value: \"Skip\"");
  }

  @Test
  void anOldVersionIsConvertedThroughTheServer(ControlPlane cp) {
    cp.kubectlWithInput(AsoObjects.resourceGroup("v1beta20200601", "rg-old", NS, ""), "apply", "-f", "-")
        .assertSuccess();
    String read = cp.kubectl("get", "resourcegroups.v1api20200601.resources.azure.com", "rg-old", "-n", NS, "-o",
        "jsonpath={.apiVersion} {.spec.location} {.spec.azureName}").assertSuccess().stdout();
    assertThat(read).isEqualTo("resources.azure.com/v1api20200601 westcentralus rg-old");
    assertThat(server.log()).doesNotContain("ERROR");
  }
}
