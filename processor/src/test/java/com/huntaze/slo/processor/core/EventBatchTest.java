package com.huntaze.slo.processor.core;

import static com.huntaze.slo.processor.core.StateDump.assertSameState;
import static com.huntaze.slo.processor.core.StateDump.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The replay's event batches ({@link EventBatch}) against recording every event at once, on random
 * streams with disorder, late backlogs, events older than every window or too far ahead, excluded
 * periods, latency SLOs, grouped SLOs and attribution by an attribute (both taken one event at a
 * time beside the batched ones), and a service with more operations than an attribution summary
 * holds, so that summaries fill up and the batch must fall back to single events. Every evaluation
 * (windows, budgets, quantiles, late tally, top contributors, alerts) and every stored record
 * (ring slots, sketches, summaries with their entries in order) must be the same.
 */
class EventBatchTest {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long START = Instant.parse("2026-10-20T00:00:00Z").toEpochMilli();
  private static final String SLOS = """
      exclude:
        - {from: 2026-10-21T09:00:00Z, to: 2026-10-21T10:30:00Z, reason: "planned DB migration"}
      slos:
        - {name: avail, service: s, objective: 99, window: 30d, sli: {availability: {}}, alerting: {threshold: 98}}
        - {name: get-errors, service: s, operation: "GET *", objective: 99.5, window: 7d, sli: {errorRate: {}},
           exclude: [{every: day, at: "23:30", for: 45m, timeZone: Europe/Paris, reason: "nightly batch"}]}
        - {name: fast, service: s, objective: 90, window: 1d, sli: {latency: {threshold: 80ms}}, alerting: {threshold: 85, thresholdWindow: 10m}}
        - {name: short, service: s, objective: 99, window: 2h, sli: {availability: {}}, attribution: [operation]}
        - {name: by-tenant, service: s, objective: 99, window: 1d, sli: {availability: {}}, attribution: [operation, attributes.tenant]}
        - {name: by-region, service: s, objective: 99, window: 3d, sli: {availability: {}}, groupBy: [attributes.region], maxGroups: 3}
        - {name: rps, service: s, sli: {throughput: {minRps: 1}}, alerting: {threshold: 0.5}}
        - {name: t-avail, service: t, objective: 99.9, window: 3d, sli: {availability: {}}}
        - {name: t-latency, service: t, operation: "POST *", objective: 99, window: 28d, sli: {latency: {threshold: 1s}}}
      """;
  private static final String[] SERVICES = {"s", "s", "s", "s", "t", "u"};
  private static final String[] REGIONS = {"eu", "us", "ap", "sa", ""};

  /** One event of a random stream, with the "now" it is admitted against and its record's time. */
  private record Event(String service, String operation, Map<String, String> attributes, int status, double latency,
                       long time, long now, long recordTime) {
    SloEngine.Outcome applyTo(SloEngine engine) {
      return engine.apply(service, operation, attributes, status, latency, time, now, recordTime);
    }
  }

  @ParameterizedTest(name = "seed {0}, jittering clock {1}, minute batches too {2}")
  @CsvSource({"1, false, true", "2, false, false", "3, true, true", "4, true, false"})
  void shouldEqualRecordingEveryEventAtOnce(long seed, boolean jitteringClock, boolean minuteBatches) throws Exception {
    List<SloDefinition> slos = SloConfigLoader.parse("test", SLOS).slos();
    SloEngine direct = new SloEngine(slos, EngineSettings.DEFAULTS);
    EngineSettings settings = EngineSettings.DEFAULTS.withEventBatches();
    SloEngine batched = new SloEngine(slos, minuteBatches ? settings.withMinuteBatches() : settings);
    Map<String, String> directState = new TreeMap<>();
    Map<String, String> batchedState = new TreeMap<>();
    Random random = new Random(seed);
    List<Event> stream = stream(seed, jitteringClock);
    for (int i = 0; i < stream.size(); i++) {
      Event e = stream.get(i);
      e.applyTo(direct);
      e.applyTo(batched);
      if (random.nextInt(3_000) == 0) {
        assertEquals(direct.evaluate(e.now(), new ArrayList<>()), batched.evaluate(e.now(), new ArrayList<>()), "evaluation after event " + i);
      }
      if (random.nextInt(10_000) == 0) {
        drain(direct, directState);
        drain(batched, batchedState);
        assertSameState(directState, batchedState, "after event " + i);
      }
    }
    long now = stream.get(stream.size() - 1).now();
    List<AlertEvent> directAlerts = new ArrayList<>();
    List<AlertEvent> batchedAlerts = new ArrayList<>();
    assertEquals(direct.evaluate(now, directAlerts), batched.evaluate(now, batchedAlerts), "final evaluation");
    assertEquals(directAlerts, batchedAlerts, "alerts");
    drain(direct, directState);
    drain(batched, batchedState);
    assertSameState(directState, batchedState, "at the end");
    assertTrue(directState.entrySet().stream().anyMatch(e -> e.getKey().startsWith("avail/summary/") && !e.getValue().contains(" dec 0:")),
        "some summary of service s filled up and made room");
    assertTrue(directState.entrySet().stream().anyMatch(e -> e.getKey().startsWith("t-avail/summary/") && e.getValue().contains("=")),
        "service t's summaries hold its operations");
  }

