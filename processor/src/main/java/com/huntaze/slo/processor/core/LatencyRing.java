package com.huntaze.slo.processor.core;

import java.util.Arrays;
import java.util.BitSet;

/**
 * One latency sketch per minute for the minutes a latency SLO's quantiles read (its threshold
 * window), in a ring of fixed size like {@link BucketRing}: a late event updates the sketch of its
 * minute while that minute is kept.
 */
final class LatencyRing {
  private final int kept;
  private final long[] minuteOf;
  private final LatencySketch[] sketches;
  private final BitSet dirty;
  /** Minutes up to this one are never read (see the constructor). */
  private final long unreadUpTo;

  int size() {
    return minuteOf.length;
  }

  /**
   * @param evaluatedOnlyAtMillis when the engine is evaluated only then (a replay's end), minutes
   *     older than the ring keeps at that instant are never read and not worth a sketch;
   *     {@link EngineSettings#EVALUATED_ANY_TIME} otherwise
   */
  LatencyRing(int kept, int ahead, long evaluatedOnlyAtMillis) {
    this.kept = kept;
    this.unreadUpTo = evaluatedOnlyAtMillis == EngineSettings.EVALUATED_ANY_TIME ? Long.MIN_VALUE
        : Resolution.MINUTE.bucketOf(evaluatedOnlyAtMillis) - kept;
    int size = kept + ahead + 2;
    this.minuteOf = new long[size];
    this.sketches = new LatencySketch[size];
    this.dirty = new BitSet(size);
    Arrays.fill(minuteOf, BucketRing.EMPTY);
  }

  void add(long minute, long nowMinute, int latencyBin) {
    LatencySketch sketch = minute <= unreadUpTo ? null : sketchFor(minute, nowMinute);
    if (sketch != null) {
      sketch.addBin(latencyBin, 1);
    }
  }

  /** Adds the first {@code n} bins of {@code bins}, in order, as {@code n} calls of {@link #add} would. */
  void addBins(long minute, long nowMinute, int[] bins, int n) {
    LatencySketch sketch = n > 0 && minute > unreadUpTo ? sketchFor(minute, nowMinute) : null;
    if (sketch != null) {
      int low = Integer.MAX_VALUE;
      int high = Integer.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        int bin = bins[i];
        if (bin != Integer.MIN_VALUE) { // the zero bin is counted apart
          low = Math.min(low, bin);
          high = Math.max(high, bin);
        }
      }
      sketch.reserve(low, high);
      for (int i = 0; i < n; i++) {
        sketch.addBin(bins[i], 1);
      }
    }
  }

  /** Whether {@link #add} would take a value of this minute now, without adding any (for {@link MinuteBatch}). */
  boolean accepts(long minute, long nowMinute) {
    if (minute <= nowMinute - kept) {
      return false;
    }
    long held = minuteOf[slot(minute)];
    return held == minute || held == BucketRing.EMPTY || held < minute;
  }

  /** Whether a minute is still kept when "now" is in {@code nowMinute}. */
  boolean keeps(long minute, long nowMinute) {
    return minute > nowMinute - kept;
  }

  /** Whether two different minutes would use the same slot (for {@link MinuteBatch}). */
  boolean sameSlot(long a, long b) {
    return a != b && slot(a) == slot(b);
  }

  /** The sketch of a minute, started if new and marked changed; null when the minute is no longer kept. */
  private LatencySketch sketchFor(long minute, long nowMinute) {
    if (minute <= nowMinute - kept) {
      return null;
    }
    int slot = slot(minute);
    if (minuteOf[slot] != minute) {
      if (minuteOf[slot] != BucketRing.EMPTY && minuteOf[slot] > minute) {
        return null;
      }
      minuteOf[slot] = minute;
      sketches[slot] = new LatencySketch();
    }
    dirty.set(slot);
    return sketches[slot];
  }

  /** The merged sketch of the {@code minutes} minutes ending with {@code lastMinute}; empty = no data. */
  LatencySketch merged(long lastMinute, int minutes) {
    LatencySketch merged = new LatencySketch();
    for (int i = 0; i < minuteOf.length; i++) {
      long m = minuteOf[i];
      if (m != BucketRing.EMPTY && m > lastMinute - minutes && m <= lastMinute) {
        merged.merge(sketches[i]);
      }
    }
    return merged;
  }

  boolean hasChanges() {
    return !dirty.isEmpty();
  }

  void drainChanges(StateChanges out) {
    for (int slot = dirty.nextSetBit(0); slot >= 0; slot = dirty.nextSetBit(slot + 1)) {
      out.sketch(slot, minuteOf[slot], sketches[slot]);
    }
    dirty.clear();
  }

  /** Puts back a stored sketch; false when the stored record is not valid where it is (the caller deletes it). */
  boolean restore(int storedSlot, long minute, LatencySketch sketch) {
    int slot = slot(minute);
    if (minuteOf[slot] != BucketRing.EMPTY && minuteOf[slot] > minute) {
      return false;
    }
    minuteOf[slot] = minute;
    sketches[slot] = sketch;
    if (slot != storedSlot) {
      dirty.set(slot);
      return false;
    }
    return true;
  }

  private int slot(long minute) {
    return (int) Math.floorMod(minute, (long) minuteOf.length);
  }
}
