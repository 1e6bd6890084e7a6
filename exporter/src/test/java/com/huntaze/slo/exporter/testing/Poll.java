package com.huntaze.slo.exporter.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Waits for a condition by polling it, failing with the last value seen when the timeout passes. */
public final class Poll {
  private Poll() {
  }

  public static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    Exception lastError = null;
    while (true) {
      try {
        last = probe.call();
        lastError = null;
        if (done.test(last)) {
          return last;
        }
      } catch (Exception e) {
        lastError = e;
      }
      if (System.nanoTime() > deadline) {
        fail("timed out after " + timeout + " waiting for " + what + "; last value: " + last
            + (lastError == null ? "" : "; last error: " + lastError));
      }
      try {
        Thread.sleep(100); // polling cadence
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for " + what);
      }
    }
  }

  public static void until(String what, Duration timeout, Callable<Boolean> condition) {
    until(what, timeout, condition, Boolean.TRUE::equals);
  }
}
