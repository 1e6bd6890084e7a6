package com.huntaze.slo.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Counts work done and prints a progress line every two seconds while a phase runs. */
final class Progress implements AutoCloseable {
  private final String phase;
  private final long total;
  private final AtomicLong done = new AtomicLong();
  private final long started = System.nanoTime();
  private final ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "progress");
    t.setDaemon(true);
    return t;
  });

  Progress(String phase, long total, PrintStream out) {
    this.phase = phase;
    this.total = total;
    printer.scheduleAtFixedRate(() -> {
      long n = done.get();
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf(Locale.ROOT, "  %-18s %,12d / %,d (%5.1f %%)  %,10.0f events/s%n", phase, n, total, 100.0 * n / total, n / seconds);
    }, 2, 2, TimeUnit.SECONDS);
  }

  void add(long n) {
    done.addAndGet(n);
  }

  long done() {
    return done.get();
  }

  @Override
  public void close() {
    printer.shutdownNow();
  }
}
