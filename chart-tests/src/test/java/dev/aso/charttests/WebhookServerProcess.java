package dev.aso.charttests;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The webhook server deployable ({@code dev.aso.webhooks.Main}) as a process on 127.0.0.1. */
final class WebhookServerProcess implements AutoCloseable {

  final int port;
  private final JavaProcess process;

  private WebhookServerProcess(JavaProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the server on {@code port} with these extra flags and environment; returns once /readyz answers 200. */
  static WebhookServerProcess start(int port, Path certDir, Path log, Map<String, String> env, String... flags) {
    int metricsPort = JavaProcess.freePort();
    List<String> args = new ArrayList<>(List.of("--bind", "127.0.0.1", "--port", Integer.toString(port),
        "--metrics-port", Integer.toString(metricsPort), "--cert-dir", certDir.toString()));
    args.addAll(List.of(flags));
    return new WebhookServerProcess(JavaProcess.start("dev.aso.webhooks.Main", "webhooks", args, env, log,
        URI.create("http://127.0.0.1:" + metricsPort + "/readyz")), port);
  }

  String logText() {
    return process.logText();
  }

  @Override
  public void close() {
    process.close();
  }

  static int freePort() {
    return JavaProcess.freePort();
  }

  static void sleep(long millis) {
    JavaProcess.sleep(millis);
  }
}
