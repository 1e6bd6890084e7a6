package com.huntaze.slo.ingest.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficModelTest {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final IncidentSchedule INCIDENT = new IncidentSchedule(Duration.ofSeconds(30), Duration.ofSeconds(10),
      Duration.ZERO);
  private final TrafficModel model = new TrafficModel(List.of("huntaze-api", "svc-2"), List.of("GET /a", "POST /b"),
      0.01, 80, 400, INCIDENT, Set.of("huntaze-api"), 0.5, 10);

  private static double errorRatio(List<RequestEvent> events) {
    return events.stream().filter(e -> e.getStatus() >= 500).count() / (double) events.size();
  }

  private List<RequestEvent> sample(String service, Duration at, int n) {
    Random random = new Random(42);
    List<RequestEvent> out = new ArrayList<>();
    for (long i = 0; out.size() < n; i++) {
      RequestEvent e = model.event(i, T0.plus(at), at, random);
      if (e.getService().equals(service)) {
        out.add(e);
      }
    }
    return out;
  }

  private static double median(List<RequestEvent> events) {
    return events.stream().mapToDouble(RequestEvent::getLatencyMs).sorted().toArray()[events.size() / 2];
  }

  private static double p99(List<RequestEvent> events) {
    return events.stream().mapToDouble(RequestEvent::getLatencyMs).sorted().toArray()[events.size() * 99 / 100];
  }

  @Test
  void shouldProduceTheConfiguredErrorRatioAndLatencyDistribution() {
    List<RequestEvent> normal = sample("huntaze-api", Duration.ofSeconds(5), 20_000);
    assertEquals(0.01, errorRatio(normal), 0.003);
    assertEquals(80, median(normal), 80 * 0.05);
    assertEquals(400, p99(normal), 400 * 0.15);
    assertTrue(normal.stream().allMatch(e -> e.getEventTime().equals(T0.plusSeconds(5))));
    assertEquals(Set.of("GET /a", "POST /b"), Set.copyOf(normal.stream().map(RequestEvent::getOperation).toList()));
  }

  @Test
  void shouldBurstErrorsAndLatencyOnlyForTheIncidentServiceDuringTheIncident() {
    List<RequestEvent> hit = sample("huntaze-api", Duration.ofSeconds(35), 5_000);
    assertEquals(0.5, errorRatio(hit), 0.03);
    assertEquals(800, median(hit), 800 * 0.07);
    List<RequestEvent> spared = sample("svc-2", Duration.ofSeconds(35), 5_000);
    assertEquals(0.01, errorRatio(spared), 0.005);
    List<RequestEvent> after = sample("huntaze-api", Duration.ofSeconds(40), 5_000);
    assertEquals(0.01, errorRatio(after), 0.005);
  }

  @Test
  void shouldBeReproducibleWithASeed() {
    assertEquals(sample("svc-2", Duration.ZERO, 100), sample("svc-2", Duration.ZERO, 100));
  }

  @Test
  void incidentScheduleShouldRepeatWithItsPeriod() {
    IncidentSchedule every = new IncidentSchedule(Duration.ofMinutes(1), Duration.ofSeconds(20), Duration.ofMinutes(5));
    assertFalse(every.active(Duration.ofSeconds(59)));
    assertTrue(every.active(Duration.ofSeconds(60)));
    assertTrue(every.active(Duration.ofSeconds(79)));
    assertFalse(every.active(Duration.ofSeconds(80)));
    assertTrue(every.active(Duration.ofSeconds(365)));
    assertFalse(every.active(Duration.ofSeconds(385)));
    assertFalse(IncidentSchedule.NONE.active(Duration.ZERO));
    assertTrue(INCIDENT.active(Duration.ofSeconds(30)));
    assertFalse(INCIDENT.active(Duration.ofSeconds(330)), "once means once");
  }

  @Test
  void shouldRefuseImpossibleSettingsWithAReason() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new TrafficModel(List.of("a"), List.of("o"), 1.5,
        80, 400, IncidentSchedule.NONE, Set.of(), 0, 1)).getMessage().contains("error ratio must be between 0 and 1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new TrafficModel(List.of("a"), List.of("o"), 0,
        500, 400, IncidentSchedule.NONE, Set.of(), 0, 1)).getMessage().contains("median <= p99"));
    assertThrows(IllegalArgumentException.class, () -> new IncidentSchedule(Duration.ZERO, Duration.ofMinutes(5),
        Duration.ofMinutes(5)));
  }
}
