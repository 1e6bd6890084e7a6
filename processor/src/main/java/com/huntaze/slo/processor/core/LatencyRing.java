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

  int size() {
    return minuteOf.length;
  }

  LatencyRing(int kept, int ahead) {
    this.kept = kept;
    int size = kept + ahead + 2;
    this.minuteOf = new long[size];
    this.sketches = new LatencySketch[size];
    this.dirty = new BitSet(size);
    Arrays.fill(minuteOf, BucketRing.EMPTY);
  }

  void add(long minute, long nowMinute, int latencyBin) {
    if (minute <= nowMinute - kept) {
      return;
    }
    int slot = slot(minute);
    if (minuteOf[slot] != minute) {
      if (minuteOf[slot] != BucketRing.EMPTY && minuteOf[slot] > minute) {
        return;
      }
      minuteOf[slot] = minute;
      sketches[slot] = new LatencySketch();
    }
    sketches[slot].addBin(latencyBin, 1);
    dirty.set(slot);
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
