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
 *   <li>Two minutes held never use the same ring slot for different buckets (a minute that would
 *       is only taken after the others are added). So what happens to a slot depends only on the
 *       events of one bucket, and for one bucket the ring takes all or none of them as long as
 *       its admission does not change: the first event decides (start the bucket, or refuse),
 *       the others see the bucket started or the same refusal. That decision is
 *       {@link BucketRing#accepts}, asked once per minute held.</li>
 *   <li>Admission also depends on "now". When "now" moves forward a ring refuses more, never
 *       less; a minute whose admission would change is added under the old "now" first. When
 *       "now" goes back (a clock, not a replay's stream time), everything held is added first.</li>
 *   <li>Latency bins are kept in the order events came, so each sketch gets the same adds in the
 *       same order.</li>
 * </ul>
 * Readers of the rings call {@link #flush} first ({@link WindowCounts} does).
 */
final class MinuteBatch {
  /** Minutes held at once: a stream in time order with some disorder touches two or three; a late event adds one. */
  private static final int MINUTES = 4;
  private static final int RESOLUTIONS = Resolution.VALUES.length;
  private static final int M = Resolution.MINUTE.ordinal();

  private final BucketRing[] rings;
  private final int[] resolutionOf;
  private final long[] keptOf;
  private final LatencyRing latency;
  /** Minutes apart below which two minutes can never share a slot in any ring (no slot arithmetic needed). */
  private final long apartSafely;
  /** The current "now": minutes held are added against it. */
  private final long[] nowBuckets = new long[RESOLUTIONS];
  private final long[] eventBuckets = new long[MINUTES * RESOLUTIONS];
  /** Per minute held, the rings (bit = index in {@link #rings}) that take its events; none: they are too old. */
  private final int[] accepted = new int[MINUTES];
  /** Whether the latency ring takes the minute's values. */
  private final boolean[] timed = new boolean[MINUTES];
  private final long[] good = new long[MINUTES];
  private final long[] total = new long[MINUTES];
  private int[][] bins = new int[MINUTES][];
  private final int[] binCount = new int[MINUTES];
  private int held;

  MinuteBatch(BucketRing[] rings, LatencyRing latency) {
    this.rings = rings;
    this.latency = latency;
    this.resolutionOf = new int[rings.length];
    this.keptOf = new long[rings.length];
    long apart = latency == null ? Long.MAX_VALUE : latency.size() - 1;
    for (int k = 0; k < rings.length; k++) {
      resolutionOf[k] = rings[k].resolution().ordinal();
      keptOf[k] = rings[k].kept();
      long bucketMinutes = rings[k].resolution().bucketMillis() / Resolution.MINUTE.bucketMillis();
      apart = Math.min(apart, (rings[k].size() - 1) * bucketMinutes);
    }
    this.apartSafely = apart;
    Arrays.fill(nowBuckets, Long.MIN_VALUE);
    for (int i = 0; i < MINUTES; i++) {
      bins[i] = new int[latency == null ? 0 : 64];
    }
  }

  /** Holds one event; returns whether it counts (as {@link WindowCounts#add} applying it at once would). */
  boolean add(long[] eventBuckets, long[] nowBuckets, boolean isGood, int latencyBin) {
    if (nowBuckets[M] != this.nowBuckets[M]) { // the coarser buckets follow from the same instant
      moveNow(nowBuckets);
    }
    long minute = eventBuckets[M];
    int i = -1;
    for (int j = 0; j < held; j++) {
      if (this.eventBuckets[j * RESOLUTIONS + M] == minute) {
        i = j;
        break;
      }
    }
    if (i < 0) {
      i = open(eventBuckets);
    }
    if (accepted[i] == 0) {
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
      addToRings(i);
    }
    held = 0;
  }

  /** A new "now": minutes whose admission it would change are added under the old one first. */
  private void moveNow(long[] now) {
    if (now[M] < nowBuckets[M]) {
      flush();
    } else {
      for (int i = held - 1; i >= 0; i--) {
        if (admissionChanges(i, now)) {
          addToRings(i);
          remove(i);
        }
      }
    }
    System.arraycopy(now, 0, nowBuckets, 0, RESOLUTIONS);
  }

  /** Whether a ring taking minute {@code i} under the current "now" would refuse it under a later {@code now}. */
  private boolean admissionChanges(int i, long[] now) {
    int base = i * RESOLUTIONS;
    for (int k = 0; k < rings.length; k++) {
      int r = resolutionOf[k];
      if ((accepted[i] & (1 << k)) != 0 && eventBuckets[base + r] <= now[r] - keptOf[k]) {
        return true;
      }
    }
    return timed[i] && !latency.keeps(eventBuckets[base + M], now[M]);
  }

  private void addToRings(int i) {
    if (total[i] == 0) {
      return; // too old, or not one event yet: nothing to add
    }
    int base = i * RESOLUTIONS;
    for (int k = 0; k < rings.length; k++) {
      int r = resolutionOf[k];
      rings[k].add(eventBuckets[base + r], nowBuckets[r], good[i], total[i]);
    }
    if (timed[i]) {
      latency.addBins(eventBuckets[base + M], nowBuckets[M], bins[i], binCount[i]);
    }
  }

  /** Drops minute {@code i} (already added), moving the last one into its place. */
  private void remove(int i) {
    int last = --held;
    if (i != last) {
      System.arraycopy(eventBuckets, last * RESOLUTIONS, eventBuckets, i * RESOLUTIONS, RESOLUTIONS);
      accepted[i] = accepted[last];
      timed[i] = timed[last];
      good[i] = good[last];
      total[i] = total[last];
      int[] spare = bins[i];
      bins[i] = bins[last];
      bins[last] = spare;
      binCount[i] = binCount[last];
    }
  }

  /** Starts holding a new minute, after adding the others if one shares a slot with it, or the oldest if full. */
  private int open(long[] buckets) {
    if (sharesSlot(buckets)) {
      flush();
    } else if (held == MINUTES) {
      int oldest = 0;
      for (int j = 1; j < held; j++) {
        if (eventBuckets[j * RESOLUTIONS + M] < eventBuckets[oldest * RESOLUTIONS + M]) {
          oldest = j;
        }
      }
      addToRings(oldest);
      remove(oldest);
    }
    int i = held++;
    System.arraycopy(buckets, 0, eventBuckets, i * RESOLUTIONS, RESOLUTIONS);
    int mask = 0;
    for (int k = 0; k < rings.length; k++) {
      int r = resolutionOf[k];
      if (rings[k].accepts(buckets[r], nowBuckets[r])) {
        mask |= 1 << k;
      }
    }
    accepted[i] = mask;
    timed[i] = mask != 0 && latency != null && latency.accepts(buckets[M], nowBuckets[M]);
    good[i] = 0;
    total[i] = 0;
    binCount[i] = 0;
    return i;
  }

  /**
   * Whether a minute held uses a slot of {@code buckets} for another bucket. Not with the minutes
   * of a stream in time order (close minutes never do), but a late event's may.
   */
  private boolean sharesSlot(long[] buckets) {
    for (int j = 0; j < held; j++) {
      int base = j * RESOLUTIONS;
      if (Math.abs(buckets[M] - eventBuckets[base + M]) < apartSafely) {
        continue;
      }
      for (int k = 0; k < rings.length; k++) {
        int r = resolutionOf[k];
        if (rings[k].sameSlot(buckets[r], eventBuckets[base + r])) {
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
