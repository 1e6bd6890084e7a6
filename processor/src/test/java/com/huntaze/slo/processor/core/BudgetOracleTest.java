package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.processor.Oracle;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Calendar periods and budgeting methods against a brute-force count written from the documented
 * definitions (docs/processor.md, "Calendar windows and budgeting"), sharing no production code:
 * a calendar month starts at local midnight of its first day in its zone; a slice is the slice-long
 * stretch of time it names; slices without events count in neither; timeslices: a slice is good when
 * good / events >= goodIf; ratioTimeslices: the mean of the slices' ratios; budget left =
 * 1 - (1 - SLI) / (1 - objective); the burn-down at t counts bad units of slices (or events) ended
 * by t against the units so far. Traffic is random, with quiet stretches (empty slices) and a late
 * backlog, across a month boundary and the end of summer time in both zones.
 */
class BudgetOracleTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', textBlock = """
      Europe/Paris     | month   | occurrences
      America/New_York | month   | occurrences
      Europe/Paris     | month   | '{timeslices: {slice: 1m, goodIf: 95}}'
      America/New_York | week    | '{timeslices: {slice: 10m, goodIf: 90}}'
      Europe/Paris     | week    | '{ratioTimeslices: {slice: 1h}}'
      America/New_York | month   | ratioTimeslices
      UTC              | rolling | '{timeslices: {slice: 1m, goodIf: 95}}'
      UTC              | rolling | ratioTimeslices
      UTC              | rolling | occurrences
      """)
  void shouldEqualTheOracleAcrossPeriodBoundariesAndClockChanges(String zone, String unit, String budgeting) throws Exception {
    String window = unit.equals("rolling") ? "7d" : "{calendar: " + unit + ", timeZone: " + zone + "}";
    SloDefinition slo = SloConfigLoader.parse("test", "slos:\n  - {name: a, service: s, objective: 98, window: " + window
        + ", sli: {availability: {}}, budgeting: " + budgeting + "}").slos().get(0);
    SloState state = new SloState(slo, EngineSettings.DEFAULTS);
    Random random = new Random(zone.hashCode() * 31L + unit.hashCode() + budgeting.hashCode());
    long start = Instant.parse("2026-10-20T00:00:00Z").toEpochMilli();
    long end = Instant.parse("2026-11-09T00:00:00Z").toEpochMilli();
    List<long[]> events = new ArrayList<>(); // {time, good}
    int checked = 0;
    boolean sawReset = false;
    for (long now = start; now < end; now += 7 * MINUTE) {
      boolean quiet = Math.floorMod(now / HOUR, 24) < 3; // three silent hours a day: empty slices
      for (int i = quiet ? 0 : random.nextInt(6); i > 0; i--) {
        long t = now - random.nextInt((int) (7 * MINUTE));
        boolean bad = random.nextInt(random.nextInt(5) == 0 ? 2 : 30) == 0;
        state.record(t, now, bad ? 503 : 200, 10);
        events.add(new long[] {t, bad ? 0 : 1});
      }
      if (now % (5 * 24 * HOUR) == 0) { // a late backlog from two days ago
        for (int i = 0; i < 50; i++) {
          long t = now - 2 * 24 * HOUR + random.nextInt((int) HOUR);
          state.record(t, now, i % 4 == 0 ? 500 : 200, 10);
          events.add(new long[] {t, i % 4 == 0 ? 0 : 1});
        }
      }
      if (random.nextInt(20) == 0 || isPeriodStart(unit, zone, now)) {
        Evaluation e = state.evaluate(now, new ArrayList<>());
        long periodStart = check(slo, unit, zone, budgeting, e, events);
        sawReset |= periodStart > start && now - periodStart < 7 * MINUTE;
        checked++;
      }
    }
    assertTrue(checked > 60, "evaluations checked: " + checked);
    assertTrue(unit.equals("rolling") || sawReset, "an evaluation right after a period start");
  }

  private static boolean isPeriodStart(String unit, String zone, long now) {
    return !unit.equals("rolling") && periodStart(unit, zone, now) > now - 7 * MINUTE;
  }

  /** Local midnight of the period's first day: Monday for a week, the 1st for a month. */
  private static long periodStart(String unit, String zone, long at) {
    ZoneId z = ZoneId.of(zone);
    LocalDate day = Instant.ofEpochMilli(at).atZone(z).toLocalDate();
    LocalDate first = unit.equals("week") ? day.minusDays(day.getDayOfWeek().getValue() - 1) : day.withDayOfMonth(1);
    return first.atStartOfDay(z).toInstant().toEpochMilli();
  }

  private static long periodEnd(String unit, String zone, long at) {
    ZoneId z = ZoneId.of(zone);
    LocalDate first = Instant.ofEpochMilli(periodStart(unit, zone, at)).atZone(z).toLocalDate();
    return (unit.equals("week") ? first.plusDays(7) : first.plusMonths(1)).atStartOfDay(z).toInstant().toEpochMilli();
  }

  private static long sliceMillis(String budgeting) {
    return budgeting.contains("10m") ? 10 * MINUTE : budgeting.contains("1h") ? HOUR
        : budgeting.equals("occurrences") ? 0 : MINUTE;
  }

  /** Checks one evaluation; returns the span start. */
  private static long check(SloDefinition slo, String unit, String zone, String budgeting, Evaluation e, List<long[]> events) {
    long now = e.atMillis();
    String where = budgeting + " at " + Instant.ofEpochMilli(now);
    long slice = sliceMillis(budgeting);
    long from;
    if (unit.equals("rolling")) {
      long bucket = slice > 0 ? slice : HOUR; // a 7-day window reads hour buckets
      from = Oracle.window(java.time.Duration.ofMillis(7 * 24 * HOUR).withNanos(0), now).fromMillis();
      if (slice > 0) {
        from = (Math.floorDiv(now, bucket) - 7 * 24 * HOUR / bucket + 1) * bucket;
      }
      assertEquals(0, e.budget().periodEndMillis(), where);
      assertTrue(e.budget().elapsed().isEmpty(), where);
    } else {
      from = periodStart(unit, zone, now);
      long to = periodEnd(unit, zone, now);
      assertEquals(to, e.budget().periodEndMillis(), where + " period end");
      assertEquals((now - from) / (double) (to - from), e.budget().elapsed().getAsDouble(), 1e-12, where + " elapsed");
    }
    assertEquals(from, e.budget().spanStartMillis(), where + " span start");
    // Units per slice (or per event), keyed by the time the unit's slice ends.
    TreeMap<Long, double[]> bySlice = new TreeMap<>(); // slice end -> {good, total}
    for (long[] ev : events) {
      if (ev[0] >= from && ev[0] <= now) {
        long key = slice > 0 ? Math.floorDiv(ev[0], slice) * slice + slice : Math.floorDiv(ev[0], HOUR) * HOUR + HOUR;
        double[] c = bySlice.computeIfAbsent(key, k -> new double[2]);
        c[0] += ev[1];
        c[1]++;
      }
    }
    TreeMap<Long, double[]> units = new TreeMap<>(); // slice end -> {good units, units}
    bySlice.forEach((k, c) -> {
      double good = budgeting.equals("occurrences") ? c[0]
          : budgeting.contains("goodIf") ? (c[0] / c[1] >= goodIf(budgeting) ? 1 : 0) : c[0] / c[1];
      units.put(k, new double[] {good, budgeting.equals("occurrences") ? c[1] : 1});
    });
    assertEquals((long) bySlice.values().stream().mapToDouble(c -> c[0]).sum(), e.budget().goodEvents(), where + " good events in the span");
    assertEquals((long) bySlice.values().stream().mapToDouble(c -> c[1]).sum(), e.budget().events(), where + " events in the span");
    double good = units.values().stream().mapToDouble(u -> u[0]).sum();
    double total = units.values().stream().mapToDouble(u -> u[1]).sum();
    if (total == 0) {
      assertTrue(e.budgetRemaining().isEmpty(), where);
      assertTrue(e.budget().burnDown().isEmpty(), where);
      return from;
    }
    assertEquals(good / total, e.sli().getAsDouble(), 1e-12, where + " sli");
    double remaining = 1 - ((total - good) / total) / 0.02;
    assertEquals(remaining, e.budgetRemaining().getAsDouble(), 1e-9, where + " budget");
    if (!unit.equals("rolling")) {
      // Projected: the period so far, then the last day's burn for the rest, in the budget's units:
      // events over the rolling 1d window, or the slices of the day ending with the current one.
      double elapsed = e.budget().elapsed().getAsDouble();
      double[] day = new double[2]; // {bad units, units}
      if (slice == 0) {
        Oracle window = Oracle.window(java.time.Duration.ofDays(1), now);
        events.stream().filter(ev -> window.covers(ev[0]) && ev[0] <= now).forEach(ev -> {
          day[0] += 1 - ev[1];
          day[1]++;
        });
      } else {
        TreeMap<Long, double[]> daySlices = new TreeMap<>();
        long dayStart = Math.floorDiv(now, slice) * slice + slice - 24 * HOUR;
        events.stream().filter(ev -> ev[0] >= dayStart && ev[0] <= now).forEach(ev -> {
          double[] c = daySlices.computeIfAbsent(Math.floorDiv(ev[0], slice), k -> new double[2]);
          c[0] += ev[1];
          c[1]++;
        });
        daySlices.values().forEach(c -> {
          double goodUnits = budgeting.contains("goodIf") ? (c[0] / c[1] >= goodIf(budgeting) ? 1 : 0) : c[0] / c[1];
          day[0] += 1 - goodUnits;
          day[1]++;
        });
      }
      double burn = day[1] == 0 ? 0 : (day[0] / day[1]) / 0.02;
      assertEquals(1 - ((1 - remaining) * elapsed + burn * (1 - elapsed)), e.budget().projected().getAsDouble(), 1e-9,
          where + " projected");
    }
    List<BudgetReport.Point> points = e.budget().burnDown();
    assertTrue(points.size() >= 2 && points.size() <= SloBudget.MAX_POINTS, where + " points: " + points.size());
    assertEquals(from, points.get(0).atMillis(), where + " burn-down starts at the span start");
    assertEquals(now, points.get(points.size() - 1).atMillis(), where + " and ends now");
    for (BudgetReport.Point p : points) {
      double badBefore = 0;
      for (var u : units.headMap(p.atMillis() == now ? Long.MAX_VALUE : p.atMillis(), true).values()) {
        badBefore += u[1] - u[0];
      }
      assertEquals(1 - (badBefore / total) / 0.02, p.remaining(), 1e-9, where + " burn-down at " + Instant.ofEpochMilli(p.atMillis()));
      assertTrue(p.atMillis() == now || (p.atMillis() - from) % HOUR == 0, where + " points on whole hours of the span");
    }
    for (WindowResult w : e.windows()) {
      Oracle window = Oracle.window(w.window().duration(), now);
      long t = events.stream().filter(ev -> window.covers(ev[0]) && ev[0] <= now).count();
      assertEquals(t, w.total(), where + " window " + w.window().label());
    }
    assertFalse(e.windows().isEmpty());
    return from;
  }

  private static double goodIf(String budgeting) {
    return Double.parseDouble(budgeting.replaceAll(".*goodIf: ([0-9.]+).*", "$1")) / 100;
  }

  /** A calendar budget with slices keeps nothing but buckets: a restore from the drained store gives the same status. */
  @org.junit.jupiter.api.Test
  void shouldRestoreACalendarTimesliceBudgetToTheSameEvaluation() throws Exception {
    SloDefinition slo = SloConfigLoader.parse("test", """
        slos:
          - {name: a, service: s, objective: 98, window: {calendar: month, timeZone: Europe/Paris}, sli: {availability: {}},
             budgeting: {timeslices: {slice: 1m, goodIf: 95}}}
        """).slos().get(0);
    SloState original = new SloState(slo, EngineSettings.DEFAULTS);
    SloState copy = new SloState(slo, EngineSettings.DEFAULTS);
    Random random = new Random(11);
    long start = Instant.parse("2026-10-30T00:00:00Z").toEpochMilli();
    long now = start;
    for (int i = 0; i < 5_000; i++) {
      now = start + i * 2 * MINUTE;
      original.record(now - random.nextInt(600_000), now, random.nextInt(15) == 0 ? 503 : 200, 10);
    }
    original.evaluate(now, new ArrayList<>());
    original.persistence().drainChanges(SloStateTest.restoringInto(copy));
    Evaluation restored = copy.evaluate(now, new ArrayList<>());
    assertEquals(original.evaluate(now, new ArrayList<>()), restored);
    assertEquals(Instant.parse("2026-10-31T23:00:00Z").toEpochMilli(), restored.budget().spanStartMillis(), "November in Paris");
    assertTrue(restored.budget().burnDown().size() > 100);
  }
}
