package dev.aso.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kubectl runner; also a second class on the same (shared) control plane. */
@ExtendWith(KubeControlPlane.class)
class KubectlRunnerTest {

  @Test
  void reportsExitCodeStdoutAndStderr(ControlPlane cp) {
    var missing = cp.kubectl("get", "namespace", "does-not-exist");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stdout()).isEmpty();
    assertThat(missing.stderr()).contains("NotFound").contains("does-not-exist");
    assertThatThrownBy(missing::assertSuccess)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("exited with 1");

    var ok = cp.kubectl("get", "namespace", "default", "-o", "name");
    assertThat(ok.succeeded()).isTrue();
    assertThat(ok.stdout().strip()).isEqualTo("namespace/default");
  }

  @Test
  void feedsStandardInput(ControlPlane cp) {
    String ns = ControlPlaneTest.newNamespace(cp.client());
    cp.kubectlWithInput(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: piped}\ndata: {a: b}\n",
            "apply", "-n", ns, "-f", "-")
        .assertSuccess();
    assertThat(cp.client().configMaps().inNamespace(ns).withName("piped").get().getData())
        .containsEntry("a", "b");
  }

  @Test
  void kubeconfigWorksForOtherClients(ControlPlane cp) throws Exception {
    assertThat(java.nio.file.Files.readString(cp.kubeconfig()))
        .contains("server: " + cp.apiServerUrl())
        .contains("client-certificate-data:");
    try (var client = cp.newClient()) {
      assertThat(client.namespaces().withName("kube-system").get()).isNotNull();
    }
    assertThat(cp.client().namespaces().withName("default").get()).isNotNull(); // still open
  }
}
