package dev.aso.charttests;

import dev.aso.testsupport.ControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Kubeconfigs that authenticate as a ServiceAccount, so processes run with exactly the chart's RBAC. */
final class ServiceAccounts {

  private ServiceAccounts() {}

  /** A kubeconfig with a one-hour token of the ServiceAccount (TokenRequest API), written into {@code dir}. */
  static Path kubeconfig(ControlPlane cp, String namespace, String serviceAccount, Path dir) {
    String token = cp.kubectl("create", "token", serviceAccount, "-n", namespace, "--duration=1h").assertSuccess()
        .stdout().strip();
    Path file = dir.resolve(serviceAccount + ".kubeconfig");
    String ca = Base64.getEncoder().encodeToString(cp.caCertificatePem().getBytes(StandardCharsets.US_ASCII));
    try {
      Files.writeString(file, "apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n    server: "
          + cp.apiServerUrl() + "\n    certificate-authority-data: " + ca + "\nusers:\n- name: " + serviceAccount
          + "\n  user:\n    token: " + token + "\ncontexts:\n- name: test\n  context: {cluster: test, user: "
          + serviceAccount + ", namespace: " + namespace + "}\ncurrent-context: test\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
