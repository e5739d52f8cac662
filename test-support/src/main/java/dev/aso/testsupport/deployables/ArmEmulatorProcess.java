package dev.aso.testsupport.deployables;

import dev.aso.testsupport.ManagedProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARM emulator deployable ({@code dev.aso.armemulator.Main}) as a process: HTTPS on a free port
 * of 127.0.0.1, its CA and certificate in a directory, its state in a file there. Needs
 * {@code aso-arm-emulator} on the class path.
 */
public final class ArmEmulatorProcess implements AutoCloseable {

  private static final Pattern READY =
      Pattern.compile("ARM emulator ready: ARM and authority host (https://127\\.0\\.0\\.1:\\d+)");

  private final ManagedProcess process;
  private final URI baseUrl;
  private final Path certDir;

  private ArmEmulatorProcess(ManagedProcess process, URI baseUrl, Path certDir) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.certDir = certDir;
  }

  /**
   * Starts the emulator with the Azure type definitions of {@code typesDir}, keeping its CA,
   * certificate, log and state under {@code dir}; waits up to two minutes until it is ready.
   */
  public static ArmEmulatorProcess start(Path typesDir, Path dir) {
    return start(typesDir, dir, null);
  }

  /**
   * As {@link #start(Path, Path)}, its database servers reporting {@code databaseHost} as their
   * {@code fullyQualifiedDomainName} ({@code --database-host}; null: Azure's names).
   */
  public static ArmEmulatorProcess start(Path typesDir, Path dir, String databaseHost) {
    Path certDir = dir.resolve("certs");
    List<String> args = new ArrayList<>(List.of(
        "--host", "127.0.0.1",
        "--port", "0",
        "--types", typesDir.toAbsolutePath().toString(),
        "--cert-dir", certDir.toString(),
        "--state-file", dir.resolve("state.json").toString()));
    if (databaseHost != null) {
      args.addAll(List.of("--database-host", databaseHost));
    }
    ManagedProcess process = ManagedProcess.start("arm-emulator",
        JavaCommand.of("arm-emulator", "dev.aso.armemulator.Main", args), Map.of(),
        dir.resolve("arm-emulator.log"));
    Matcher ready = process.awaitLogLine(READY, Duration.ofSeconds(120));
    return new ArmEmulatorProcess(process, URI.create(ready.group(1)), certDir);
  }

  /** {@code https://127.0.0.1:<port>}: the ARM endpoint and the authority host. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The CA certificate clients must trust. */
  public Path caCertificate() {
    return certDir.resolve("ca.crt");
  }

  public Path logFile() {
    return process.logFile();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.stop(15); // SIGTERM saves the state file
  }
}
