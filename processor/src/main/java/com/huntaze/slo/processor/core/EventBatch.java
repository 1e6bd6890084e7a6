package com.huntaze.slo.processor.core;

import java.util.Arrays;

/**
 * Events held back and handed to each SLO as a list, a replay's fast path: per event the engine
 * stores five numbers and its operation, and appends the event's index to the list of each SLO covering it, and each
 * SLO then goes through its list in a tight loop, adding a run of events of one minute to its rings
 * and attribution in one go.
 *
 * <p>The SLOs end up exactly as if every event had been recorded on its own ({@link SloState#record}):
 * <ul>
 *   <li>An SLO sees its events in the order they came, so its late tally, its latency sketches
 *       and its attribution get the same sequence.</li>
 *   <li>Everything held was admitted against one "now": the engine hands the batch over before
 *       "now" changes minute, the only change admission depends on. Under one "now", every event
 *       of a bucket gets the answer the first one got, so a run of one minute is added at once
 *       ({@link WindowCounts#addRun}) and is counted or too old as a whole.</li>
 *   <li>Attribution sums a run per operation and adds the sums in the order the operations first
 *       came, which is what the summary would hold after the single events whenever none of them
 *       has to make room; when one would, the run is added one event at a time
 *       ({@link BadSummary#addSums}).</li>
 * </ul>
 * Readers of the SLOs' state call {@link SloEngine#flush} first (the engine's own readers do).
 */
final class EventBatch {
  static final int CAPACITY = 4096;
  private static final long MINUTE_MILLIS = Resolution.MINUTE.bucketMillis();

  private final long[] millis = new long[CAPACITY];
  private final long[] minute = new long[CAPACITY];
  private final int[] status = new int[CAPACITY];
  private final double[] latency = new double[CAPACITY];
  private final int[] bin = new int[CAPACITY];
  private final Operation[] operation = new Operation[CAPACITY];
  private int size;

  private final SloState[] slos;
  /** Per SLO (by batch index), the indices of its events held; made on first use. */
  private final int[][] held;
  private final int[] heldCount;
  private final int[] touched;
  private int touchedCount;

  // Scratch of the SLO being applied: its counted (not excluded) events in order, whether each is bad
  // and admitted, their groups by bucket (linked in order), latency bins, buckets of a minute.
  private final int[] runEvents = new int[CAPACITY];
  private final boolean[] runBad = new boolean[CAPACITY];
  private final boolean[] admitted = new boolean[CAPACITY];
  private int counted;
  private long newestAdmitted;
  private final int[] next = new int[CAPACITY];
  private final long[] groupKey = new long[CAPACITY];
  private final int[] groupHead = new int[CAPACITY];
  private final int[] groupTail = new int[CAPACITY];
  private final int[] runBins = new int[CAPACITY];
  private final long[] runBuckets = new long[Resolution.VALUES.length];
  /** The distinct operations of a group, in the order they first came, with their sums in {@link Operation}. */
  final Operation[] runOperations = new Operation[CAPACITY];
  private long runMark;
  // Which group holds a bucket, open addressing: a stream in time order touches two or three
  // minutes per "now", but a topic written out of order can touch as many as the batch holds.
  private static final int TABLE_BITS = 14;
  private final long[] tableKey = new long[1 << TABLE_BITS];
  private final int[] tableGroup = new int[1 << TABLE_BITS];
  /** A slot is in use when it carries the current stamp: a new grouping starts without clearing the table. */
  private final int[] tableStamp = new int[1 << TABLE_BITS];
  private int stamp;

  EventBatch(SloState[] slos) {
    this.slos = slos;
    this.held = new int[slos.length][];
    this.heldCount = new int[slos.length];
    this.touched = new int[slos.length];
  }

  /** Holds an event for the operation's batched SLOs; returns whether the batch is now full. */
  boolean add(Operation op, long eventMillis, int eventStatus, double latencyMs, int latencyBin) {
    int e = size++;
    millis[e] = eventMillis;
    minute[e] = Math.floorDiv(eventMillis, MINUTE_MILLIS);
    status[e] = eventStatus;
    latency[e] = latencyMs;
    bin[e] = latencyBin;
    operation[e] = op;
    for (int s : op.batched) {
      int n = heldCount[s]++;
      if (n == 0) {
        touched[touchedCount++] = s;
        if (held[s] == null) {
          held[s] = new int[CAPACITY];
        }
      }
      held[s][n] = e;
    }
    return size == CAPACITY;
  }

  /** Hands every SLO its events held, admitted against {@code nowBuckets}, and empties the batch. */
  void flush(long[] nowBuckets) {
    for (int t = 0; t < touchedCount; t++) {
      int s = touched[t];
      apply(slos[s], held[s], heldCount[s], nowBuckets);
      heldCount[s] = 0;
    }
    touchedCount = 0;
    Arrays.fill(operation, 0, size, null);
    size = 0;
  }

