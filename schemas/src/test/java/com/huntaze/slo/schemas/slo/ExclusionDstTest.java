package com.huntaze.slo.schemas.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Recurring exclusions across daylight-saving changes, as docs/processor.md states them. */
class ExclusionDstTest {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  static Exclusion.Interval only(Exclusion e, String from, String to) {
    List<Exclusion.Interval> found = e.intervals(Instant.parse(from).toEpochMilli(), Instant.parse(to).toEpochMilli());
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  @Test
  void shouldStartAPeriodInTheSkippedSpringHourAtTheFirstValidTimeAfterIt() {
    // 2026-03-29, Paris: 02:00 CET -> 03:00 CEST. "02:30" does not exist that day; the first valid
    // time after it is 03:00 CEST = 01:00Z, and 1h of elapsed time ends at 02:00Z.
    Exclusion.Recurring weekly = new Exclusion.Recurring(Exclusion.Recurring.Every.WEEK, Set.of(DayOfWeek.SUNDAY),
        LocalTime.of(2, 30), Duration.ofHours(1), PARIS, "weekly");
    Exclusion.Interval i = only(weekly, "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z");
    assertEquals(Instant.parse("2026-03-29T01:00:00Z").toEpochMilli(), i.fromMillis());
    assertEquals(Instant.parse("2026-03-29T02:00:00Z").toEpochMilli(), i.toMillis());
  }

  @Test
  void shouldKeepOrdinaryDaysAndTheRepeatedAutumnHourAsBefore() {
    Exclusion.Recurring weekly = new Exclusion.Recurring(Exclusion.Recurring.Every.WEEK, Set.of(DayOfWeek.SUNDAY),
        LocalTime.of(2, 30), Duration.ofHours(1), PARIS, "weekly");
    // the week before: 02:30 CET = 01:30Z
    assertEquals(Instant.parse("2026-03-22T01:30:00Z").toEpochMilli(),
        only(weekly, "2026-03-21T12:00:00Z", "2026-03-22T12:00:00Z").fromMillis());
    // 2026-10-25: 02:30 happens twice; the first (CEST, 00:30Z)
    assertEquals(Instant.parse("2026-10-25T00:30:00Z").toEpochMilli(),
        only(weekly, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z").fromMillis());
  }
}
