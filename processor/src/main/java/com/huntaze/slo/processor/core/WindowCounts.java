package com.huntaze.slo.processor.core;

import java.time.Duration;
import java.util.Map;

/**
 * The counting half of an SLO: good/total per bucket at each resolution its windows read, and per
 * minute latency sketches for latency SLOs. Every ring keeps what its longest window reads behind
 * the evaluation time, plus room for the allowed clock skew ahead of it, so an event counts in
 * every window that covers it whatever order events arrive in, and the state stays fixed in size.
 */
final class WindowCounts {
  static final long NEVER = Long.MAX_VALUE;

  /** Indexed by {@link Resolution#ordinal()}; null where no window reads that resolution. */
  private final BucketRing[] byResolution = new BucketRing[Resolution.VALUES.length];
  /** The same rings without gaps: the per-event loop should not test for nulls. */
  private final BucketRing[] rings;
  private final LatencyRing latency;
  /**
   * Calendar SLOs: the oldest minute any window covers at a "now" minute ({@link
   * SloBudget#oldestCoveredMinute}). Their hour ring keeps the unit's longest period (31 days and an
   * hour for a month), longer than what is read on most days: an older event is refused as too old,
   * not applied where no window will ever count it. Null for rolling windows, whose rings keep
   * exactly what their windows read.
   */
  private final java.util.function.LongUnaryOperator oldestCoveredMinute;
  /** The last "now" minute asked and its answer: a calendar lookup per minute, not per event. */
  private long coveredNowMinute = Long.MIN_VALUE;
  private long coveredFromMinute;
  /** Counts not yet in the rings (null: added at once); every reader of the rings flushes it first. */
  private final MinuteBatch batch;
  /** Minute of the first event ever applied; throughput is judged only from there on. */
  private long firstMinute = NEVER;
  private boolean firstMinuteChanged;

  /**
   * @param latencyMinutes minutes of latency sketches kept (0: not a latency SLO)
   * @param settings the allowed skew (room ahead), minute batches, and when an engine is evaluated
   *     only once, which minutes' sketches no evaluation reads
   */
  WindowCounts(Map<Resolution, Integer> keptBuckets, int latencyMinutes, EngineSettings settings) {
    this(keptBuckets, latencyMinutes, settings, null);
  }

  WindowCounts(Map<Resolution, Integer> keptBuckets, int latencyMinutes, EngineSettings settings,
               java.util.function.LongUnaryOperator oldestCoveredMinute) {
    this.oldestCoveredMinute = oldestCoveredMinute;
    Duration maxFuture = settings.maxFuture();
    keptBuckets.forEach((resolution, kept) -> byResolution[resolution.ordinal()] =
        new BucketRing(resolution, kept, aheadBuckets(resolution.bucketMillis(), maxFuture)));
    this.rings = java.util.Arrays.stream(byResolution).filter(java.util.Objects::nonNull).toArray(BucketRing[]::new);
    this.latency = latencyMinutes > 0
        ? new LatencyRing(latencyMinutes, aheadBuckets(Resolution.MINUTE.bucketMillis(), maxFuture), settings.evaluatedOnlyAtMillis())
        : null;
    this.batch = settings.minuteBatches() ? new MinuteBatch(rings, latency) : null;
  }

  /** Buckets of room ahead of "now" for the allowed clock skew: every ring of the SLO, attribution's too. */
  static int aheadBuckets(long bucketMillis, Duration maxFuture) {
    return (int) -Math.floorDiv(-maxFuture.toMillis(), bucketMillis);
  }

