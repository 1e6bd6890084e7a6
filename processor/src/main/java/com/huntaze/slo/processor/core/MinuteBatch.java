package com.huntaze.slo.processor.core;

import java.util.Arrays;

/**
 * One SLO's counts held back per event minute and added to its rings in one go, instead of
 * once per event: in a replay an SLO sees dozens of events per minute, and each event would
 * otherwise touch a slot in every ring (minute, ten minutes, hour) and its latency sketch.
 *
 * <p>The rings end up exactly as if every event had been added on its own, and every event gets
 * the same answer (counted or too old) at once, because:
 * <ul>
 *   <li>All minutes held were admitted against the same "now": the batch is added to the rings
 *       before a new "now" bucket is used, as admission depends on it.</li>
 *   <li>Two minutes held never use the same ring slot for different buckets (a minute that would
 *       is only taken after the others are added). So what happens to a slot depends only on the
 *       events of one bucket, and for one bucket and one "now" the ring takes all or none of them:
 *       the first event decides (start the bucket, or refuse), the others see the bucket started
 *       or the same refusal. That decision is {@link BucketRing#accepts}, asked once per minute.</li>
 *   <li>Latency bins are kept in the order events came, so each sketch gets the same adds in the
 *       same order.</li>
 * </ul>
 * Readers of the rings call {@link #flush} first ({@link WindowCounts} does).
 */
final class MinuteBatch {
  /** Minutes held at once: events in time order with some disorder touch two or three; a late one adds one. */
  private static final int MINUTES = 4;
  private static final int RESOLUTIONS = Resolution.VALUES.length;
  private static final int M = Resolution.MINUTE.ordinal();

  private final BucketRing[] rings;
  private final LatencyRing latency;
  /** The "now" every held minute was admitted against. */
  private final long[] nowBuckets = new long[RESOLUTIONS];
  private final long[] eventBuckets = new long[MINUTES * RESOLUTIONS];
  /** Whether some ring takes the minute's events (if none does, they are too old). */
  private final boolean[] applied = new boolean[MINUTES];
  /** Whether the latency ring takes the minute's values. */
  private final boolean[] timed = new boolean[MINUTES];
  private final long[] good = new long[MINUTES];
  private final long[] total = new long[MINUTES];
  private final int[][] bins = new int[MINUTES][];
  private final int[] binCount = new int[MINUTES];
  private int held;

  MinuteBatch(BucketRing[] rings, LatencyRing latency) {
    this.rings = rings;
    this.latency = latency;
    Arrays.fill(nowBuckets, Long.MIN_VALUE);
    for (int i = 0; i < MINUTES; i++) {
      bins[i] = new int[latency == null ? 0 : 64];
    }
  }

  /** Holds one event; returns whether it counts (as {@link WindowCounts#add} applying it at once would). */
  boolean add(long[] eventBuckets, long[] nowBuckets, boolean isGood, int latencyBin) {
    if (!Arrays.equals(this.nowBuckets, nowBuckets)) {
      flush();
      System.arraycopy(nowBuckets, 0, this.nowBuckets, 0, RESOLUTIONS);
    }
    int i = indexOf(eventBuckets[M]);
    if (i < 0) {
      i = open(eventBuckets);
    }
    if (!applied[i]) {
      return false;
    }
    if (isGood) {
      good[i]++;
    }
    total[i]++;
    if (timed[i]) {
      int n = binCount[i];
      if (n == bins[i].length) {
        bins[i] = Arrays.copyOf(bins[i], n * 2);
      }
      bins[i][n] = latencyBin;
      binCount[i] = n + 1;
    }
    return true;
  }

  /** Adds every minute held to the rings. */
  void flush() {
    for (int i = 0; i < held; i++) {
      if (total[i] == 0) {
        continue; // too old: no ring takes it, nothing to add
      }
      int base = i * RESOLUTIONS;
      for (BucketRing ring : rings) {
        int r = ring.resolution().ordinal();
        ring.add(eventBuckets[base + r], nowBuckets[r], good[i], total[i]);
      }
      if (timed[i]) {
        latency.addBins(eventBuckets[base + M], nowBuckets[M], bins[i], binCount[i]);
      }
    }
    held = 0;
  }

  private int indexOf(long minute) {
    for (int i = 0; i < held; i++) {
      if (eventBuckets[i * RESOLUTIONS + M] == minute) {
        return i;
      }
    }
    return -1;
  }

  /** Starts holding a new minute, after adding the others if it is full or one shares a slot with it. */
  private int open(long[] buckets) {
    if (held == MINUTES || sharesSlot(buckets)) {
      flush();
    }
    int i = held++;
    System.arraycopy(buckets, 0, eventBuckets, i * RESOLUTIONS, RESOLUTIONS);
    boolean any = false;
    for (BucketRing ring : rings) {
      int r = ring.resolution().ordinal();
      any |= ring.accepts(buckets[r], nowBuckets[r]);
    }
    applied[i] = any;
    timed[i] = any && latency != null && latency.accepts(buckets[M], nowBuckets[M]);
    good[i] = 0;
    total[i] = 0;
    binCount[i] = 0;
    return i;
  }

  /**
   * Whether a minute held uses a slot of {@code buckets} for another bucket. Not with events the
   * engine admits (their buckets all fit in the rings at once), but a direct caller could.
   */
  private boolean sharesSlot(long[] buckets) {
    for (int j = 0; j < held; j++) {
      int base = j * RESOLUTIONS;
      for (BucketRing ring : rings) {
        int r = ring.resolution().ordinal();
        if (ring.sameSlot(buckets[r], eventBuckets[base + r])) {
          return true;
        }
      }
      if (latency != null && latency.sameSlot(buckets[M], eventBuckets[base + M])) {
        return true;
      }
    }
    return false;
  }
}
