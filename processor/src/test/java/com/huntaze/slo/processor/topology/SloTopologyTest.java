package com.huntaze.slo.processor.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import com.huntaze.slo.schemas.avro.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SloTopologyTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final long T0 = NOW.toEpochMilli();
  private static final String SLOS = """
      slos:
        - {name: api-availability, service: api, operation: "GET /api/*", objective: 99.9, sli: {availability: {}}, alerting: {threshold: 99.5}}
        - {name: api-latency, service: api, objective: 95, sli: {latency: {threshold: 500ms}}}
        - {name: api-throughput, service: api, sli: {throughput: {minRps: 100}}, alerting: {threshold: 10}}
        - {name: web-availability, service: web, objective: 99, sli: {availability: {}}}
      """;

  private TestPipeline pipeline;

  @AfterEach
  void close() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void shouldNameEveryNodeAndTheStore() throws Exception {
    pipeline = new TestPipeline(SLOS, NOW);
    String description = SloTopology.build(TopologySettings.live(
        com.huntaze.slo.schemas.slo.SloConfigLoader.parse("t", SLOS), Topics.defaults(),
        com.huntaze.slo.processor.core.EngineSettings.DEFAULTS, Duration.ofSeconds(5), 1, com.huntaze.slo.processor.intake.PipelineMetrics.NONE))
        .describe().toString();
    for (String name : List.of("request-events-source", "slo-evaluator", "slo-state", "slo-status-sink",
        "slo-alerts-sink", "dead-letter-sink")) {
      assertTrue(description.contains(name), name + " missing from:\n" + description);
    }
    assertTrue(!description.contains("KSTREAM-"), "no generated names:\n" + description);
  }

  @Test
  void shouldPublishOneStatusPerSloPerEmitIntervalNotPerEvent() throws Exception {
    pipeline = new TestPipeline(SLOS, NOW);
    for (int i = 0; i < 500; i++) {
      pipeline.send(TestPipeline.event("api", "GET /api/users", i % 100 == 0 ? 503 : 200, 100 + i, T0 - 1000 + i), T0);
    }
    assertTrue(pipeline.status.isEmpty(), "nothing before the first emit interval");
    pipeline.driver.advanceWallClockTime(Duration.ofSeconds(5));

    List<TestRecord<String, SloStatus>> records = pipeline.status.readRecordsToList();
    assertEquals(4, records.size(), "one status per SLO");
    Map<String, SloStatus> byName = records.stream().collect(java.util.stream.Collectors.toMap(TestRecord::key, TestRecord::value));
    SloStatus availability = byName.get("api-availability");
    WindowStats fiveMinutes = window(availability, "5m");
    assertEquals(500, fiveMinutes.getTotal());
    assertEquals(495, fiveMinutes.getGood());
    assertEquals((5 / 500.0) / 0.001, fiveMinutes.getBurnRate(), 1e-9);
    assertEquals(0.99, availability.getSli(), 1e-12);
    assertEquals(1 - 10.0, availability.getBudgetRemaining(), 1e-9);
    assertEquals("GET /api/*", availability.getOperation());
    assertEquals(NOW.plusSeconds(5), availability.getAsOf());

    SloStatus latency = byName.get("api-latency");
    assertEquals(401, window(latency, "5m").getGood(), "latencies 100..500 ms are within 500 ms");
    assertEquals(349.5, latency.getLatencyQuantiles().get("0.5"), 3.5);

    SloStatus web = byName.get("web-availability");
    assertNull(web.getSli(), "no events for web: no data, not 100 %");
    assertNull(web.getBudgetRemaining());
    assertTrue(web.getWindows().stream().allMatch(w -> w.getTotal() == 0 && w.getBurnRate() == null));
  }

  @Test
  void shouldPublishAtOnceWhenATaskStartsRunningThenOncePerInterval() throws Exception {
    // A task moved by a rebalance has gone without a status meanwhile: it publishes at its first
    // look at the clock (a second), not a whole emit interval (5 s) after it starts running.
    pipeline = new TestPipeline(SLOS, NOW);
    pipeline.send(TestPipeline.event("api", "GET /api/users", 200, 100, T0 - 1000), T0);
    pipeline.driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertEquals(4, pipeline.status.readRecordsToList().size(), "one status per SLO at the first look");
    pipeline.driver.advanceWallClockTime(Duration.ofSeconds(1));
    pipeline.driver.advanceWallClockTime(Duration.ofSeconds(3));
    assertTrue(pipeline.status.isEmpty(), "not again before the interval is up");
    pipeline.driver.advanceWallClockTime(Duration.ofSeconds(1));
    List<TestRecord<String, SloStatus>> next = pipeline.status.readRecordsToList();
    assertEquals(4, next.size(), "again once the interval is up");
    assertEquals(NOW.plusSeconds(6), next.get(0).value().getAsOf());
  }

  @Test
  void shouldCountLateEventsInEveryWindowStillCoveringThemAndRefuseOnlyOlderOnes() throws Exception {
    pipeline = new TestPipeline(SLOS, NOW);
    long hour = Duration.ofHours(1).toMillis();
    pipeline.send(TestPipeline.event("api", "GET /api/a", 200, 10, T0), T0);
    // A client's backlog after an outage: 45 minutes, 2 days and 40 days old, sent after fresh traffic.
    pipeline.send(TestPipeline.event("api", "GET /api/a", 503, 10, T0 - 45 * 60_000), T0);
    pipeline.send(TestPipeline.event("api", "GET /api/a", 503, 10, T0 - 48 * hour), T0);
    pipeline.send(TestPipeline.event("api", "GET /api/a", 503, 10, T0 - 40 * 24 * hour), T0);
    pipeline.driver.advanceWallClockTime(Duration.ofSeconds(5));

    SloStatus status = pipeline.latestStatus().get("api-availability");
    assertEquals(1, window(status, "30m").getTotal(), "the 45-minute-old event is outside 30m");
    assertEquals(2, window(status, "1h").getTotal(), "and inside 1h");
    assertEquals(2, window(status, "1d").getTotal(), "the 2-day-old event is outside 1d");
    assertEquals(3, window(status, "3d").getTotal(), "and inside 3d");
    assertEquals(3, window(status, "30d").getTotal());
    assertEquals(1, window(status, "30d").getGood());
    assertEquals(2, status.getLateEventsApplied());
    assertEquals(48 * hour, status.getLastLatenessMs(), "how late the latest late event was");
    assertEquals(1, status.getRejectedTooOld(), "the 40-day-old event is older than every window: counted, not applied");
    assertEquals(0, status.getRejectedTooFarAhead());
    assertEquals(1, status.getLateEventsDropped());
  }

  @Test
  void shouldRefuseEventsFurtherAheadThanTheSkew() throws Exception {
    pipeline = new TestPipeline(SLOS, NOW);
    long ahead = Duration.ofMinutes(6).toMillis();
    pipeline.send(TestPipeline.event("api", "GET /api/a", 200, 10, T0 + ahead), T0 + ahead); // ahead of the wall clock
    pipeline.send(TestPipeline.event("api", "GET /api/a", 200, 10, T0 + ahead), T0); // ahead of its record
    pipeline.send(TestPipeline.event("api", "GET /api/a", 200, 10, T0 + 60_000), T0); // within the skew
    pipeline.driver.advanceWallClockTime(Duration.ofSeconds(5));

    SloStatus status = pipeline.latestStatus().get("api-availability");
    assertEquals(2, status.getRejectedTooFarAhead());
    assertEquals(0, window(status, "5m").getTotal(), "the 1-minute-ahead event is not in a window ending now");
    pipeline.driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertEquals(1, window(pipeline.latestStatus().get("api-availability"), "5m").getTotal(), "but counts once its minute comes");
  }

  @Test
  void shouldSendUndecodableAndInvalidRecordsToDeadLettersAndKeepCounting() throws Exception {
    pipeline = new TestPipeline(SLOS, NOW);
    byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
    pipeline.rawEvents.pipeInput("api".getBytes(StandardCharsets.UTF_8), garbage, T0);
    pipeline.send(TestPipeline.event("api", "GET /api/a", 700, 10, T0), T0);
    pipeline.send(TestPipeline.event("api", "GET /api/a", 200, 10, T0), T0);
    pipeline.driver.advanceWallClockTime(Duration.ofSeconds(5));

    List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters.readRecordsToList();
    assertEquals(2, dead.size());
    assertEquals("{\"not\":\"avro\"}", new String(dead.get(0).value(), StandardCharsets.UTF_8), "payload kept as it was");
    String error = header(dead.get(0), Topics.DLQ_HEADER_ERROR);
    assertTrue(error.contains("not Avro single-object encoding"), error);
    assertEquals(Topics.REQUEST_EVENTS, header(dead.get(0), Topics.DLQ_HEADER_TOPIC));
    assertEquals("0", header(dead.get(0), Topics.DLQ_HEADER_OFFSET));
    assertTrue(header(dead.get(1), Topics.DLQ_HEADER_ERROR).contains("invalid event: status: must be an HTTP status between 100 and 599 (got 700)"),
        header(dead.get(1), Topics.DLQ_HEADER_ERROR));

    assertEquals(1, window(pipeline.latestStatus().get("api-availability"), "5m").getTotal(), "the valid event after them counts");
  }

  @Test
  void shouldPublishBurnRatePageWithBothWindowsAndResolveIt() throws Exception {
    pipeline = new TestPipeline(SLOS, NOW);
    for (int i = 0; i < 1000; i++) {
      pipeline.send(TestPipeline.event("api", "GET /api/a", i % 50 == 0 ? 500 : 200, 10, T0 + i), T0 + i);
    }
    pipeline.driver.advanceWallClockTime(Duration.ofSeconds(5));
    List<SloAlert> fired = pipeline.alerts.readValuesToList();
    SloAlert page = fired.stream().filter(a -> a.getAlertName().equals("SLOBurnRate") && a.getSeverity().equals("page"))
        .findFirst().orElseThrow(() -> new AssertionError("no page in " + fired));
    assertEquals("api-availability", page.getSlo());
    assertEquals("api", page.getService());
    assertEquals("firing", page.getState());
    assertEquals(20.0, page.getLongBurnRate(), 1e-9); // 2 % errors on a 0.1 % budget
    assertNull(page.getEndsAt());
    SloAlert threshold = fired.stream().filter(a -> a.getAlertName().equals("SLOThreshold") && a.getSlo().equals("api-availability"))
        .findFirst().orElseThrow();
    assertEquals(0.98, threshold.getValue(), 1e-9);

    // The wall clock moves on with no traffic: the windows empty out and the alerts resolve.
    pipeline.driver.advanceWallClockTime(Duration.ofDays(31));
    List<SloAlert> later = pipeline.alerts.readValuesToList();
    assertTrue(later.stream().anyMatch(a -> a.getAlertName().equals("SLOBurnRate") && a.getSeverity().equals("page")
        && a.getState().equals("resolved") && a.getEndsAt() != null), later.toString());
    SloStatus status = pipeline.latestStatus().get("api-availability");
    assertNull(status.getSli(), "a month of silence is no data");
    assertTrue(status.getAlerts().stream().noneMatch(a -> a.getFiring()));
  }

  @Test
  void shouldJudgeThroughputPerMinuteAndAlertBelowThreshold() throws Exception {
    pipeline = new TestPipeline(SLOS, NOW);
    long minute = 60_000;
    for (int i = 0; i < 300; i++) { // 5 req/s during the minute starting at T0
      pipeline.send(TestPipeline.event("api", "POST /login", 200, 10, T0 + i * 200), T0 + i * 200);
    }
    pipeline.driver.advanceWallClockTime(Duration.ofMillis(minute + 5_000));
    SloStatus status = pipeline.latestStatus().get("api-throughput");
    assertEquals(5.0, status.getThroughputRps(), 1e-9);
    assertEquals(100.0, status.getMinRps());
    assertTrue(status.getAlerts().stream().anyMatch(a -> a.getAlertName().equals("SLOThreshold") && a.getFiring()));
  }

  private static WindowStats window(SloStatus status, String label) {
    return status.getWindows().stream().filter(w -> w.getWindow().equals(label)).findFirst()
        .orElseThrow(() -> new AssertionError("no window " + label + " in " + status.getWindows()));
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
