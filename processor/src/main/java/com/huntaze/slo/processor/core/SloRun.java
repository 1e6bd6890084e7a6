package com.huntaze.slo.processor.core;

/**
 * One SLO's run of events held in an {@link EventBatch}, applied as {@link SloState#record} would
 * apply them one at a time ({@link EventBatch} says why the state ends up the same): classified and
 * grouped by minute, each minute added to the rings at once, the late tally in order, then
 * attribution, which reads the run back by bucket ({@link #group}, {@link #sumByOperation}).
 */
final class SloRun {
  private static final long MINUTE_MILLIS = Resolution.MINUTE.bucketMillis();
  private static final int CAPACITY = EventBatch.CAPACITY;

  private final EventBatch batch;
  // The SLO being applied: its counted (not excluded) events in order, whether each is bad
  // and admitted, their groups by minute or bucket (linked in order), latency bins, buckets of a minute.
  private final int[] runEvents = new int[CAPACITY];
  private final boolean[] runBad = new boolean[CAPACITY];
  private final boolean[] admitted = new boolean[CAPACITY];
  private int counted;
  private long excludedCount;
  private int minutes;
  private long newestAdmitted;
  private final KeyGroups groups = new KeyGroups(CAPACITY);
  private final int[] runBins = new int[CAPACITY];
  /** Per counted event its minute group; per minute group its counts and whether the rings took it. */
  private final int[] runGroup = new int[CAPACITY];
  private final long[] groupTotal = new long[CAPACITY];
  private final long[] groupBad = new long[CAPACITY];
  private final boolean[] groupAdmitted = new boolean[CAPACITY];
  private boolean admittedAll;
  private long firstMinute;
  private long lastMinute;
  private final long[] runBuckets = new long[Resolution.VALUES.length];
  /** The distinct operations of a group, in the order they first came, with their sums in {@link Operation}. */
  final Operation[] runOperations = new Operation[CAPACITY];
  private long runMark;

  SloRun(EventBatch batch) {
    this.batch = batch;
  }

  /** Whether no ring would admit any minute {@link #classify} found differently under {@code nowA} and the later {@code nowB}. */
  boolean admitsAlike(SloState slo, long[] nowA, long[] nowB) {
    if (minutes == 0) {
      return true;
    }
    // Usually every ring keeps even the oldest minute under the later "now", and so all of them under both.
    Resolution.fillBuckets(firstMinute * MINUTE_MILLIS, runBuckets);
    if (slo.counts().keepsAll(runBuckets, nowB) && (slo.attribution() == null || slo.attribution().keepsAll(runBuckets, nowB))) {
      return true;
    }
    for (int g = 0; g < minutes; g++) {
      Resolution.fillBuckets(groups.key(g) * MINUTE_MILLIS, runBuckets);
      if (!slo.counts().admitsAlike(runBuckets, nowA, nowB)
          || slo.attribution() != null && !slo.attribution().admitsAlike(runBuckets, nowA, nowB)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Events {@code from} to {@code to} (excluded) of an SLO's list: the counted ones (not in an
   * exclusion) in order, whether each is bad, linked by minute with each minute's counts.
   */
  void classify(SloState slo, int[] events, int from, int to) {
    ExclusionCalendar exclusions = slo.exclusions();
    Objective objective = slo.objective();
    counted = 0;
    excludedCount = 0;
    groups.start(batch.minute[events[from]]);
    for (int i = from; i < to; i++) {
      int e = events[i];
      if (exclusions.excludes(batch.millis[e])) {
        excludedCount++;
        continue;
      }
      int k = counted++;
      runEvents[k] = e;
      boolean bad = !objective.isGood(batch.status[e], batch.latency[e]);
      runBad[k] = bad;
      int g = groups.join(k, batch.minute[e]);
      if (groups.first(g) == k) { // a new minute
        groupTotal[g] = 0;
        groupBad[g] = 0;
      }
      runGroup[k] = g;
      groupTotal[g]++;
      groupBad[g] += bad ? 1 : 0;
    }
    firstMinute = Long.MAX_VALUE;
    lastMinute = Long.MIN_VALUE;
    for (int g = 0; g < groups.count(); g++) {
      firstMinute = Math.min(firstMinute, groups.key(g));
      lastMinute = Math.max(lastMinute, groups.key(g));
    }
    minutes = groups.count();
  }

  /** The events {@link #classify} linked, as {@link SloState#record} one at a time under {@code nowBuckets}. */
  void apply(SloState slo, long[] nowBuckets) {
    LateTally late = slo.lateTally();
    late.excluded(excludedCount);
    // Each minute's events to the rings at once: counted, or too old, all alike.
    boolean timed = slo.keepsLatencies();
    for (int g = 0; g < minutes; g++) {
      int bins = 0;
      for (int k = timed ? groups.first(g) : -1; k >= 0; k = groups.next(k)) {
        runBins[bins++] = batch.bin[runEvents[k]];
      }
      Resolution.fillBuckets(groups.key(g) * MINUTE_MILLIS, runBuckets);
      groupAdmitted[g] = slo.counts().addRun(runBuckets, nowBuckets, groupTotal[g] - groupBad[g], groupTotal[g], runBins, bins);
    }
    newestAdmitted = Long.MIN_VALUE;
    admittedAll = true;
    for (int k = 0; k < counted; k++) {
      boolean counts = groupAdmitted[runGroup[k]];
      admitted[k] = counts;
      if (counts) {
        long at = batch.millis[runEvents[k]];
        late.applied(at);
        newestAdmitted = Math.max(newestAdmitted, at);
      } else {
        late.tooOld();
        admittedAll = false;
      }
    }
    if (slo.attribution() != null) {
      slo.attribution().addBatch(this, nowBuckets);
    }
  }

  /**
   * Groups the SLO's counted events (only those admitted, if asked) by bucket of
   * {@code bucketMillis}, each group in the order its events came ({@link #first}, {@link #next});
   * groups are numbered in the order they first appear. Returns how many there are.
   */
  int group(long bucketMillis, boolean admittedOnly) {
    if (counted == 0) {
      return 0;
    }
    if (admittedAll && oneBucket(bucketMillis)) { // the usual case
      groups.startOne(Math.floorDiv(batch.millis[runEvents[0]], bucketMillis), counted);
      return 1;
    }
    groups.start(Math.floorDiv(batch.millis[runEvents[0]], bucketMillis));
    for (int k = 0; k < counted; k++) {
      if (!admittedOnly || admitted[k]) {
        groups.join(k, Math.floorDiv(batch.millis[runEvents[k]], bucketMillis));
      }
    }
    return groups.count();
  }

  /** Whether the SLO's counted events all fall in one bucket of {@code bucketMillis} (a whole number of minutes). */
  private boolean oneBucket(long bucketMillis) {
    return Math.floorDiv(firstMinute * MINUTE_MILLIS, bucketMillis) == Math.floorDiv(lastMinute * MINUTE_MILLIS, bucketMillis);
  }

  /** The newest time of the SLO's events admitted (Long.MIN_VALUE when none). */
  long newestAdmittedMillis() {
    return newestAdmitted;
  }

  long bucketOf(int group) {
    return groups.key(group);
  }

  int first(int group) {
    return groups.first(group);
  }

  int next(int k) {
    return groups.next(k);
  }

  Operation operationOf(int k) {
    return batch.operation[runEvents[k]];
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
    for (int k = groups.first(group); k >= 0; k = groups.next(k)) {
      Operation op = batch.operation[runEvents[k]];
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