  /** One SLO's events, in the order they came: as {@link SloState#record} one at a time. */
  private void apply(SloState slo, int[] events, int n, long[] nowBuckets) {
    ExclusionCalendar exclusions = slo.exclusions();
    Objective objective = slo.objective();
    LateTally late = slo.lateTally();
    counted = 0;
    newGrouping();
    int minutes = 0;
    int last = -1;
    for (int i = 0; i < n; i++) {
      int e = events[i];
      if (exclusions.excludes(millis[e])) {
        late.excluded();
        continue;
      }
      int k = counted++;
      runEvents[k] = e;
      runBad[k] = !objective.isGood(status[e], latency[e]);
      last = join(k, minute[e], last, minutes);
      minutes = Math.max(minutes, last + 1);
    }
    // Each minute's events to the rings at once: counted, or too old, all alike.
    boolean timed = slo.keepsLatencies();
    for (int g = 0; g < minutes; g++) {
      long good = 0;
      long total = 0;
      int bins = 0;
      for (int k = groupHead[g]; k >= 0; k = next[k]) {
        good += runBad[k] ? 0 : 1;
        total++;
        if (timed) {
          runBins[bins++] = bin[runEvents[k]];
        }
      }
      Resolution.fillBuckets(groupKey[g] * MINUTE_MILLIS, runBuckets);
      boolean counts = slo.counts().addRun(runBuckets, nowBuckets, good, total, runBins, bins);
      for (int k = groupHead[g]; k >= 0; k = next[k]) {
        admitted[k] = counts;
      }
    }
    newestAdmitted = Long.MIN_VALUE;
    for (int k = 0; k < counted; k++) {
      if (admitted[k]) {
        long at = millis[runEvents[k]];
        late.applied(at);
        newestAdmitted = Math.max(newestAdmitted, at);
      } else {
        late.tooOld();
      }
    }
    if (slo.attribution() != null) {
      slo.attribution().addBatch(this, nowBuckets);
    }
  }

  /**
   * Links the SLO's counted events (only those admitted, if asked) that share a bucket of
   * {@code bucketMillis}, each group in the order its events came ({@link #first}, {@link #next});
   * groups are numbered in the order they first appear. Returns how many there are.
   */
  int group(long bucketMillis, boolean admittedOnly) {
    newGrouping();
    int groups = 0;
    int last = -1;
    for (int k = 0; k < counted; k++) {
      if (!admittedOnly || admitted[k]) {
        last = join(k, Math.floorDiv(millis[runEvents[k]], bucketMillis), last, groups);
        groups = Math.max(groups, last + 1);
      }
    }
    return groups;
  }

  /** Appends counted event {@code k} to the group of {@code key} (new if none of the first {@code groups}); returns the group. */
  private int join(int k, long key, int last, int groups) {
    int g = last >= 0 && groupKey[last] == key ? last : groupOf(key, groups);
    if (g < 0) {
      g = groups;
      groupKey[g] = key;
      groupHead[g] = k;
    } else {
      next[groupTail[g]] = k;
    }
    groupTail[g] = k;
    next[k] = -1;
    return g;
  }

  private void newGrouping() {
    if (++stamp == Integer.MAX_VALUE) {
      Arrays.fill(tableStamp, 0);
      stamp = 1;
    }
  }

  /** The group of a bucket key, or -1 after making it the key of group {@code groups} (the next one). */
  private int groupOf(long key, int groups) {
    int mask = (1 << TABLE_BITS) - 1;
    int i = (int) (key * 0x9E3779B97F4A7C15L >>> (64 - TABLE_BITS));
    while (tableStamp[i] == stamp) {
      if (tableKey[i] == key) {
        return tableGroup[i];
      }
      i = (i + 1) & mask;
    }
    tableStamp[i] = stamp;
    tableKey[i] = key;
    tableGroup[i] = groups;
    return -1;
  }

  /** The newest time of the SLO's events admitted (Long.MIN_VALUE when none). */
  long newestAdmittedMillis() {
    return newestAdmitted;
  }

  long bucketOf(int group) {
    return groupKey[group];
  }

  int first(int group) {
    return groupHead[group];
  }

  int next(int k) {
    return next[k];
  }

  Operation operationOf(int k) {
    return operation[runEvents[k]];
  }

  boolean bad(int k) {
    return runBad[k];
  }

  /**
   * Sums a group's events per operation into {@link #runOperations} (each operation's
   * {@code runBad}, {@code runTotal}), in the order the operations first came; returns how many.
   */
  int sumByOperation(int group) {
    long mark = ++runMark;
    int distinct = 0;
    for (int k = groupHead[group]; k >= 0; k = next[k]) {
      Operation op = operation[runEvents[k]];
      if (op.runMark != mark) {
        op.runMark = mark;
        op.runBad = 0;
        op.runTotal = 0;
        runOperations[distinct++] = op;
      }
      op.runBad += runBad[k] ? 1 : 0;
      op.runTotal++;
    }
    return distinct;
  }
}
