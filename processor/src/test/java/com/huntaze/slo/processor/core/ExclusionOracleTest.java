package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.processor.Oracle;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random streams across the end of daylight-saving time in Paris (2026-10-25) with one-off and
 * recurring exclusions: every window equals a brute-force count that skips the excluded instants
 * (written from the documented definition: a recurring period starts at its local time on each of
 * its days and lasts its length in elapsed time), the excluded count is exact, and no alert fires
 * while an exclusion lasts.
 */
class ExclusionOracleTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Instant ONCE_FROM = Instant.parse("2026-10-22T09:00:00Z");
  private static final Instant ONCE_TO = Instant.parse("2026-10-22T11:30:00Z");
  private static final String SLOS = """
      exclude:
        - {from: 2026-10-22T09:00:00Z, to: 2026-10-22T11:30:00Z, reason: "planned DB migration"}
      slos:
        - name: api
          service: s
          objective: 99
          window: 7d
          sli: {availability: {}}
          alerting: {threshold: 98}
          exclude:
            - {every: week, on: [sun], at: "02:00", for: 2h, timeZone: Europe/Paris, reason: "weekly maintenance"}
            - {every: day, at: "23:30", for: 45m, timeZone: Europe/Paris, reason: "nightly batch"}
      """;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void shouldCountOnlyWhatNoExclusionCoversAndHoldAlertsDuringOne(long seed) throws Exception {
    SloDefinition slo = SloConfigLoader.parse("test", SLOS).slos().get(0);
    SloState state = new SloState(slo, EngineSettings.DEFAULTS);
    Random random = new Random(seed);
    long start = Instant.parse("2026-10-20T00:00:00Z").toEpochMilli();
    long end = Instant.parse("2026-10-28T00:00:00Z").toEpochMilli();
    List<long[]> counted = new ArrayList<>(); // {time, good}
    long excluded = 0;
    int evaluationsInside = 0;
    int firingOutside = 0;
    for (long now = start; now < end; now += 5 * 60_000L) {
      for (int i = random.nextInt(40); i > 0; i--) {
        long t = now - random.nextInt(300_000);
        boolean bad = random.nextInt(10) == 0;
        state.record(t, now, bad ? 503 : 200, 10);
        if (excluded(t)) {
          excluded++;
        } else {
          counted.add(new long[] {t, bad ? 0 : 1});
        }
      }
      Evaluation e = state.evaluate(now, new ArrayList<>());
      if (random.nextInt(20) == 0 || excluded(now)) {
        check(e, counted, excluded);
      }
      if (!excluded(now) && e.alerts().stream().anyMatch(Evaluation.AlertStatus::firing)) {
        firingOutside++;
      }
      if (excluded(now)) {
        evaluationsInside++;
        assertTrue(e.alerts().stream().noneMatch(Evaluation.AlertStatus::firing), "no alert fires during an exclusion at " + Instant.ofEpochMilli(now));
        assertTrue(e.excludedNow());
      }
    }
    assertTrue(evaluationsInside > 50, "evaluations inside exclusions: " + evaluationsInside);
    assertTrue(firingOutside > 50, "the same traffic pages outside exclusions: " + firingOutside);
    assertTrue(excluded > 0);
  }

  /** The definition, from the file above: the one-off period, Sundays 02:00-04:00 Paris time, daily 23:30 + 45m Paris time. */
  private static boolean excluded(long t) {
    Instant at = Instant.ofEpochMilli(t);
    if (!at.isBefore(ONCE_FROM) && at.isBefore(ONCE_TO)) {
      return true;
    }
    LocalDate today = at.atZone(PARIS).toLocalDate();
    for (LocalDate day : List.of(today.minusDays(1), today)) {
      if (within(at, day, LocalTime.of(23, 30), Duration.ofMinutes(45))
          || day.getDayOfWeek() == java.time.DayOfWeek.SUNDAY && within(at, day, LocalTime.of(2, 0), Duration.ofHours(2))) {
        return true;
      }
    }
    return false;
  }

  private static boolean within(Instant at, LocalDate day, LocalTime time, Duration length) {
    Instant from = ZonedDateTime.of(day, time, PARIS).toInstant();
    return !at.isBefore(from) && at.isBefore(from.plus(length));
  }

  private static void check(Evaluation e, List<long[]> counted, long excluded) {
    for (WindowResult w : e.windows()) {
      Oracle window = Oracle.window(w.window().duration(), e.atMillis());
      long total = 0;
      long good = 0;
      for (long[] c : counted) {
        if (window.covers(c[0])) {
          total++;
          good += c[1];
        }
      }
      String where = w.window().label() + " at " + Instant.ofEpochMilli(e.atMillis());
      assertEquals(total, w.total(), where + " total");
      assertEquals(good, w.good(), where + " good");
    }
    assertEquals(excluded, e.late().excluded(), "excluded events");
    assertFalse(e.excludedPeriods().isEmpty(), "the window lists its excluded periods");
  }
}
