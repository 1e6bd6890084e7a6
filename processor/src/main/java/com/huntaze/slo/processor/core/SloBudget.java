package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Budgeting;
import com.huntaze.slo.schemas.slo.CalendarWindow;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An SLO's budget from its buckets: the span it covers (the rolling window, or the calendar period
 * so far), the budgeting method, and the burn-down through the span. Everything is summed from the
 * buckets of one resolution in time order (integer counts, then one division per bucket for ratio
 * slices), so a replay and the live processor agree bit for bit.
 *
 * <p>Every method reduces to good units out of units: events (occurrences), slices with events
 * (timeslices: a slice is one good unit when its ratio reaches goodIf; ratioTimeslices: its ratio).
 * SLI = good / units; budget left = 1 - ((units - good) / units) / (1 - objective). Slices without
 * events count in neither (see {@link Budgeting}). The burn-down at instant t is the budget left had
 * the span ended at t, measured against the budget of the whole span so far:
 * {@code 1 - (bad units before t / units now) / (1 - objective)}. It starts at 1 and ends at the
 * budget left now; it falls only when bad units arrive.
 */
final class SloBudget {
  /** Points a burn-down carries at most: enough for a smooth chart, small enough for every status. */
  static final int MAX_POINTS = 200;
  private static final long[] NO_POINTS = {};
  private static final long HOUR = 3_600_000L;
  /**
   * The "current burn" a calendar projection extends to the period's end: the last day's, long
   * enough not to swing with every spike, short enough to follow a change (1d is published by every
   * calendar SLO: its nominal length is at least a week).
   */
  static final Duration PROJECTION_WINDOW = Duration.ofDays(1);

  private final Objective objective;
  private final Budgeting budgeting;
  private final Optional<CalendarWindow> calendar;
  private final Resolution resolution;
  /** Rolling windows: buckets the window spans at {@link #resolution}. */
  private final int windowBuckets;
  private final boolean slices;
  /** Timeslices: a slice is one good unit or none; ratioTimeslices (null): its ratio. */
  private final Budgeting.Timeslices threshold;

  SloBudget(SloDefinition slo, Objective objective) {
    this.objective = objective;
    this.budgeting = slo.budgeting();
    this.calendar = slo.calendar();
    this.slices = !(budgeting instanceof Budgeting.Occurrences);
    this.threshold = budgeting instanceof Budgeting.Timeslices t ? t : null;
    this.resolution = resolutionOf(slo);
    this.windowBuckets = resolution.bucketsFor(slo.window());
  }

  /**
   * The buckets the budget is summed from: the slice's for slice methods (a slice is a bucket),
   * hours for a calendar period (periods start on whole hours), else the rolling window's own.
   */
  private static Resolution resolutionOf(SloDefinition slo) {
    if (slo.budgeting() instanceof Budgeting.Occurrences) {
      return slo.calendar().isPresent() ? Resolution.HOUR : Resolution.forWindow(slo.window());
    }
    Duration slice = slo.budgeting().slice();
    for (Resolution r : Resolution.VALUES) {
      if (r.bucketMillis() == slice.toMillis()) {
        return r;
      }
    }
    throw new IllegalArgumentException("slice " + slice + " is not a bucket size (the loader accepts only those)");
  }

  /**
   * Adds to {@code keptBuckets} what the budget reads: its resolution over its longest span (a
   * period starts on a whole bucket, so its buckets are its length over the bucket size).
   */
  static void keep(SloDefinition slo, Map<Resolution, Integer> keptBuckets) {
    Resolution r = resolutionOf(slo);
    keptBuckets.merge(r, r.bucketsFor(slo.longestBudgetSpan()), Math::max);
  }

  /**
   * For a calendar SLO, the oldest minute any of its windows covers at a "now" minute: the period's
   * start, or the first bucket of its longest rolling window, whichever is older. It never moves
   * back as "now" moves on. Null for a rolling SLO: its rings keep exactly what its windows read.
   */
  java.util.function.LongUnaryOperator oldestCoveredMinute(SloWindows windows) {
    if (calendar.isEmpty()) {
      return null;
    }
    CalendarWindow period = calendar.get();
    return nowMinute -> {
      long nowMillis = nowMinute * Resolution.MINUTE.bucketMillis();
      long oldest = period.periodOf(nowMillis)[0];
      for (WindowSpec w : windows.all()) {
        long bucket = w.resolution().bucketMillis();
        oldest = Math.min(oldest, (Math.floorDiv(nowMillis, bucket) - w.buckets() + 1) * bucket);
      }
      return Math.floorDiv(oldest, Resolution.MINUTE.bucketMillis());
    };
  }

  /** Where the budget starts when evaluated at {@code atMillis}. */
  long spanStart(long atMillis) {
    return span(atMillis)[0];
  }

  /** {start, end}: the calendar period, or the rolling window's first bucket and 0 (it ends now). */
  private long[] span(long atMillis) {
    if (calendar.isPresent()) {
      return calendar.get().periodOf(atMillis);
    }
    return new long[] {(resolution.bucketOf(atMillis) - windowBuckets + 1) * resolution.bucketMillis(), 0};
  }

