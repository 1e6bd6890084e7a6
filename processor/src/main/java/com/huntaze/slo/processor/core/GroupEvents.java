package com.huntaze.slo.processor.core;

import java.util.Arrays;

/**
 * A grouped SLO's events on their way to its group instances, held and then applied group by
 * group. Applied one by one as they come, each event touches a different instance's rings, which
 * no cache holds once there are thousands of groups (10-40 KB each): most of a grouped SLO's
 * cost. Held and applied in group order, each instance's rings are fetched once per batch. The
 * same goes for finding an event's group: between two events of one SLO, others' attribution
 * summaries pass through the caches, so the group table is looked up for a whole batch at once,
 * from the events' group keys held side by side.
 *
 * <p>The instances end up exactly as if each event had been applied when it came: groups are
 * found (and new ones placed) in the order the events came, an instance's state depends only on
 * its own events, and each gets them in the order they came, each with the "now" it was admitted
 * against. Readers of the instances call {@link #flush} first ({@link SloGroups} does).
 */
final class GroupEvents {
  /** Events held at most: with 100 groups, about 40 per group and batch. */
  static final int CAPACITY = 4096;
  /**
   * Key bytes held at most before the events are applied: 4,096 keys of 26 bytes take 106 KB, but
   * a record written to Kafka directly may carry values of up to a megabyte.
   */
  static final int KEY_BYTES = 256 * 1024;
  private static final long MINUTE_MILLIS = Resolution.MINUTE.bucketMillis();
  /** Room at first: a grouped SLO with little traffic (there may be hundreds) holds a few KB, not 160. */
  private static final int INITIAL = 64;

  /** Where a batch's events find their instances ({@link SloGroups}). */
  interface Places {
    /** The place of the group with this key, made now if the group is new (or {@code _other}'s). */
    int placeOf(byte[] keys, int offset, int length);

    /** The instances by place, after every event's group was found. */
    SloState[] byPlace();

    int count();
  }

  /** Each event's group key ({@link SloGroups}' encoding), one after the other; event i's ends at {@code keyEnd[i]}. */
  private byte[] keys = new byte[INITIAL * 32];
  private int[] keyEnd = new int[INITIAL];
  private int[] instance = new int[INITIAL];
  private long[] eventMillis = new long[INITIAL];
  private long[] nowMinute = new long[INITIAL];
  /** Whether the event is good: the SLO as a whole judged it, and its instances judge alike. */
  private boolean[] good = new boolean[INITIAL];
  private int[] latencyBin = new int[INITIAL];
  private int[] order = new int[INITIAL];
  /** A run's latency bins, in the order they came. */
  private int[] runBins = new int[INITIAL];
  private int[] firstOf = new int[16];
  private final long[] eventBuckets = new long[Resolution.VALUES.length];
  private final long[] nowBuckets = new long[Resolution.VALUES.length];
  private int held;

  /**
   * Holds an event of the group with key {@code key[0, keyLength)}; returns true when full (events
   * or key bytes): the caller then flushes.
   */
  boolean add(byte[] key, int keyLength, long eventMillis, long nowMinute, boolean good, int latencyBin) {
    if (held == instance.length) {
      grow();
    }
    int i = held++;
    int start = i == 0 ? 0 : keyEnd[i - 1];
    if (start + keyLength > keys.length) {
      keys = Arrays.copyOf(keys, Math.max(keys.length * 2, start + keyLength));
    }
    System.arraycopy(key, 0, keys, start, keyLength);
    keyEnd[i] = start + keyLength;
    this.eventMillis[i] = eventMillis;
    this.nowMinute[i] = nowMinute;
    this.good[i] = good;
    this.latencyBin[i] = latencyBin;
    return held == CAPACITY || keyEnd[i] >= KEY_BYTES;
  }

  private void grow() {
    int size = instance.length * 2;
    instance = new int[size];
    keyEnd = Arrays.copyOf(keyEnd, size);
    eventMillis = Arrays.copyOf(eventMillis, size);
    nowMinute = Arrays.copyOf(nowMinute, size);
    good = Arrays.copyOf(good, size);
    latencyBin = Arrays.copyOf(latencyBin, size);
    order = new int[size];
    runBins = new int[size];
  }

  /** Finds every event's instance in the order they came, then applies them instance by instance, each instance's in the order they came. */
  void flush(Places places) {
    if (held == 0) {
      return;
    }
    for (int i = 0, start = 0; i < held; start = keyEnd[i++]) {
      instance[i] = places.placeOf(keys, start, keyEnd[i] - start);
    }
    SloState[] instances = places.byPlace();
    int count = places.count();
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
    for (int n = 0; n < held; ) {
      // A run: an instance's next events of one minute admitted against one "now" (a busy group has
      // many), added to its rings at once, as one at a time would: same bucket, same answer.
      int first = order[n];
      SloState state = instances[instance[first]];
      long minute = Math.floorDiv(eventMillis[first], MINUTE_MILLIS);
      long goodInRun = 0;
      int end = n;
      for (; end < held; end++) {
        int i = order[end];
        if (instance[i] != instance[first] || nowMinute[i] != nowMinute[first] || Math.floorDiv(eventMillis[i], MINUTE_MILLIS) != minute) {
          break;
        }
        goodInRun += good[i] ? 1 : 0;
        runBins[end - n] = latencyBin[i];
      }
      if (nowMinute[first] != bucketsOfNow) { // nearly every event held shares its "now"
        bucketsOfNow = nowMinute[first];
        Resolution.fillBuckets(bucketsOfNow * MINUTE_MILLIS, nowBuckets);
      }
      Resolution.fillBuckets(eventMillis[first], eventBuckets);
      boolean counted = state.counts().addRun(eventBuckets, nowBuckets, goodInRun, end - n, runBins, state.keepsLatencies() ? end - n : 0);
      for (; n < end; n++) {
        state.admitted(eventMillis[order[n]], counted);
      }
    }
    held = 0;
    if (keys.length > KEY_BYTES) { // grown for huge values: not kept for good
      keys = new byte[KEY_BYTES];
    }
  }
}