  /**
   * Adds one event to every ring that still keeps its bucket. Returns false when none does: the
   * event is older than every window of the SLO.
   *
   * @param eventBuckets the event's bucket at each resolution, by {@link Resolution#ordinal()}
   * @param nowBuckets the evaluation time's bucket at each resolution
   */
  boolean add(long[] eventBuckets, long[] nowBuckets, boolean good, int latencyBin) {
    if (beforeAnyWindow(eventBuckets, nowBuckets)) {
      return false;
    }
    long minute = eventBuckets[Resolution.MINUTE.ordinal()];
    if (batch != null) {
      if (!batch.add(eventBuckets, nowBuckets, good, latencyBin)) {
        return false;
      }
    } else {
      if (!addToRings(eventBuckets, nowBuckets, good ? 1 : 0, 1)) {
        return false;
      }
      if (latency != null) {
        latency.add(minute, nowBuckets[Resolution.MINUTE.ordinal()], latencyBin);
      }
    }
    noteFirstMinute(minute);
    return true;
  }

  /**
   * Adds a run of {@code total} events of one minute admitted against the same "now", as many
   * calls of {@link #add} would ({@link EventBatch}): all count, or none (false).
   *
   * @param bins the events' latency bins in the order they came, the first {@code binCount}
   */
  boolean addRun(long[] eventBuckets, long[] nowBuckets, long good, long total, int[] bins, int binCount) {
    flush(); // a batched SLO holds nothing in a minute batch; if it did, it would go first
    if (beforeAnyWindow(eventBuckets, nowBuckets) || !addToRings(eventBuckets, nowBuckets, good, total)) {
      return false;
    }
    long minute = eventBuckets[Resolution.MINUTE.ordinal()];
    if (latency != null) {
      latency.addBins(minute, nowBuckets[Resolution.MINUTE.ordinal()], bins, binCount);
    }
    noteFirstMinute(minute);
    return true;
  }

  /** Whether every ring, and the latency sketches, take or refuse a minute's buckets alike under both "now"s (for {@link SloRun}). */
  boolean admitsAlike(long[] eventBuckets, long[] nowA, long[] nowB) {
    if (beforeAnyWindow(eventBuckets, nowA) != beforeAnyWindow(eventBuckets, nowB)) {
      return false;
    }
    for (BucketRing ring : rings) {
      int r = ring.resolution().ordinal();
      if (ring.keeps(eventBuckets[r], nowA[r]) != ring.keeps(eventBuckets[r], nowB[r])) {
        return false;
      }
    }
    int m = Resolution.MINUTE.ordinal();
    return latency == null || latency.keeps(eventBuckets[m], nowA[m]) == latency.keeps(eventBuckets[m], nowB[m]);
  }

  /** Whether every ring, and the latency sketches, keep a minute's buckets under {@code now}. */
  boolean keepsAll(long[] eventBuckets, long[] now) {
    if (beforeAnyWindow(eventBuckets, now)) {
      return false;
    }
    for (BucketRing ring : rings) {
      int r = ring.resolution().ordinal();
      if (!ring.keeps(eventBuckets[r], now[r])) {
        return false;
      }
    }
    int m = Resolution.MINUTE.ordinal();
    return latency == null || latency.keeps(eventBuckets[m], now[m]);
  }

  /** Whether no window of a calendar SLO covers the event's minute at this "now", nor ever will again. */
  private boolean beforeAnyWindow(long[] eventBuckets, long[] nowBuckets) {
    if (oldestCoveredMinute == null) {
      return false;
    }
    int m = Resolution.MINUTE.ordinal();
    if (nowBuckets[m] != coveredNowMinute) {
      coveredNowMinute = nowBuckets[m];
      coveredFromMinute = oldestCoveredMinute.applyAsLong(coveredNowMinute);
    }
    return eventBuckets[m] < coveredFromMinute;
  }

  private boolean addToRings(long[] eventBuckets, long[] nowBuckets, long good, long total) {
    boolean applied = false;
    for (BucketRing ring : rings) {
      int r = ring.resolution().ordinal();
      applied |= ring.add(eventBuckets[r], nowBuckets[r], good, total);
    }
    return applied;
  }

  private void noteFirstMinute(long minute) {
    if (minute < firstMinute) {
      firstMinute = minute;
      firstMinuteChanged = true;
    }
  }

