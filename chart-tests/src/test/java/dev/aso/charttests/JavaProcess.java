package dev.aso.charttests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A deployable of the project run as a process with the test class path (all of them are on it), its log in a file,
 * and its own module's logback.xml (the class path has one per module).
 */
final class JavaProcess implements AutoCloseable {

  final Path log;
  private final Process process;

  private JavaProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass} and waits until {@code readyUrl} answers 200. */
  static JavaProcess start(String mainClass, String module, List<String> args, Map<String, String> env, Path log,
      URI readyUrl) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-Dlogback.configurationFile=" + logbackOf(module), "-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(env);
      JavaProcess p = new JavaProcess(pb.start(), log);
      p.awaitReady(readyUrl, Duration.ofSeconds(120));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The logback.xml of the module whose classes or jar path contains {@code module}. */
  private static String logbackOf(String module) {
    List<URL> urls;
    try {
      urls = Collections.list(JavaProcess.class.getClassLoader().getResources("logback.xml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (URL url : urls) {
      if (url.toString().contains("/" + module + "/target/") || url.toString().contains("aso-" + module + "-")) {
        return url.toString();
      }
    }
    throw new IllegalStateException("no logback.xml of module " + module + " on the test class path");
  }

  private void awaitReady(URI readyUrl, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new AssertionError("the process exited with " + process.exitValue() + ":\n" + logText());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(readyUrl).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(200);
    }
    close();
    throw new AssertionError("not ready after " + timeout.toSeconds() + " s (" + readyUrl + "):\n" + logText());
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no log)";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
