package dev.aso.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the directory holding {@code etcd}, {@code kube-apiserver}, {@code kube-controller-manager}
 * and {@code kubectl}:
 *
 * <ol>
 *   <li>the system property {@value #PROPERTY} (set by {@code hack/test.sh} through Maven),
 *   <li>the environment variable {@value #ENV},
 *   <li>the last line printed by {@code hack/control-plane.sh}, found by walking up from the
 *       working directory (this may build the binaries: about 15 minutes the first time).
 * </ol>
 *
 * When none of them works, {@link #locate()} throws with a message saying what to do: tests that
 * need a control plane fail, they never pass silently.
 */
public final class ControlPlaneBinaries {

  public static final String PROPERTY = "aso.controlPlane.bin";
  public static final String ENV = "ASO_CONTROL_PLANE_BIN";
  static final List<String> NAMES =
      List.of("etcd", "kube-apiserver", "kube-controller-manager", "kubectl");

  private ControlPlaneBinaries() {}

  public static Path locate() {
    List<String> tried = new ArrayList<>();
    String fromProperty = System.getProperty(PROPERTY);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return check(Path.of(fromProperty.trim()), "system property " + PROPERTY);
    }
    tried.add("system property " + PROPERTY + " (not set)");
    String fromEnv = System.getenv(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return check(Path.of(fromEnv.trim()), "environment variable " + ENV);
    }
    tried.add("environment variable " + ENV + " (not set)");
    Path script = findScript();
    if (script == null) {
      tried.add("hack/control-plane.sh (not found above " + Path.of("").toAbsolutePath() + ")");
      throw new IllegalStateException(
          "No Kubernetes control-plane binaries. Tried: "
              + String.join("; ", tried)
              + ". Run the tests with ./hack/test.sh, or run hack/control-plane.sh and pass its last"
              + " line as -D" + PROPERTY + "=<dir> (or " + ENV + ").");
    }
    return check(runScript(script), script.toString());
  }

  private static Path check(Path dir, String source) {
    List<String> missing = new ArrayList<>();
    for (String name : NAMES) {
      if (!Files.isExecutable(dir.resolve(name))) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The control-plane directory "
              + dir
              + " (from "
              + source
              + ") lacks executable "
              + String.join(", ", missing)
              + ". Run hack/control-plane.sh to build them.");
    }
    return dir.toAbsolutePath();
  }

  private static Path findScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("hack/control-plane.sh");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static Path runScript(Path script) {
    System.err.println(
        "[aso-test-support] running " + script + " (the first build takes about 15 minutes on 2 cores)");
    try {
      Process p =
          new ProcessBuilder(script.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      String out;
      try (InputStream in = p.getInputStream()) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        out = buf.toString(StandardCharsets.UTF_8);
      }
      int rc = p.waitFor();
      String[] lines = out.strip().split("\n");
      String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
      if (rc != 0 || last.isEmpty()) {
        throw new IllegalStateException(
            script + " failed (exit code " + rc + "); see its messages above. Output: " + out);
      }
      return Path.of(last);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
  }
}
