package com.huntaze.slo.exporter.view;

import java.time.Instant;
import java.util.List;

/**
 * What became of an SLO's events besides counting on time: late ones (applied: they count in
 * every window still covering them), refused ones (older than every window, or too far ahead), and
 * those of excluded periods (maintenance, corrections), with the excluded periods themselves.
 *
 * @param lastLatenessMs how far behind the newest event the latest late one was; null = none yet
 * @param excludedPeriods the excluded periods of the SLO window up to the evaluation, oldest first
 */
public record EventAdmissions(long lateApplied, Long lastLatenessMs, long rejectedTooOld, long rejectedTooFarAhead,
                              long excluded, List<ExcludedPeriod> excludedPeriods) {
  public static final EventAdmissions NONE = new EventAdmissions(0, null, 0, 0, 0, List.of());

  public EventAdmissions {
    excludedPeriods = List.copyOf(excludedPeriods);
  }

  public long rejected() {
    return rejectedTooOld + rejectedTooFarAhead;
  }

  /** Whether an excluded period covers {@code at}: the SLO's alerts hold their fire then. */
  public boolean excludedAt(Instant at) {
    return excludedPeriods.stream().anyMatch(p -> !at.isBefore(p.from()) && at.isBefore(p.to()));
  }

  public record ExcludedPeriod(Instant from, Instant to, String reason) {
  }
}