  /**
   * @param recentBurn the burn rate of the last day in events, for the projection of an occurrences
   *     budget (empty = no events: nothing burns); slices project from the last day's slices
   * @param withBurnDown whether to list the burn-down: group instances leave it out, since up to 200
   *     points per group would make every group's status kilobytes long, thousands of times per emit
   */
  BudgetReport evaluate(WindowCounts counts, long atMillis, OptionalDouble recentBurn, boolean withBurnDown) {
    long[] span = span(atMillis);
    long start = span[0];
    long end = span[1];
    long first = resolution.bucketOf(start);
    long now = resolution.bucketOf(atMillis);
    // A calendar budget in slices projects from the last day's slices, which may begin before the
    // period: the same pass over the ring sums them.
    long dayFirst = slices && end != 0 ? now - resolution.bucketsFor(PROJECTION_WINDOW) + 1 : Long.MAX_VALUE;
    Tally tally = new Tally(withBurnDown ? pointTimes(start, atMillis) : NO_POINTS, first, dayFirst);
    BucketRing ring = counts.ring(resolution);
    if (objective.isRatio() && ring != null) {
      ring.forEach(Math.min(first, dayFirst), now, tally);
    }
    OptionalDouble elapsed = elapsed(start, end, atMillis);
    if (tally.units == 0) {
      OptionalDouble none = OptionalDouble.empty();
      return new BudgetReport(budgeting.kind(), start, end, none, none, elapsed, none, List.of(), 0, 0);
    }
    double remaining = objective.remaining(tally.units - tally.good, tally.units);
    OptionalDouble projected = OptionalDouble.empty();
    if (elapsed.isPresent()) {
      // In the budget's own units: the events' burn would project a budget counted in slices from
      // another measure (every slice good, yet projected to run out).
      double burn = !slices ? recentBurn.orElse(0) : tally.dayUnits == 0 ? 0 : objective.burn(tally.dayUnits - tally.dayGood, tally.dayUnits);
      projected = OptionalDouble.of(1 - ((1 - remaining) * elapsed.getAsDouble() + burn * (1 - elapsed.getAsDouble())));
    }
    List<BudgetReport.Point> burnDown = new ArrayList<>(withBurnDown ? tally.times.length + 1 : 0);
    for (int i = 0; withBurnDown && i < tally.times.length; i++) {
      burnDown.add(new BudgetReport.Point(tally.times[i], objective.remaining(i < tally.next ? tally.badAt[i] : tally.units - tally.good,
          tally.units)));
    }
    if (withBurnDown) {
      burnDown.add(new BudgetReport.Point(atMillis, remaining));
    }
    return new BudgetReport(budgeting.kind(), start, end, OptionalDouble.of(tally.good / tally.units),
        OptionalDouble.of(remaining), elapsed, projected, burnDown, tally.spanGood, tally.spanEvents);
  }

  /** The burn-down's instants before now: every hour from the span start, or every few hours to stay within {@link #MAX_POINTS}. */
  private static long[] pointTimes(long start, long atMillis) {
    long hours = Math.max(1, -Math.floorDiv(-(atMillis - start), HOUR));
    long step = HOUR * Math.max(1, -Math.floorDiv(-hours, MAX_POINTS - 2));
    int n = (int) Math.max(0, -Math.floorDiv(-(atMillis - start), step));
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = start + i * step;
    }
    return times;
  }

  /**
   * Sums units and good units over the buckets in time order and, at each burn-down instant, the bad
   * units of the buckets that ended by then (a bucket counts at an instant once it has ended); and
   * apart, the units and good units from {@code dayFirst} on, for a projection in slices.
   */
  private final class Tally implements BucketRing.BucketVisitor {
    final long[] times;
    final double[] badAt;
    private final long spanFirst;
    private final long dayFirst;
    int next;
    double units;
    double good;
    long spanGood;
    long spanEvents;
    double dayUnits;
    double dayGood;

    Tally(long[] times, long spanFirst, long dayFirst) {
      this.times = times;
      this.badAt = new double[times.length];
      this.spanFirst = spanFirst;
      this.dayFirst = dayFirst;
    }

    @Override
    public void visit(long bucket, long goodEvents, long total) {
      if (total == 0) {
        return; // a slice without events: neither good nor bad
      }
      double bucketUnits = slices ? 1 : total;
      double bucketGood = !slices ? goodEvents
          : threshold != null ? (goodEvents / (double) total >= threshold.goodIf() ? 1 : 0) : goodEvents / (double) total;
      if (bucket >= dayFirst) {
        dayUnits += bucketUnits;
        dayGood += bucketGood;
      }
      if (bucket < spanFirst) {
        return; // the last day's, before the period
      }
      long bucketEnd = (bucket + 1) * resolution.bucketMillis();
      while (next < times.length && times[next] < bucketEnd) {
        badAt[next++] = units - good;
      }
      spanGood += goodEvents;
      spanEvents += total;
      units += bucketUnits;
      good += bucketGood;
    }
  }

  private static OptionalDouble elapsed(long start, long end, long atMillis) {
    return end == 0 ? OptionalDouble.empty() : OptionalDouble.of((atMillis - start) / (double) (end - start));
  }
}
