package com.huntaze.slo.exporter.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.AlertState;
import com.huntaze.slo.avro.SloStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthScoreTest {

  static SloView slo(String name, String service, String kind, Double budget, Double rps, Double minRps,
                     List<AlertState> alerts) {
    return StatusMapper.toView(SloStatus.newBuilder().setName(name).setService(service).setSliKind(kind)
        .setObjective("throughput".equals(kind) ? 0 : 0.999).setWindowSeconds(2_592_000L).setWindows(List.of())
        .setBudgetRemaining(budget).setThroughputRps(rps).setMinRps(minRps).setAlerts(alerts)
        .setAsOf(Instant.parse("2026-11-24T10:00:00Z")).build());
  }

  @ParameterizedTest(name = "budget {0} -> {1}")
  @CsvSource({"1.0, 100", "0.5, 50", "0.123456, 12.35", "0, 0", "-3, 0", "1.5, 100"})
  void shouldScoreAnSloByTheShareOfBudgetLeft(double budget, double expected) {
    assertEquals(expected, slo("a", "s", "availability", budget, null, null, List.of()).healthScore());
  }

  @ParameterizedTest(name = "{0} of min {1} rps -> {2}")
  @CsvSource({"100, 100, 100", "150, 100, 100", "25, 100, 25", "0, 100, 0"})
  void shouldScoreAThroughputSloByTheShareOfItsMinimumRate(double rps, double min, double expected) {
    assertEquals(expected, slo("t", "s", "throughput", null, rps, min, List.of()).healthScore());
  }

  @Test
  void shouldCapTheScoreWhileAnAlertFires() {
    AlertState page = new AlertState("SLOBurnRate", "page", true, Instant.EPOCH);
    AlertState ticket = new AlertState("SLOBurnRate", "ticket", true, Instant.EPOCH);
    AlertState quiet = new AlertState("SLOBurnRate", "page", false, null);
    assertEquals(50.0, slo("a", "s", "availability", 0.99, null, null, List.of(page)).healthScore());
    assertEquals(75.0, slo("a", "s", "availability", 0.99, null, null, List.of(ticket)).healthScore());
    assertEquals(20.0, slo("a", "s", "availability", 0.2, null, null, List.of(page)).healthScore());
    assertEquals(99.0, slo("a", "s", "availability", 0.99, null, null, List.of(quiet)).healthScore());
  }

  @Test
  void shouldLeaveSlosWithoutDataOut() {
    assertNull(slo("a", "s", "availability", null, 5.0, null, List.of()).healthScore());
    assertNull(slo("t", "s", "throughput", null, null, 100.0, List.of()).healthScore());
    HealthScore.Summary none = HealthScore.summarize(List.of(slo("a", "s", "availability", null, null, null, List.of())));
    assertTrue(none.perService().isEmpty());
    assertNull(none.overall());
  }

  @Test
  void shouldTakeTheWorstSloPerServiceAndTheMeanOverServices() {
    HealthScore.Summary summary = HealthScore.summarize(List.of(
        slo("a1", "api", "availability", 0.9, null, null, List.of()),
        slo("a2", "api", "latency", 0.3, null, null, List.of()),
        slo("w1", "web", "availability", 1.0, null, null, List.of()),
        slo("w2", "web", "availability", null, null, null, List.of())));
    assertEquals(Map.of("api", 30.0, "web", 100.0), summary.perService());
    assertEquals(65.0, summary.overall());
  }
}