  /**
   * A replay's settings as a whole: event and minute batches, and work skipped for what no window
   * reads at the one evaluation, at the end (attribution's minutes, latency sketches). That
   * evaluation equals the one of recording every event.
   */
  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"5", "6"})
  void shouldEvaluateAtTheEndAsRecordingEveryEvent(long seed) throws Exception {
    List<SloDefinition> slos = SloConfigLoader.parse("test", SLOS).slos();
    List<Event> stream = stream(seed, false);
    long end = stream.get(stream.size() - 1).now();
    SloEngine direct = new SloEngine(slos, EngineSettings.DEFAULTS);
    SloEngine replay = new SloEngine(slos, EngineSettings.DEFAULTS.withEventBatches().withMinuteBatches().evaluatedOnlyAt(end));
    for (Event e : stream) {
      e.applyTo(direct);
      e.applyTo(replay);
    }
    List<AlertEvent> directAlerts = new ArrayList<>();
    List<AlertEvent> replayAlerts = new ArrayList<>();
    List<Evaluation> expected = direct.evaluate(end, directAlerts);
    assertEquals(expected, replay.evaluate(end, replayAlerts));
    assertEquals(directAlerts, replayAlerts, "alerts");
    assertTrue(expected.stream().anyMatch(e -> !e.latencyQuantiles().isEmpty()),
        "the latency SLOs report quantiles: " + expected);
  }

  /** Three days of events with disorder, backlogs, events too old or too far ahead. */
  private static List<Event> stream(long seed, boolean jitteringClock) {
    Random random = new Random(seed);
    List<Event> out = new ArrayList<>();
    long now = Long.MIN_VALUE;
    int events = 150_000;
    for (int i = 0; i < events; i++) {
      long position = START + i * (3 * DAY / events);
      long eventTime = position - random.nextInt(40_000);
      int roll = random.nextInt(1000);
      if (roll < 30) {
        eventTime -= HOUR + (long) (random.nextDouble() * 50 * HOUR); // a backlog, hours to days late
      } else if (roll < 35) {
        eventTime -= 35 * DAY + random.nextInt(10) * DAY; // older than every window
      } else if (roll < 40) {
        eventTime += random.nextInt(10 * 60_000); // ahead, beyond the 5-minute skew for about half
      }
      long recordTime = random.nextInt(10) == 0 ? eventTime : position;
      now = jitteringClock ? position + random.nextInt(240_000) - 120_000 : Math.max(now, recordTime);
      String service = SERVICES[random.nextInt(SERVICES.length)];
      String operation = operation(service, random);
      Map<String, String> attributes = Map.of("region", REGIONS[random.nextInt(REGIONS.length)], "tenant", "t" + random.nextInt(40));
      int status = random.nextInt(operation.startsWith("GET /api/items/") ? 3 : 50) == 0 ? 503 : random.nextInt(20) == 0 ? 404 : 200;
      double latency = random.nextInt(200) == 0 ? 0 : Math.exp(4 + random.nextGaussian());
      out.add(new Event(service, operation, attributes, status, latency, eventTime, now, recordTime));
    }
    return out;
  }

  /** Service s: about 60 operations, a few of them frequent; the others: four. */
  private static String operation(String service, Random random) {
    if (!service.equals("s")) {
      return List.of("GET /api/users", "POST /api/orders", "GET /api/orders/{id}", "DELETE /x").get(random.nextInt(4));
    }
    return random.nextInt(3) == 0 ? "GET /api/items/" + random.nextInt(60) : List.of("GET /api/users", "POST /api/orders").get(random.nextInt(2));
  }
}
