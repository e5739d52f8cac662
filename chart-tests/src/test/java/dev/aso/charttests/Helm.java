package dev.aso.charttests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The helm binary: system property {@value #PROPERTY}, else environment variable {@value #ENV}, else the last line
 * of {@code hack/helm.sh} (which builds helm from its Go module the first time, about 3 minutes). Tests that need
 * helm fail with a message when none works; they never pass silently.
 */
final class Helm {

  static final String PROPERTY = "aso.helm.bin";
  static final String ENV = "ASO_HELM_BIN";
  private static Path binary;

  private Helm() {}

  static synchronized Path binary() {
    if (binary == null) {
      binary = locate();
    }
    return binary;
  }

  private static Path locate() {
    String configured = System.getProperty(PROPERTY);
    String source = "system property " + PROPERTY;
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENV);
      source = "environment variable " + ENV;
    }
    if (configured == null || configured.isBlank()) {
      Repo.Result r = Repo.run(20, "hack/helm.sh");
      if (r.exitCode() != 0) {
        throw new IllegalStateException("hack/helm.sh failed (exit " + r.exitCode() + "), so there is no helm binary"
            + " for the chart tests:\n" + r.stderr() + "\nInstall Go (>= 1.24) or set -D" + PROPERTY + "=<helm>.");
      }
      configured = r.lastLine();
      source = "hack/helm.sh";
    }
    Path path = Path.of(configured.strip());
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(path + " (from " + source + ") is not an executable helm binary");
    }
    return path;
  }

  /** {@code helm <args>} in the repository root. */
  static Repo.Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(List.of(args));
    return Repo.run(5, command);
  }

  /** {@code helm template <release> <chart> --namespace <ns> <extra args>}: the rendered YAML. */
  static String template(String namespace, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("template", "aso", Repo.chart().toString(), "--namespace", namespace));
    args.addAll(List.of(extraArgs));
    return run(args.toArray(String[]::new)).assertSuccess().stdout();
  }
}
