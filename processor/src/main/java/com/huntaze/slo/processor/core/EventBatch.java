package com.huntaze.slo.processor.core;

import java.util.Arrays;

/**
 * Events held back and handed to each SLO as a list, a replay's fast path: per event the engine
 * stores five numbers, its operation and the "now" it was admitted against, and appends the
 * event's index to the list of each SLO covering it. Each SLO then goes through its list in a
 * tight loop, adding all its events of one minute to its rings and attribution in one go.
 *
 * <p>The SLOs end up exactly as if every event had been recorded on its own ({@link SloState#record}):
 * <ul>
 *   <li>An SLO sees its events in the order they came, so its late tally, its latency sketches
 *       and its attribution get the same sequence.</li>
 *   <li>A batch spans several "now"s (minutes of the stream time). An SLO's events are taken at
 *       once when no ring would admit any of their buckets differently under the oldest and the
 *       newest of them; otherwise in runs of one "now" each ({@link #applyHeld}). Under one
 *       admission, every event of a bucket gets the answer the first one got, so a minute's
 *       events are added at once ({@link WindowCounts#addRun}) and counted or too old as a whole.</li>
 *   <li>Attribution sums a bucket's events per operation and adds the sums in the order the operations first
 *       came, which is what the summary would hold after the single events whenever none of them
 *       has to make room; when one would, the events are added one at a time
 *       ({@link BadSummary#addSums}).</li>
 * </ul>
 * Readers of the SLOs' state call {@link SloEngine#flush} first (the engine's own readers do).
 * {@code EventBatchTest} compares both ways record by record.
 */
final class EventBatch {
  static final int CAPACITY = 4096;
  /** "Now" minutes one batch spans at most. */
  private static final int NOWS = 64;
  private static final int M = Resolution.MINUTE.ordinal();

  final long[] millis = new long[CAPACITY];
  final long[] minute = new long[CAPACITY];
  final int[] status = new int[CAPACITY];
  final double[] latency = new double[CAPACITY];
  final int[] bin = new int[CAPACITY];
  final Operation[] operation = new Operation[CAPACITY];
  /** Per event the "now" it was admitted against, an index into {@link #nows}. */
  private final int[] nowOf = new int[CAPACITY];
  private int size;
  /** The buckets of each "now" minute the events held were admitted against, oldest first. */
  private final long[][] nows = new long[NOWS][Resolution.VALUES.length];
  private int nowCount;

  private final SloState[] slos;
  /** Per SLO (by batch index), the indices of its events held; made on first use. */
  private final int[][] held;
  private final int[] heldCount;
  private final int[] touched;
  private int touchedCount;

  /** One SLO's events at a time, as they are applied. */
  private final SloRun run = new SloRun(this);

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
    minute[e] = Math.floorDiv(eventMillis, Resolution.MINUTE.bucketMillis());
    status[e] = eventStatus;
    latency[e] = latencyMs;
    bin[e] = latencyBin;
    operation[e] = op;
    nowOf[e] = nowCount - 1;
    for (int s : op.batched) {
      int n = heldCount[s]++;
      if (n == 0) {
        touched[touchedCount++] = s;
        if (held[s] == null) {
          held[s] = new int[64];
        }
      } else if (n == held[s].length) {
        held[s] = Arrays.copyOf(held[s], Math.min(CAPACITY, 2 * n));
      }
      held[s][n] = e;
    }
    return size == CAPACITY;
  }

  /**
   * The "now" events added from here on are admitted against. Events of several "now"s stay held
   * together (see {@link #applyHeld}); a batch is handed over first when it holds as many "now"s as
   * it can, or when "now" goes back (a clock, not a replay's stream time).
   */
  void moveNow(long[] nowBuckets) {
    if (nowCount == NOWS || nowCount > 0 && nowBuckets[M] < nows[nowCount - 1][M]) {
      flush();
      nowCount = 0;
    }
    System.arraycopy(nowBuckets, 0, nows[nowCount++], 0, nowBuckets.length);
  }

  /** Hands every SLO its events held and empties the batch. */
  void flush() {
    for (int t = 0; t < touchedCount; t++) {
      int s = touched[t];
      applyHeld(slos[s], held[s], heldCount[s]);
      heldCount[s] = 0;
    }
    touchedCount = 0;
    Arrays.fill(operation, 0, size, null);
    size = 0;
    if (nowCount > 1) { // the latest "now" still holds for the events to come
      System.arraycopy(nows[nowCount - 1], 0, nows[0], 0, nows[0].length);
      nowCount = 1;
    }
  }

  /**
   * One SLO's events held, admitted against one or more "now"s. They are taken at once under the
   * latest "now" when none of their buckets would be admitted differently under the "now" of the
   * SLO's first event: a ring refuses more as "now" moves on, never less, so every "now" between
   * agrees too. Then every bucket they touch is kept (or refused) by every ring all along, no two
   * of them share a slot, and the rings end up as if each had been added under its own "now".
   * Otherwise (a bucket at the far end of a window), they are taken in runs of one "now" each.
   */
  private void applyHeld(SloState slo, int[] events, int n) {
    long[] latest = nows[nowCount - 1];
    long[] first = nows[nowOf[events[0]]];
    run.classify(slo, events, 0, n);
    if (first == latest || run.admitsAlike(slo, first, latest)) {
      run.apply(slo, latest);
      return;
    }
    for (int from = 0; from < n; ) {
      int now = nowOf[events[from]];
      int to = from + 1;
      while (to < n && nowOf[events[to]] == now) {
        to++;
      }
      run.classify(slo, events, from, to);
      run.apply(slo, nows[now]);
      from = to;
    }
  }

}
