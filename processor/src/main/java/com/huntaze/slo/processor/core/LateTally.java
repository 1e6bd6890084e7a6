package com.huntaze.slo.processor.core;

/**
 * What one SLO has seen of late and refused events: late ones are applied (they count in every
 * window that still covers them) and tallied here so operators see backlogs arrive; refused ones
 * are tallied by reason, never lost silently.
 */
final class LateTally {
  /** An event further than this behind the newest event of its SLO counts as late. */
  static final long LATE_AFTER_MILLIS = 60_000;

  private long newestEventMillis = Long.MIN_VALUE;
  private long appliedLate;
  private long lastLatenessMillis;
  private long tooOld;
  private long tooFarAhead;
  private long excluded;
  private boolean changed;

  /** An applied event: late when more than a minute behind the newest event seen before it. */
  boolean applied(long eventMillis) {
    long newest = newestEventMillis;
    if (newest != Long.MIN_VALUE && newest - eventMillis > LATE_AFTER_MILLIS) {
      appliedLate++;
      lastLatenessMillis = newest - eventMillis;
      changed = true;
      return true;
    }
    // Without a branch on which is newer: events a few seconds out of order would mispredict it half the time.
    changed |= eventMillis > newest;
    newestEventMillis = Math.max(newest, eventMillis);
    return false;
  }

  void tooOld() {
    tooOld++;
    changed = true;
  }

  void tooFarAhead() {
    tooFarAhead++;
    changed = true;
  }

  void excluded() {
    excluded(1);
  }

  void excluded(long events) {
    if (events > 0) {
      excluded += events;
      changed = true;
    }
  }

  LateData snapshot() {
    return new LateData(appliedLate, lastLatenessMillis, tooOld, tooFarAhead, excluded, newestEventMillis);
  }

  void restore(LateData stored) {
    appliedLate = stored.appliedLate();
    lastLatenessMillis = stored.lastLatenessMillis();
    tooOld = stored.rejectedTooOld();
    tooFarAhead = stored.rejectedTooFarAhead();
    excluded = stored.excluded();
    newestEventMillis = stored.newestEventMillis();
  }

  /** Whether anything changed since the last call (for persistence). */
  boolean takeChanged() {
    boolean was = changed;
    changed = false;
    return was;
  }

  long newestEventMillis() {
    return newestEventMillis;
  }
}
