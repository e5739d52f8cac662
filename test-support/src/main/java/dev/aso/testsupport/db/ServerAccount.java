package dev.aso.testsupport.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system account a database server runs as. PostgreSQL refuses to run as root (CI
 * runs as root): then the server runs as the {@code postgres} account that Debian's package
 * creates, through {@code runuser}, and its directories are handed to that account.
 */
public record ServerAccount(String user) {

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  /** The current user, or {@code fallback} when the current user is root. */
  public static ServerAccount nonRoot(String fallback) {
    return new ServerAccount(ROOT ? fallback : null);
  }

  public boolean switches() {
    return user != null;
  }

  /** {@code command}, run as this account. */
  public List<String> command(List<String> command) {
    if (!switches()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Gives {@code paths} (recursively) to this account. */
  public void own(Path... paths) {
    if (!switches()) {
      return;
    }
    List<String> chown = new ArrayList<>(List.of("chown", "-R", user + ":"));
    for (Path p : paths) {
      chown.add(p.toString());
    }
    run(chown);
  }

  /** Runs a short command to its end; throws with its output when it fails. */
  static void run(List<String> command) {
    runTolerating(command, null);
  }

  /** As {@link #run}, but a failure whose every output line contains {@code tolerated} is no failure. */
  static void runTolerating(List<String> command, String tolerated) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s");
      }
      boolean toleratedOnly = tolerated != null && !out.isBlank()
          && out.lines().filter(l -> !l.isBlank()).allMatch(l -> l.contains(tolerated));
      if (p.exitValue() != 0 && !toleratedOnly) {
        throw new IllegalStateException(String.join(" ", command) + " failed (exit code "
            + p.exitValue() + "):\n" + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }
}
