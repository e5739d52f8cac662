package dev.aso.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.testsupport.ControlPlane;
import dev.aso.testsupport.RealControlPlane;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The rendered chart, and the release manifest, are accepted by the real kube-apiserver of the tests
 * ({@code kubectl apply --dry-run=server}), with cert-manager's CRDs installed so that its Issuer and Certificate
 * are validated against cert-manager's schemas.
 */
@RealControlPlane
class ServerDryRunTest {

  static final String NS = "aso-dry-run";

  @BeforeAll
  static void prepare(ControlPlane cp) {
    CertManagerCrds.install(cp);
    // the release namespace, and the azureTargetNamespaces below (the chart puts Roles in them)
    for (String ns : List.of(NS, "a", "b")) {
      if (!cp.kubectl("get", "namespace", ns).succeeded()) {
        cp.kubectl("create", "namespace", ns).assertSuccess();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "certManager.enabled=false",
      "networkPolicies.enable=true,azureClientSecret=x,azureClientID=c,azureTenantID=t,azureSubscriptionID=s",
      "multitenant.enable=true,azureOperatorMode=webhooks",
      "multitenant.enable=true,azureOperatorMode=watchers,azureTargetNamespaces={a,b}",
      "azureTargetNamespaces={a,b}",
      "useWorkloadIdentityAuth=true,serviceAccount.annotations.azure\\.workload\\.identity/client-id=c"})
  void theApiServerAcceptsTheRenderedChart(String set, ControlPlane cp) {
    String yaml = set.isEmpty() ? Helm.template(NS) : Helm.template(NS, "--set", set);
    Rendered rendered = Rendered.of(yaml);
    ControlPlane.KubectlResult r =
        // no -n: every object names its namespace (Roles of azureTargetNamespaces are not in the release one)
        cp.kubectlWithInput(yaml, "apply", "--dry-run=server", "-f", "-").assertSuccess();
    assertThat(r.stdout().lines().filter(l -> l.endsWith("(server dry run)")).count())
        .as("every object accepted: %s", r.stdout()).isEqualTo(rendered.objects().size());
    if (set.isEmpty()) {
      assertThat(r.stdout()).contains("certificate.cert-manager.io/azureserviceoperator-serving-cert created",
          "issuer.cert-manager.io/azureserviceoperator-selfsigned-issuer created",
          "certificate.cert-manager.io/azureserviceoperator-ca created",
          "issuer.cert-manager.io/azureserviceoperator-ca-issuer created");
    }
  }

  @Test
  void theReleaseManifestIsAccepted(ControlPlane cp) throws Exception {
    // a server dry run does not create the manifest's Namespace, so the objects in it need a real one
    if (!cp.kubectl("get", "namespace", "azureserviceoperator-system").succeeded()) {
      cp.kubectl("create", "namespace", "azureserviceoperator-system").assertSuccess();
    }
    Repo.Result made = Repo.run(5, List.of("hack/release-manifest.sh", "--helm", Helm.binary().toString(),
        "--output", java.nio.file.Files.createTempDirectory(ControllerWithChartRbacTest.logs(), "release-").toString()));
    made.assertSuccess();
    String yaml = java.nio.file.Files.readString(java.nio.file.Path.of(made.lastLine()));
    assertThat(yaml).startsWith("apiVersion: v1\nkind: Namespace\n").contains("namespace: azureserviceoperator-system");
    cp.kubectlWithInput(yaml, "apply", "--dry-run=server", "-f", "-").assertSuccess();
  }
}
