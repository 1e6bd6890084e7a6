package com.huntaze.slo.processor.core;

import java.util.Arrays;

/**
 * A grouped SLO's events on their way to its group instances, held and then applied group by
 * group. Applied one by one as they come, each event touches a different instance's rings, which
 * no cache holds once there are thousands of groups (10-40 KB each): most of a grouped SLO's
 * cost. Held and applied in group order, each instance's rings are fetched once per batch.
 *
 * <p>The instances end up exactly as if each event had been applied when it came: an instance's
 * state depends only on its own events, and each gets them in the order they came, each with the
 * "now" it was admitted against. Readers of the instances call {@link #flush} first ({@link SloGroups} does).
 */
final class GroupEvents {
  /** Events held at most: with 100 groups, about 40 per group and batch. */
  static final int CAPACITY = 4096;
  /** Room at first: a grouped SLO with little traffic (there may be hundreds) holds a few KB, not 160. */
  private static final int INITIAL = 64;

  private int[] instance = new int[INITIAL];
  private long[] eventMillis = new long[INITIAL];
  private long[] nowMinute = new long[INITIAL];
  /** Whether the event is good: the SLO as a whole judged it, and its instances judge alike. */
  private boolean[] good = new boolean[INITIAL];
  private int[] latencyBin = new int[INITIAL];
  private int[] order = new int[INITIAL];
  private int[] firstOf = new int[16];
  private final long[] eventBuckets = new long[Resolution.VALUES.length];
  private final long[] nowBuckets = new long[Resolution.VALUES.length];
  private int held;

  /**
   * Holds an event for the instance at {@code index} of {@code instances}; returns true when full:
   * the caller then flushes.
   */
  boolean add(int index, long eventMillis, long nowMinute, boolean good, int latencyBin) {
    if (held == instance.length) {
      grow();
    }
    int i = held++;
    this.instance[i] = index;
    this.eventMillis[i] = eventMillis;
    this.nowMinute[i] = nowMinute;
    this.good[i] = good;
    this.latencyBin[i] = latencyBin;
    return held == CAPACITY;
  }

  private void grow() {
    int size = instance.length * 2;
    instance = Arrays.copyOf(instance, size);
    eventMillis = Arrays.copyOf(eventMillis, size);
    nowMinute = Arrays.copyOf(nowMinute, size);
    good = Arrays.copyOf(good, size);
    latencyBin = Arrays.copyOf(latencyBin, size);
    order = new int[size];
  }

  /** Applies every event held to its instance, instance by instance, each instance's in the order they came. */
  void flush(SloState[] instances, int count) {
    if (held == 0) {
      return;
    }
    // A counting sort by instance: stable, so each instance keeps its events' order.
    if (firstOf.length < count + 1) {
      firstOf = new int[Math.max(count + 1, firstOf.length * 2)];
    }
    Arrays.fill(firstOf, 0, count + 1, 0);
    for (int i = 0; i < held; i++) {
      firstOf[instance[i] + 1]++;
    }
    for (int k = 0; k < count; k++) {
      firstOf[k + 1] += firstOf[k];
    }
    for (int i = 0; i < held; i++) {
      order[firstOf[instance[i]]++] = i;
    }
    long bucketsOfNow = Long.MIN_VALUE;
    for (int n = 0; n < held; n++) {
      int i = order[n];
      Resolution.fillBuckets(eventMillis[i], eventBuckets);
      if (nowMinute[i] != bucketsOfNow) { // nearly every event held shares its "now"
        bucketsOfNow = nowMinute[i];
        Resolution.fillBuckets(bucketsOfNow * Resolution.MINUTE.bucketMillis(), nowBuckets);
      }
      instances[instance[i]].recordAdmitted(eventMillis[i], eventBuckets, nowBuckets, good[i], latencyBin[i]);
    }
    held = 0;
  }
}
