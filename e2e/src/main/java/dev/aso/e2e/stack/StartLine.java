package dev.aso.e2e.stack;

import dev.aso.testsupport.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Waits for the line a deployable logs once it is ready, and reads its log. */
final class StartLine {

  private StartLine() {}

  /**
   * Returns the match of {@code pattern} in the process's log once it appears; stops the process
   * and throws with the log's last lines if it exits or {@code timeout} passes first.
   */
  static Matcher await(ManagedProcess process, Pattern pattern, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      Matcher m = pattern.matcher(read(process.logFile()));
      if (m.find()) {
        return m;
      }
      if (!process.isAlive() || System.nanoTime() > end) {
        String why = process.isAlive() ? "did not start within " + timeout : process.describeExit();
        process.stop(5);
        throw new IllegalStateException(
            process.name() + " " + why + "; log " + process.logFile() + ":\n" + process.logTail(30));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.stop(5);
        throw new IllegalStateException("interrupted while " + process.name() + " was starting", e);
      }
    }
  }

  static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
