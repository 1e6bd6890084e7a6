package com.huntaze.slo.ingest.gateway;

import java.util.Locale;

/**
 * Says in the log when requests are answered 503 (Kafka unavailable, or the gateway overloaded):
 * the first at once, then at most one line a minute counting the others, and one line when Kafka
 * acknowledges again. One line per request was thousands a second exactly when the gateway was
 * busiest; every refusal is still counted in the metrics.
 */
final class RefusalLog {
  private static final long INTERVAL_NANOS = 60_000_000_000L;

  private final String path;
  private boolean logged;
  private long loggedAtNanos;
  private long requests;
  private long events;
  /** Refusals not logged yet: read without the lock on every accepted request. */
  private volatile boolean unlogged;

  RefusalLog(String path) {
    this.path = path;
  }

  /** The line to log for a request of {@code eventCount} events answered 503 now, or null when it is only counted. */
  synchronized String refused(int eventCount, String reason, long nanoTime) {
    requests++;
    events += eventCount;
    if (logged && nanoTime - loggedAtNanos < INTERVAL_NANOS) {
      unlogged = true;
      return null;
    }
    String line = requests == 1
        ? String.format(Locale.ROOT, "answering 503 for %,d events on %s: %s", eventCount, path, reason)
        : String.format(Locale.ROOT, "answering 503 for %,d events on %s: %s (%,d requests with %,d events answered 503 in the last"
            + " minute)", eventCount, path, reason, requests, events);
    logged = true;
    loggedAtNanos = nanoTime;
    requests = 0;
    events = 0;
    unlogged = false;
    return line;
  }

  /** The line to log when events were accepted after refusals that are not logged yet, else null. */
  String accepted() {
    if (!unlogged) {
      return null;
    }
    synchronized (this) {
      if (!unlogged) {
        return null;
      }
      String line = String.format(Locale.ROOT, "accepting events on %s again; %,d more requests with %,d events were answered 503"
          + " since the last line", path, requests, events);
      logged = false;
      requests = 0;
      events = 0;
      unlogged = false;
      return line;
    }
  }
}
