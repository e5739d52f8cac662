package dev.aso.charttests;

import dev.aso.testsupport.ControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** cert-manager's CRDs, from hack/cert-manager-crds.sh (the cert-manager Go module), installed once per control plane. */
final class CertManagerCrds {

  private static boolean installed;

  private CertManagerCrds() {}

  static synchronized void install(ControlPlane cp) {
    if (installed) {
      return;
    }
    Repo.Result r = Repo.run(10, "hack/cert-manager-crds.sh");
    if (r.exitCode() != 0) {
      throw new IllegalStateException("hack/cert-manager-crds.sh failed (exit " + r.exitCode()
          + "), so cert-manager's CRDs are missing:\n" + r.stderr());
    }
    Path dir = Path.of(r.lastLine());
    try (Stream<Path> files = Files.list(dir)) {
      Path[] yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toArray(Path[]::new);
      cp.installer().install(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    installed = true;
  }
}
