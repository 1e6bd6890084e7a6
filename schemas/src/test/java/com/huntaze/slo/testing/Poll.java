package com.huntaze.slo.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;

/** Waits for a condition by polling it, failing with the last value seen when the timeout passes. */
public final class Poll {
  private Poll() {
  }

  public static void until(String what, Duration timeout, Callable<Boolean> condition) {
    until(what, timeout, condition, Boolean.TRUE::equals);
  }

  public static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<T> done) {
    return until(what, timeout, probe, done, String::valueOf);
  }

  public static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<T> done,
                            Function<T, String> describe) {
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
        fail("timed out after " + timeout.toSeconds() + "s waiting for " + what + "; last value: "
            + (last == null ? null : describe.apply(last)) + (lastError == null ? "" : "; last error: " + lastError));
      }
      try {
        Thread.sleep(200); // polling cadence
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for " + what);
      }
    }
  }
}
