package dev.aso.e2e.local;

import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.stack.OperatorSettings;
import dev.aso.testsupport.ControlPlane;
import dev.aso.testsupport.deployables.ArmEmulatorProcess;
import dev.aso.testsupport.deployables.ControllerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The local run ({@code hack/run-local.sh}): a control plane, the ARM emulator, the webhook server
 * and the controller manager as processes, the CRDs and webhook configurations installed (pointing
 * at the local webhook server), the operator's credential pointing at the emulator, a kubeconfig;
 * then it waits
 * until it is stopped (SIGINT/SIGTERM), and stops everything it started, last started first.
 *
 * <p>Usage: {@code LocalRun --bin <control-plane binaries> --repo <repository root> --work <dir>}.
 * The work directory is emptied at start.
 */
public final class LocalRun {

  private static final String MARKER = ".aso-local-run";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  public static void main(String[] args) throws Exception {
    Args a;
    try {
      a = Args.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("run-local: " + e.getMessage());
      System.exit(2);
      return;
    }
    LocalRun run = new LocalRun();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      run.stopAll();
      stopped.countDown();
    }, "run-local-stop"));
    try {
      run.start(a);
    } catch (RuntimeException e) {
      System.err.println("run-local: cannot start: " + e.getMessage());
      System.exit(1);
    }
    stopped.await();
  }

  private void start(Args a) throws IOException {
    long t0 = System.nanoTime();
    emptyWorkDir(a.work());

    say("starting etcd, kube-apiserver, kube-controller-manager (" + a.bin() + ")");
    ControlPlane cp = ControlPlane.start(ControlPlane.Options.defaults()
        .withBinDir(a.bin())
        .withWorkDir(a.work().resolve("control-plane"))
        .withAdvertiseAddress("127.0.0.1"));
    started.push(cp);
    Path kubeconfig = Files.copy(cp.kubeconfig(), a.work().resolve("kubeconfig"),
        StandardCopyOption.REPLACE_EXISTING);

    say("starting the webhook server, installing the CRDs and webhook configurations");
    E2eStack stack = E2eStack.start(cp);
    started.push(stack); // it stops the emulator and the controller it started, then itself

    say("starting the ARM emulator, the operator's credential pointing at it");
    ArmEmulatorProcess emulator = stack.armEmulator();

    say("starting the controller manager");
    ControllerProcess controller = stack.startController("local", List.of());

    Path rg = a.repo().relativize(a.repo().resolve(
        "api/target/samples/resources/v1api20200601/v1api20200601_resourcegroup.yaml"));
    String rgs = "resourcegroups.v1api20200601.resources.azure.com";
    System.out.printf("""

        ASO local run is up (%.0f s); logs under %s
          kube-apiserver  %s
          ARM emulator    %s  (subscription %s)
          webhook server  https://127.0.0.1:%d  (operator identity "%s": this kubeconfig's user too)
          controller      every namespace; log %s
          credential      Secret %s/%s points at the ARM emulator

        Try, in another terminal (from %s):
          export KUBECONFIG=%s PATH=%s:$PATH
          kubectl apply -f %s
          kubectl get %s --watch
          kubectl describe %s aso-sample-rg

        Ctrl-C stops everything.
        """,
        (System.nanoTime() - t0) / 1e9, a.work(),
        cp.apiServerUrl(),
        emulator.baseUrl(), OperatorSettings.forEmulator(emulator).get("AZURE_SUBSCRIPTION_ID"),
        stack.webhooks().httpsPort(), ControlPlane.ADMIN_USER, controller.logFile(),
        OperatorSettings.NAMESPACE, OperatorSettings.SECRET,
        a.repo(), kubeconfig, a.bin(), rg, rgs, rgs);
  }

  private synchronized void stopAll() {
    if (started.isEmpty()) {
      return;
    }
    say("stopping");
    while (!started.isEmpty()) {
      AutoCloseable c = started.pop();
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("run-local: while stopping: " + e.getMessage());
      }
    }
    say("stopped");
  }

  private static void say(String line) {
    System.out.println("run-local: " + line);
  }

  /**
   * Empties the work directory of an earlier run (it holds a marker file), creates it if absent;
   * refuses any other non-empty directory.
   */
  private static void emptyWorkDir(Path dir) throws IOException {
    Path marker = dir.resolve(MARKER);
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent() && !Files.exists(marker)) {
          throw new IllegalArgumentException(dir + " is not empty and not a work directory of an"
              + " earlier local run: choose another --work directory");
        }
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    Files.writeString(marker, "work directory of hack/run-local.sh; emptied at its next start\n");
  }

  record Args(Path bin, Path repo, Path work) {
    static Args parse(String[] args) {
      Path bin = null;
      Path repo = null;
      Path work = null;
      for (int i = 0; i < args.length; i++) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        Path value = Path.of(args[++i]).toAbsolutePath().normalize();
        switch (args[i - 1]) {
          case "--bin" -> bin = value;
          case "--repo" -> repo = value;
          case "--work" -> work = value;
          default -> throw new IllegalArgumentException(
              "unknown flag " + args[i - 1] + "; usage: --bin DIR --repo DIR --work DIR");
        }
      }
      if (bin == null || repo == null || work == null) {
        throw new IllegalArgumentException("usage: --bin DIR --repo DIR --work DIR (all three)");
      }
      return new Args(bin, repo, work);
    }
  }
}
