package dev.aso.e2e.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Polling for conditions the tests cannot watch directly. */
public final class Wait {

  private Wait() {}

  /**
   * Polls {@code current} every half second until it equals {@code expected}; fails after
   * {@code timeout} with {@code what} and the last value seen.
   */
  public static <T> void until(String what, Duration timeout, T expected, Supplier<T> current) {
    long end = System.nanoTime() + timeout.toNanos();
    T seen;
    while (!expected.equals(seen = current.get())) {
      if (System.nanoTime() > end) {
        throw new AssertionError(what + ": expected " + expected + " within " + timeout.toSeconds()
            + " s, last seen " + seen);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
