package com.huntaze.slo.exporter.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.testing.StatusJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SloViewTest {
  static final Instant AS_OF = Instant.parse("2026-11-24T10:00:00Z");
  static final SloSpec AVAILABILITY = new SloSpec("checkout", "shop", null, "availability", 0.999, 86_400, null, null);

  static SloView view(SloSpec spec, List<SloWindow> windows, Double budget, List<AlertStatus> alerts) {
    return new SloView(spec, windows, budget == null ? null : 0.9995, budget, Map.of(), null, alerts, EventAdmissions.NONE, AS_OF);
  }

  @Test
  void shouldSortWindowsShortestFirstAndKeepEachOnce() {
    SloWindow day = new SloWindow("1d", 86_400, 900, 1_000, 0.1);
    SloWindow dayAgain = new SloWindow("1d", 86_400, 1, 2, 500.0); // the SLO window coinciding with the fixed 1d
    SloWindow hour = new SloWindow("1h", 3_600, 90, 100, 2.0);
    SloWindow fiveMinutes = new SloWindow("5m", 300, 9, 10, null);
    SloView v = view(AVAILABILITY, List.of(day, hour, dayAgain, fiveMinutes), 0.5, List.of());
    assertEquals(List.of(fiveMinutes, hour, day), v.windows(), "shortest first; the first of a repeated window wins");
    assertEquals(100, day.bad());
    assertThrows(UnsupportedOperationException.class, () -> v.windows().add(hour), "the view is immutable");
  }

  @Test
  void shouldKeepOneEntryPerAlertAndSeverityAndSayWhichSeverityFires() {
    AlertStatus burnPage = new AlertStatus("SLOBurnRate", "page", true, AS_OF);
    AlertStatus burnPageAgain = new AlertStatus("SLOBurnRate", "page", false, null);
    AlertStatus thresholdPage = new AlertStatus("SLOThreshold", "page", false, null);
    AlertStatus ticket = new AlertStatus("SLOBurnRate", "ticket", false, null);
    SloView v = view(AVAILABILITY, List.of(), 0.9, List.of(burnPage, burnPageAgain, thresholdPage, ticket));
    assertEquals(List.of(burnPage, thresholdPage, ticket), v.alerts());
    assertEquals(Map.of("page", true, "ticket", false), v.firingBySeverity());
    assertEquals(HealthScore.PAGE_CAP, v.healthScore(), "a firing page caps the score");
  }

  @Test
  void shouldTellTheAgeAndStalenessAgainstTheReadersClock() {
    SloView v = view(AVAILABILITY, List.of(), 0.5, List.of());
    assertEquals(150.5, v.ageSeconds(AS_OF.plusMillis(150_500)), 1e-9);
    assertEquals(0.0, v.ageSeconds(AS_OF.minusSeconds(5)), "a processor clock slightly ahead is not negative age");
    assertFalse(v.stale(AS_OF.plusSeconds(120), Duration.ofMinutes(2)));
    assertTrue(v.stale(AS_OF.plusSeconds(121), Duration.ofMinutes(2)));
  }

  @Test
  void shouldKeepNoDataAsNoData() {
    SloStatus none = StatusJson.readResource("metrics/no-data/in.json").get(0);
    SloView v = StatusMapper.toView(none);
    assertNull(v.sli());
    assertNull(v.budgetRemaining());
    assertNull(v.healthScore());
    assertNull(v.throughputRps());
    assertTrue(v.latencyQuantiles().isEmpty());
    assertTrue(v.burnDown().isEmpty(), "no burn-down without data");
    assertNull(v.windows().get(0).burnRate());
    assertEquals(0, v.windows().get(0).total(), "event counts are facts: 0 is a count");
    assertEquals(0.995, v.spec().objective(), "what is known stays known");
  }

  @Test
  void shouldHaveNoObjectiveBudgetOrBurnDownForThroughput() {
    SloView v = StatusMapper.toView(StatusJson.readResource("metrics/seed-slos/in.json").get(3));
    assertTrue(v.spec().throughput());
    assertNull(v.spec().objective(), "objective 0 on the wire means none");
    assertTrue(v.burnDown().isEmpty(), "throughput SLOs have no budget");
    assertEquals("30d", v.windowLabel());
  }

  @Test
  void shouldTakeTheBurnDownFromTheStatusWithTheUniformBurnToTheSpansEnd() {
    List<BurnDown.Point> rolling = StatusMapper.toView(StatusJson.readResource("metrics/seed-slos/in.json").get(0)).burnDown();
    assertEquals(5, rolling.size());
    assertEquals(1.0, rolling.get(0).remaining(), 1e-12);
    assertEquals(1.0, rolling.get(0).uniform(), 1e-12);
    assertEquals(2 / 3.0, rolling.get(1).uniform(), 1e-12, "10 of 30 days gone");
    assertEquals(0.0, rolling.get(4).uniform(), 1e-12, "a rolling window ends now");
    SloView calendar = StatusMapper.toView(StatusJson.readResource("metrics/calendar/in.json").get(0));
    assertEquals("month", calendar.windowLabel());
    assertEquals(Instant.parse("2026-11-30T23:00:00Z"), calendar.spanEnd());
    assertEquals(1 - 563 / 720.0, calendar.burnDown().get(3).uniform(), 1e-12, "a period ends at its end, not now");
    assertEquals("timeslices", calendar.period().budgeting());
  }

  @Test
  void shouldSortQuantilesAndCopyThemOnce() {
    Map<String, Double> quantiles = new HashMap<>(Map.of("0.99", 450.0, "0.5", 10.0, "0.95", 200.0));
    SloView v = new SloView(AVAILABILITY, new ArrayList<>(), null, null, quantiles, null, List.of(), EventAdmissions.NONE, AS_OF);
    quantiles.clear();
    assertEquals(List.of("0.5", "0.95", "0.99"), List.copyOf(v.latencyQuantiles().keySet()));
  }
}
