package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A calendar SLO's hour ring keeps the unit's longest period (31 days and an hour for a month), but
 * on most days its windows (the period so far and the rolling window of its nominal length) read
 * less: an event older than all of them counts nowhere, and must be refused as too old, never
 * tallied as applied.
 */
class CalendarTooOldTest {
  private static final long DAY = 86_400_000L;

  @Test
  void shouldRefuseAnEventOfAMonthlySloThatNoWindowCoversAsTooOld() throws Exception {
    SloDefinition slo = SloConfigLoader.parse("t", """
        slos:
          - {name: monthly, service: s, objective: 99, window: {calendar: month}, sli: {availability: {}}}
        """).slos().get(0);
    long now = Instant.parse("2026-12-03T10:21:00Z").toEpochMilli();
    SloState state = new SloState(slo, EngineSettings.DEFAULTS);
    assertEquals(SloState.Admission.APPLIED, state.record(now - 1000, now, 200, 5));
    // 29 days back: in the rolling 30d window
    assertEquals(SloState.Admission.APPLIED_LATE, state.record(now - 29 * DAY, now, 500, 5));
    // 30 days and 12 hours back: before the period (Dec 1) and the 30d window, within the 31d ring
    assertEquals(SloState.Admission.TOO_OLD, state.record(now - 30 * DAY - 12 * 3_600_000L, now, 500, 5));
    // the rolling 30d window's first hour bucket, at 10:21 on Dec 3: Nov 3 11:00, its first and last millisecond before it
    long rollingStart = Instant.parse("2026-11-03T11:00:00Z").toEpochMilli();
    assertEquals(SloState.Admission.APPLIED_LATE, state.record(rollingStart, now, 200, 5));
    assertEquals(SloState.Admission.TOO_OLD, state.record(rollingStart - 1, now, 200, 5));
    // 40 days back: refused before and after
    assertEquals(SloState.Admission.TOO_OLD, state.record(now - 40 * DAY, now, 500, 5));

    Evaluation e = state.evaluate(now, new java.util.ArrayList<>());
    assertEquals(3, e.window(java.time.Duration.ofDays(30)).orElseThrow().total(), "the 30d window: the three covered events");
    assertEquals(2, e.late().appliedLate(), "only the covered late events are tallied as applied");
    assertEquals(3, e.late().rejectedTooOld(), "every event no window covers is refused, counted");
  }
}
