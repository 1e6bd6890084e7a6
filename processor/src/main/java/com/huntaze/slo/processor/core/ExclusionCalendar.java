package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Exclusion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Answers "does this SLO count an event at this instant?" from its exclusions, on the per-event
 * path: the excluded intervals of one UTC day are computed once and kept until an event of another
 * day comes, so a steady stream costs a comparison or two per event (and nothing without exclusions).
 */
final class ExclusionCalendar {
  private static final long DAY_MILLIS = 86_400_000L;

  private final List<Exclusion> exclusions;
  /** The common case, answered from this object alone (asking the list is one more cache miss per event and SLO). */
  private final boolean none;
  private long cachedDay = Long.MIN_VALUE;
  private List<Exclusion.Interval> cached = List.of();

  ExclusionCalendar(List<Exclusion> exclusions) {
    this.exclusions = List.copyOf(exclusions);
    this.none = exclusions.isEmpty();
  }

  boolean excludes(long millis) {
    if (none) {
      return false;
    }
    long day = Math.floorDiv(millis, DAY_MILLIS);
    if (day != cachedDay) {
      cached = intervals(day * DAY_MILLIS, (day + 1) * DAY_MILLIS);
      cachedDay = day;
    }
    for (Exclusion.Interval interval : cached) {
      if (interval.covers(millis)) {
        return true;
      }
    }
    return false;
  }

  /** Every excluded interval overlapping [fromMillis, toMillis), in time order. */
  List<Exclusion.Interval> intervals(long fromMillis, long toMillis) {
    if (exclusions.isEmpty()) {
      return List.of();
    }
    List<Exclusion.Interval> out = new ArrayList<>();
    for (Exclusion e : exclusions) {
      out.addAll(e.intervals(fromMillis, toMillis));
    }
    out.sort(Comparator.comparingLong(Exclusion.Interval::fromMillis));
    return out;
  }
}
