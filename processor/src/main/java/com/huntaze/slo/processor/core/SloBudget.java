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

  /** Where the budget starts when evaluated at {@code atMillis}. */
  long spanStart(long atMillis) {
    if (calendar.isPresent()) {
      return calendar.get().periodOf(atMillis)[0];
    }
    return (resolution.bucketOf(atMillis) - windowBuckets + 1) * resolution.bucketMillis();
  }

  /** @param recentBurn the burn rate of the last day, for the projection (empty = no events: nothing burns) */
  BudgetReport evaluate(WindowCounts counts, long atMillis, OptionalDouble recentBurn) {
    long start = spanStart(atMillis);
    long end = calendar.isPresent() ? calendar.get().periodOf(atMillis)[1] : 0;
    long first = resolution.bucketOf(start);
    long last = resolution.bucketOf(atMillis);
    // Cumulative units and good units at the end of each bucket that holds counts, in time order.
    List<double[]> steps = new ArrayList<>();
    double[] sums = new double[2];
    BucketRing ring = counts.ring(resolution);
    if (objective.isRatio() && ring != null) {
      ring.forEach(first, last, (bucket, good, total) -> {
        if (total == 0) {
          return; // a slice without events: neither good nor bad
        }
        sums[0] += slices ? 1 : total;
        sums[1] += !slices ? good : threshold != null ? (good / (double) total >= threshold.goodIf() ? 1 : 0) : good / (double) total;
        steps.add(new double[] {(bucket + 1) * resolution.bucketMillis(), sums[0], sums[1]});
      });
    }
    double units = sums[0];
    if (units == 0) {
      OptionalDouble none = OptionalDouble.empty();
      return new BudgetReport(budgeting.kind(), start, end, none, none, elapsed(start, end, atMillis), none, List.of());
    }
    double remaining = remaining(units - sums[1], units);
    OptionalDouble elapsed = elapsed(start, end, atMillis);
    OptionalDouble projected = elapsed.isEmpty() ? OptionalDouble.empty()
        : OptionalDouble.of(1 - ((1 - remaining) * elapsed.getAsDouble() + recentBurn.orElse(0) * (1 - elapsed.getAsDouble())));
    return new BudgetReport(budgeting.kind(), start, end, OptionalDouble.of(sums[1] / units), OptionalDouble.of(remaining),
        elapsed, projected, burnDown(steps, start, atMillis, units, remaining));
  }

  private double remaining(double badUnits, double units) {
    return 1 - (badUnits / units) / objective.allowedBadShare();
  }

  private static OptionalDouble elapsed(long start, long end, long atMillis) {
    return end == 0 ? OptionalDouble.empty() : OptionalDouble.of((atMillis - start) / (double) (end - start));
  }

  /** Points every {@code step} hours from the span start, then now; a bucket counts at a point once it has ended. */
  private List<BudgetReport.Point> burnDown(List<double[]> steps, long start, long atMillis, double units, double now) {
    long hours = Math.max(1, -Math.floorDiv(-(atMillis - start), HOUR));
    long step = HOUR * Math.max(1, -Math.floorDiv(-hours, MAX_POINTS - 2));
    List<BudgetReport.Point> points = new ArrayList<>();
    int next = 0;
    double bad = 0;
    for (long t = start; t < atMillis; t += step) {
      while (next < steps.size() && steps.get(next)[0] <= t) {
        bad = steps.get(next)[1] - steps.get(next)[2];
        next++;
      }
      points.add(new BudgetReport.Point(t, remaining(bad, units)));
    }
    points.add(new BudgetReport.Point(atMillis, now));
    return points;
  }
}
