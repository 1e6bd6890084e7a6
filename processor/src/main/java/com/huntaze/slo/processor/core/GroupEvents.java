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

  /** Each event's group key ({@link SloGroups}' encoding), one after the other; event i's ends where its {@link #PACKED} long says. */
  private byte[] keys = new byte[INITIAL * 32];
  // What else an event brings, side by side in one array (an array per field was a cache line per
  // field and event, with a hundred grouped SLOs each holding thousands of events): its time, the
  // minute of the "now" it was admitted against, and its key's end, latency bin and whether it is
  // good (the SLO as a whole judged it, and its instances judge alike) packed in one long.
  private static final int MILLIS = 0;
  private static final int NOW_MINUTE = 1;
  private static final int PACKED = 2;
  private static final int STRIDE = 3;
  private long[] held = new long[INITIAL * STRIDE];
  private int[] instance = new int[INITIAL];
  private int[] order = new int[INITIAL];
  /** A run's latency bins, in the order they came. */
  private int[] runBins = new int[INITIAL];
  private int[] firstOf = new int[16];
  private final long[] eventBuckets = new long[Resolution.VALUES.length];
  private final long[] nowBuckets = new long[Resolution.VALUES.length];
  private int count;

  /**
   * Holds an event of the group with key {@code key[0, keyLength)}; returns true when full (events
   * or key bytes): the caller then flushes.
   */
  boolean add(byte[] key, int keyLength, long eventMillis, long nowMinute, boolean good, int latencyBin) {
    if (count == instance.length) {
      grow();
    }
    int i = count++;
    int start = i == 0 ? 0 : keyEnd(i - 1);
    if (start + keyLength > keys.length) {
      keys = Arrays.copyOf(keys, Math.max(keys.length * 2, start + keyLength));
    }
    System.arraycopy(key, 0, keys, start, keyLength);
    int end = start + keyLength;
    int at = i * STRIDE;
    held[at + MILLIS] = eventMillis;
    held[at + NOW_MINUTE] = nowMinute;
    held[at + PACKED] = (long) end << 33 | (latencyBin & 0xFFFF_FFFFL) << 1 | (good ? 1 : 0);
    return count == CAPACITY || end >= KEY_BYTES;
  }

  private int keyEnd(int i) {
    return (int) (held[i * STRIDE + PACKED] >>> 33);
  }

  private long millis(int i) {
    return held[i * STRIDE + MILLIS];
  }

  private long nowMinute(int i) {
    return held[i * STRIDE + NOW_MINUTE];
  }

  private void grow() {
    int size = instance.length * 2;
    held = Arrays.copyOf(held, size * STRIDE);
    instance = new int[size];
    order = new int[size];
    runBins = new int[size];
  }

  /** Finds every event's instance in the order they came, then applies them instance by instance, each instance's in the order they came. */
  void flush(Places places) {
    if (count == 0) {
      return;
    }
    for (int i = 0, start = 0; i < count; start = keyEnd(i++)) {
      instance[i] = places.placeOf(keys, start, keyEnd(i) - start);
    }
    SloState[] instances = places.byPlace();
    int placed = places.count();
    // A counting sort by instance: stable, so each instance keeps its events' order.
    if (firstOf.length < placed + 1) {
      firstOf = new int[Math.max(placed + 1, firstOf.length * 2)];
    }
    Arrays.fill(firstOf, 0, placed + 1, 0);
    for (int i = 0; i < count; i++) {
      firstOf[instance[i] + 1]++;
    }
    for (int k = 0; k < placed; k++) {
      firstOf[k + 1] += firstOf[k];
    }
    for (int i = 0; i < count; i++) {
      order[firstOf[instance[i]]++] = i;
    }
    long bucketsOfNow = Long.MIN_VALUE;
    for (int n = 0; n < count; ) {
      // A run: an instance's next events of one minute admitted against one "now" (a busy group has
      // many), added to its rings at once, as one at a time would: same bucket, same answer.
      int first = order[n];
      SloState state = instances[instance[first]];
      long minute = Math.floorDiv(millis(first), MINUTE_MILLIS);
      long runNow = nowMinute(first);
      long goodInRun = 0;
      int end = n;
      for (; end < count; end++) {
        int i = order[end];
        if (instance[i] != instance[first] || nowMinute(i) != runNow || Math.floorDiv(millis(i), MINUTE_MILLIS) != minute) {
          break;
        }
        long packed = held[i * STRIDE + PACKED];
        goodInRun += packed & 1;
        runBins[end - n] = (int) (packed >>> 1);
      }
      if (runNow != bucketsOfNow) { // nearly every event held shares its "now"
        bucketsOfNow = runNow;
        Resolution.fillBuckets(bucketsOfNow * MINUTE_MILLIS, nowBuckets);
      }
      Resolution.fillBuckets(millis(first), eventBuckets);
      boolean counted = state.counts().addRun(eventBuckets, nowBuckets, goodInRun, end - n, runBins, state.keepsLatencies() ? end - n : 0);
      for (; n < end; n++) {
        state.admitted(millis(order[n]), counted);
      }
    }
    count = 0;
    if (keys.length > KEY_BYTES) { // grown for huge values: not kept for good
      keys = new byte[KEY_BYTES];
    }
  }
}
