package dev.aso.testsupport.deployables;

import dev.aso.testsupport.ManagedProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller manager deployable ({@code dev.aso.controller.Main}) as a process, talking to the
 * API server of {@code kubeconfig}, its health and metrics endpoints on free loopback ports. Needs
 * {@code aso-controller} on the class path.
 */
public final class ControllerProcess implements AutoCloseable {

  private final ManagedProcess process;

  private ControllerProcess(ManagedProcess process) {
    this.process = process;
  }

  /**
   * Starts the controller with {@code env} (settings such as POD_NAMESPACE or
   * AZURE_TARGET_NAMESPACES, on top of the settings Secret) and {@code flags}, and waits up to two
   * minutes until its {@code /readyz} answers 200.
   */
  public static ControllerProcess start(
      Path kubeconfig, Map<String, String> env, List<String> flags, Path logFile) {
    int metrics = Ports.free();
    int health = Ports.free();
    List<String> args = new ArrayList<>(flags);
    args.add("--metrics-addr=127.0.0.1:" + metrics);
    args.add("--health-addr=127.0.0.1:" + health);
    Map<String, String> environment = new HashMap<>(env);
    environment.put("KUBECONFIG", kubeconfig.toString());
    ManagedProcess process = ManagedProcess.start("controller",
        JavaCommand.of("controller", "dev.aso.controller.Main", args), environment, logFile);
    process.awaitHttpOk(URI.create("http://127.0.0.1:" + health + "/readyz"), Duration.ofSeconds(120));
    return new ControllerProcess(process);
  }

  public Path logFile() {
    return process.logFile();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The log so far, for assertions and failure messages. */
  public String log() {
    return process.logText();
  }

  /** SIGKILL, as a crash or an evicted pod ends it: nothing is given up or cleaned up. */
  public void kill() {
    process.kill();
  }

  /** SIGSTOP until {@link #resume()}: the controller neither reads nor writes meanwhile. */
  public void suspend() {
    process.suspend();
  }

  public void resume() {
    process.resume();
  }

  @Override
  public void close() {
    process.stop(20);
  }
}