  /** Sums a window evaluated at {@code atMillis} into {@code into} as {good, total}. */
  void sum(WindowSpec window, long atMillis, long[] into) {
    flush();
    Resolution r = window.resolution();
    byResolution[r.ordinal()].sum(r.bucketOf(atMillis), window.buckets(), into);
  }

  /** Sums the {@code minutes} minute buckets ending with {@code lastMinute} into {@code into}. */
  void sumMinutes(long lastMinute, int minutes, long[] into) {
    flush();
    byResolution[Resolution.MINUTE.ordinal()].sum(lastMinute, minutes, into);
  }

  /** Complete minutes from the first event up to (not including) {@code minuteNow}. */
  long completeMinutes(long minuteNow) {
    return firstMinute == NEVER ? 0 : Math.max(0, minuteNow - firstMinute);
  }

  /** Latencies of the {@code minutes} minutes ending with {@code lastMinute}; empty = no data or not a latency SLO. */
  LatencySketch latencies(long lastMinute, int minutes) {
    flush();
    return latency == null ? new LatencySketch() : latency.merged(lastMinute, minutes);
  }

  // ---- what the persistence needs ----

  /** Adds the counts held back, if any, to the rings: before anything reads them. */
  void flush() {
    if (batch != null) {
      batch.flush();
    }
  }

  BucketRing ring(Resolution resolution) {
    flush();
    return byResolution[resolution.ordinal()];
  }

  BucketRing[] rings() {
    flush();
    return rings;
  }

  LatencyRing latencyRing() {
    flush();
    return latency;
  }

  /**
   * After a restore: a bucket a coarser ring does not hold while the next finer ring holds events
   * of it is built from those (the SLO's window grew past what that ring kept, e.g. 1d to 7d, which
   * adds an hour ring). Sums of whole finer buckets, so exact for what the state kept. A ring that
   * holds the bucket already is left alone: it was fed every event the finer one was. Returns the
   * buckets built (0 on an ordinary restart).
   */
  int buildCoarserFromFiner() {
    flush();
    int built = 0;
    long[] one = new long[2];
    for (int r = 1; r < byResolution.length; r++) {
      BucketRing coarse = byResolution[r];
      BucketRing finer = byResolution[r - 1] != null ? byResolution[r - 1] : r == 2 ? byResolution[0] : null;
      if (coarse == null || finer == null) {
        continue;
      }
      long ratio = coarse.resolution().bucketMillis() / finer.resolution().bucketMillis();
      Map<Long, long[]> missing = null; // made only when a coarse bucket is missing: not on an ordinary restart
      long checked = BucketRing.EMPTY; // neighbouring finer slots mostly share a coarse bucket: looked at once
      boolean lacking = false;
      for (int slot = 0; slot < finer.size; slot++) {
        long bucket = finer.held(slot);
        if (bucket == BucketRing.EMPTY) {
          continue;
        }
        long c = Math.floorDiv(bucket, ratio);
        if (c != checked) {
          checked = c;
          coarse.sum(c, 1, one);
          lacking = one[1] == 0;
        }
        if (lacking) {
          finer.sum(bucket, 1, one);
          missing = missing == null ? new java.util.TreeMap<>() : missing;
          long[] sum = missing.computeIfAbsent(c, k -> new long[2]);
          sum[0] += one[0];
          sum[1] += one[1];
        }
      }
      for (Map.Entry<Long, long[]> e : missing == null ? Map.<Long, long[]>of().entrySet() : missing.entrySet()) {
        if (e.getValue()[1] > 0) {
          coarse.restore(-1, e.getKey(), e.getValue()[0], e.getValue()[1]); // marks its page to be written
          coarse.sum(e.getKey(), 1, one);
          built += one[1] > 0 ? 1 : 0; // not when a newer bucket holds the slot
        }
      }
    }
    return built;
  }

  long firstMinute() {
    return firstMinute;
  }

  void restoreFirstMinute(long minute) {
    firstMinute = minute;
  }

  boolean takeFirstMinuteChanged() {
    boolean was = firstMinuteChanged;
    firstMinuteChanged = false;
    return was;
  }
}
