package dev.aso.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An external process whose output goes to a log file, stopped with its whole process tree:
 * SIGTERM to the descendants and the process, then SIGKILL after a grace period. A watchdog stops
 * it when the JVM that started it dies. Public for tests that run other deployables (webhook
 * server, controller) beside the control plane.
 */
public final class ManagedProcess implements AutoCloseable {

  private final String name;
  private final Path logFile;
  private final List<String> command;
  private final Process process;
  /** Where this process's output starts in its log file (a restart appends to the same file). */
  private final long logOffset;

  private ManagedProcess(
      String name, Path logFile, List<String> command, Process process, long logOffset) {
    this.name = name;
    this.logFile = logFile;
    this.command = command;
    this.process = process;
    this.logOffset = logOffset;
  }

  public static ManagedProcess start(String name, List<String> command, Path logFile) {
    return start(name, command, Map.of(), logFile);
  }

  /** Starts {@code command} with {@code env} added to this JVM's environment. */
  public static ManagedProcess start(
      String name, List<String> command, Map<String, String> env, Path logFile) {
    try {
      Files.createDirectories(logFile.getParent());
      long logOffset = Files.exists(logFile) ? Files.size(logFile) : 0;
      Files.writeString(
          logFile,
          "# " + java.time.Instant.now() + " " + String.join(" ", command) + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().putAll(env);
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Process process = pb.start();
      startWatchdog(process.pid());
      return new ManagedProcess(name, logFile, List.copyOf(command), process, logOffset);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
    }
  }

  /**
   * A detached shell that stops the process when this JVM dies without running its shutdown hooks
   * (SIGKILL, a crashed surefire fork): processes left behind would hold ports and memory. It exits
   * by itself once the process is gone.
   */
  private static void startWatchdog(long pid) {
    long jvm = ProcessHandle.current().pid();
    String script =
        "while kill -0 " + jvm + " 2>/dev/null && kill -0 " + pid + " 2>/dev/null; do sleep 2; done;"
            + " if kill -0 " + pid + " 2>/dev/null; then kill " + pid + "; sleep 5;"
            + " kill -9 " + pid + " 2>/dev/null; fi; exit 0";
    try {
      new ProcessBuilder("sh", "-c", script)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      // no watchdog: the shutdown hook still covers normal exits
    }
  }

  public String name() {
    return name;
  }

  public Path logFile() {
    return logFile;
  }

  public List<String> command() {
    return command;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** The last lines of the log, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile);
      return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
          .collect(Collectors.joining("\n"));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + logFile + ": " + e + ")";
    }
  }

  /** The whole log. */
  public String logText() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What this process has written to its log file (the file may hold earlier processes' output). */
  private String ownLog() {
    try {
      if (!Files.exists(logFile)) {
        return "";
      }
      byte[] all = Files.readAllBytes(logFile);
      int from = (int) Math.min(logOffset, all.length);
      return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the match of {@code pattern} in what this process has logged (not an earlier process
   * that wrote to the same file) once it appears; stops the process and throws with the log's last
   * lines if it exits or {@code timeout} passes first.
   */
  public Matcher awaitLogLine(Pattern pattern, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      Matcher m = pattern.matcher(ownLog());
      if (m.find()) {
        return m;
      }
      checkStarting(end, timeout);
    }
  }

  /** Waits until a GET of {@code url} answers 200; stops the process and throws as above. */
  public void awaitHttpOk(URI url, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        HttpRequest get = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build();
        if (http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // retried below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop(5);
        throw new IllegalStateException("interrupted while " + name + " was starting", e);
      }
      checkStarting(end, timeout);
    }
  }

  private void checkStarting(long end, Duration timeout) {
    if (!process.isAlive() || System.nanoTime() > end) {
      String why = process.isAlive() ? "did not start within " + timeout : describeExit();
      stop(5);
      throw new IllegalStateException(name + " " + why + "; log " + logFile + ":\n" + logTail(30));
    }
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(5);
      throw new IllegalStateException("interrupted while " + name + " was starting", e);
    }
  }

  public String describeExit() {
    return process.isAlive() ? name + " is running" : name + " exited with " + process.exitValue();
  }

  @Override
  public void close() {
    stop(10);
  }

  /**
   * SIGKILL of the process tree, as a crash or the OOM killer ends it (no shutdown hook runs);
   * returns once it has exited (at most 10 s).
   */
  public void kill() {
    List<ProcessHandle> tree = new ArrayList<>();
    process.descendants().forEach(tree::add);
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly); // SIGKILL on Linux and macOS
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " did not exit within 10 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + name, e);
    }
  }

  /**
   * SIGSTOP: the process stops running until {@link #resume()} (its sockets stay open, so clients
   * connect and then wait for answers that do not come, as with a hung server).
   */
  public void suspend() {
    signal("STOP");
  }

  /** SIGCONT: a {@link #suspend() suspended} process runs again. */
  public void resume() {
    signal("CONT");
  }

  /** Suspends the process for {@code duration}, then resumes it (also when interrupted). */
  public void pause(Duration duration) {
    suspend();
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      resume();
    }
  }

  private void signal(String signal) {
    if (!process.isAlive()) {
      throw new IllegalStateException("cannot send SIG" + signal + ": " + describeExit());
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
          .redirectErrorStream(true).start();
      String output = new String(kill.getInputStream().readAllBytes());
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " (" + name
            + ") failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill -" + signal, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending SIG" + signal + " to " + name, e);
    }
  }

  /** Stops the process tree: SIGTERM, then SIGKILL after {@code graceSeconds}. */
  public void stop(long graceSeconds) {
    List<ProcessHandle> tree = new ArrayList<>();
    process.descendants().forEach(tree::add);
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
    for (ProcessHandle h : tree) {
      long left = deadline - System.nanoTime();
      try {
        h.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
      } catch (Exception timeoutOrInterrupt) {
        h.destroyForcibly();
      }
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
