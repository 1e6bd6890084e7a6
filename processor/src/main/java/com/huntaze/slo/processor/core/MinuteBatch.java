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
  // Everything an event touches lives in one array (it is a cache miss per array otherwise, and a
  // replay touches five SLOs per event): "now", the minutes held, then per minute held its buckets,
  // good, total, the rings that take it (bit = index in rings), whether the latency ring takes it,
  // and its number of latency bins.
  private static final int NOW = 0;
  private static final int MINUTE_HELD = NOW + RESOLUTIONS;
  private static final int ENTRIES = MINUTE_HELD + MINUTES;
  private static final int BUCKETS = 0;
  private static final int GOOD = RESOLUTIONS;
  private static final int TOTAL = GOOD + 1;
  private static final int ACCEPTED = TOTAL + 1;
  private static final int TIMED = ACCEPTED + 1;
  private static final int BINS = TIMED + 1;
  private static final int STRIDE = BINS + 1;

  private final BucketRing[] rings;
  private final int[] resolutionOf;
  private final long[] keptOf;
  private final LatencyRing latency;
  /** Minutes apart below which two minutes can never share a slot in any ring (no slot arithmetic needed). */
  private final long apartSafely;
  private final long[] data = new long[ENTRIES + MINUTES * STRIDE];
  /** Latency bins of each minute held, in the order events came. */
  private final int[][] bins = new int[MINUTES][];
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
    Arrays.fill(data, NOW, NOW + RESOLUTIONS, Long.MIN_VALUE);
    for (int i = 0; i < MINUTES; i++) {
      bins[i] = new int[latency == null ? 0 : 64];
    }
  }

  private static int entry(int i) {
    return ENTRIES + i * STRIDE;
  }

  /** Holds one event; returns whether it counts (as {@link WindowCounts#add} applying it at once would). */
  boolean add(long[] eventBuckets, long[] nowBuckets, boolean isGood, int latencyBin) {
    long[] d = data;
    if (nowBuckets[M] != d[NOW + M]) { // the coarser buckets follow from the same instant
      moveNow(nowBuckets);
    }
    long minute = eventBuckets[M];
    int i = -1;
    for (int j = 0; j < held; j++) {
      if (d[MINUTE_HELD + j] == minute) {
        i = j;
        break;
      }
    }
    if (i < 0) {
      i = open(eventBuckets);
    }
    int e = entry(i);
    if (d[e + ACCEPTED] == 0) {
      return false;
    }
    if (isGood) {
      d[e + GOOD]++;
    }
    d[e + TOTAL]++;
    if (d[e + TIMED] != 0) {
      int n = (int) d[e + BINS];
      if (n == bins[i].length) {
        bins[i] = Arrays.copyOf(bins[i], n * 2);
      }
      bins[i][n] = latencyBin;
      d[e + BINS] = n + 1;
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
    if (now[M] < data[NOW + M]) {
      flush();
    } else {
      for (int i = held - 1; i >= 0; i--) {
        if (admissionChanges(i, now)) {
          addToRings(i);
          remove(i);
        }
      }
    }
    System.arraycopy(now, 0, data, NOW, RESOLUTIONS);
  }

  /** Whether a ring taking minute {@code i} under the current "now" would refuse it under a later {@code now}. */
  private boolean admissionChanges(int i, long[] now) {
    int e = entry(i);
    long accepted = data[e + ACCEPTED];
    for (int k = 0; k < rings.length; k++) {
      int r = resolutionOf[k];
      if ((accepted & (1L << k)) != 0 && data[e + BUCKETS + r] <= now[r] - keptOf[k]) {
        return true;
      }
    }
    return data[e + TIMED] != 0 && !latency.keeps(data[e + BUCKETS + M], now[M]);
  }

  private void addToRings(int i) {
    int e = entry(i);
    long total = data[e + TOTAL];
    if (total == 0) {
      return; // too old, or not one event yet: nothing to add
    }
    for (int k = 0; k < rings.length; k++) {
      int r = resolutionOf[k];
      rings[k].add(data[e + BUCKETS + r], data[NOW + r], data[e + GOOD], total);
    }
    if (data[e + TIMED] != 0) {
      latency.addBins(data[e + BUCKETS + M], data[NOW + M], bins[i], (int) data[e + BINS]);
    }
  }

  /** Drops minute {@code i} (already added), moving the last one into its place. */
  private void remove(int i) {
    int last = --held;
    if (i != last) {
      data[MINUTE_HELD + i] = data[MINUTE_HELD + last];
      System.arraycopy(data, entry(last), data, entry(i), STRIDE);
      int[] spare = bins[i];
      bins[i] = bins[last];
      bins[last] = spare;
    }
  }

  /** Starts holding a new minute, after adding the others if one shares a slot with it, or the oldest if full. */
  private int open(long[] buckets) {
    if (sharesSlot(buckets)) {
      flush();
    } else if (held == MINUTES) {
      int oldest = 0;
      for (int j = 1; j < held; j++) {
        if (data[MINUTE_HELD + j] < data[MINUTE_HELD + oldest]) {
          oldest = j;
        }
      }
      addToRings(oldest);
      remove(oldest);
    }
    int i = held++;
    int e = entry(i);
    data[MINUTE_HELD + i] = buckets[M];
    System.arraycopy(buckets, 0, data, e + BUCKETS, RESOLUTIONS);
    long mask = 0;
    for (int k = 0; k < rings.length; k++) {
      int r = resolutionOf[k];
      if (rings[k].accepts(buckets[r], data[NOW + r])) {
        mask |= 1L << k;
      }
    }
    data[e + ACCEPTED] = mask;
    data[e + TIMED] = mask != 0 && latency != null && latency.accepts(buckets[M], data[NOW + M]) ? 1 : 0;
    data[e + GOOD] = 0;
    data[e + TOTAL] = 0;
    data[e + BINS] = 0;
    return i;
  }

  /**
   * Whether a minute held uses a slot of {@code buckets} for another bucket. Not with the minutes
   * of a stream in time order (close minutes never do), but a late event's may.
   */
  private boolean sharesSlot(long[] buckets) {
    for (int j = 0; j < held; j++) {
      if (Math.abs(buckets[M] - data[MINUTE_HELD + j]) < apartSafely) {
        continue;
      }
      int e = entry(j);
      for (int k = 0; k < rings.length; k++) {
        int r = resolutionOf[k];
        if (rings[k].sameSlot(buckets[r], data[e + BUCKETS + r])) {
          return true;
        }
      }
      if (latency != null && latency.sameSlot(buckets[M], data[e + BUCKETS + M])) {
        return true;
      }
    }
    return false;
  }
}
