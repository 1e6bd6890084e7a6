package com.huntaze.slo.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.AlertState;
import com.huntaze.slo.avro.SloStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HealthScoreTest {

  static SloStatus status(String name, String service, String kind, Double budget, Double rps, Double minRps,
                          List<AlertState> alerts) {
    return SloStatus.newBuilder().setName(name).setService(service).setSliKind(kind)
        .setObjective("throughput".equals(kind) ? 0 : 0.999).setWindowSeconds(2_592_000L).setWindows(List.of())
        .setBudgetRemaining(budget).setThroughputRps(rps).setMinRps(minRps).setAlerts(alerts)
        .setAsOf(Instant.parse("2026-11-24T10:00:00Z")).build();
  }

  @ParameterizedTest(name = "budget {0} -> {1}")
  @CsvSource({"1.0, 100", "0.5, 50", "0.123456, 12.35", "0, 0", "-3, 0", "1.5, 100"})
  void shouldScoreAnSloByTheShareOfBudgetLeft(double budget, double expected) {
    assertEquals(OptionalDouble.of(expected), HealthScore.ofSlo(status("a", "s", "availability", budget, null, null, List.of())));
  }

  @ParameterizedTest(name = "{0} of min {1} rps -> {2}")
  @CsvSource({"100, 100, 100", "150, 100, 100", "25, 100, 25", "0, 100, 0"})
  void shouldScoreAThroughputSloByTheShareOfItsMinimumRate(double rps, double min, double expected) {
    assertEquals(OptionalDouble.of(expected), HealthScore.ofSlo(status("t", "s", "throughput", null, rps, min, List.of())));
  }

  @Test
  void shouldCapTheScoreWhileAnAlertFires() {
    AlertState page = new AlertState("SLOBurnRate", "page", true, Instant.EPOCH);
    AlertState ticket = new AlertState("SLOBurnRate", "ticket", true, Instant.EPOCH);
    AlertState quiet = new AlertState("SLOBurnRate", "page", false, null);
    assertEquals(OptionalDouble.of(50), HealthScore.ofSlo(status("a", "s", "availability", 0.99, null, null, List.of(page))));
    assertEquals(OptionalDouble.of(75), HealthScore.ofSlo(status("a", "s", "availability", 0.99, null, null, List.of(ticket))));
    assertEquals(OptionalDouble.of(20), HealthScore.ofSlo(status("a", "s", "availability", 0.2, null, null, List.of(page))));
    assertEquals(OptionalDouble.of(99), HealthScore.ofSlo(status("a", "s", "availability", 0.99, null, null, List.of(quiet))));
  }

  @Test
  void shouldLeaveSlosWithoutDataOut() {
    assertTrue(HealthScore.ofSlo(status("a", "s", "availability", null, 5.0, null, List.of())).isEmpty());
    assertTrue(HealthScore.ofSlo(status("t", "s", "throughput", null, null, 100.0, List.of())).isEmpty());
    var services = HealthScore.perService(List.of(status("a", "s", "availability", null, null, null, List.of())));
    assertTrue(services.isEmpty());
    assertTrue(HealthScore.overall(services).isEmpty());
  }

  @Test
  void shouldTakeTheWorstSloPerServiceAndTheMeanOverServices() {
    var services = HealthScore.perService(List.of(
        status("a1", "api", "availability", 0.9, null, null, List.of()),
        status("a2", "api", "latency", 0.3, null, null, List.of()),
        status("w1", "web", "availability", 1.0, null, null, List.of()),
        status("w2", "web", "availability", null, null, null, List.of())));
    assertEquals(Map.of("api", 30.0, "web", 100.0), services);
    assertEquals(OptionalDouble.of(65), HealthScore.overall(services));
  }
}
