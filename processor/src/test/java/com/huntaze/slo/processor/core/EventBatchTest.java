package com.huntaze.slo.processor.core;

import static com.huntaze.slo.processor.core.StateDump.assertSameAlong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
  /** The SLOs of {@link MinuteBatchTest}, and some that take events one at a time beside the batch. */
  private static final String SLOS = MinuteBatchTest.SLOS + """
        - {name: short, service: s, objective: 99, window: 2h, sli: {availability: {}}, attribution: [operation]}
        - {name: by-tenant, service: s, objective: 99, window: 1d, sli: {availability: {}}, attribution: [operation, attributes.tenant]}
        - {name: by-region, service: s, objective: 99, window: 3d, sli: {availability: {}}, groupBy: [attributes.region], maxGroups: 3}
      """;
  private static final String[] SERVICES = {"s", "s", "s", "s", "t", "u"};
  private static final String[] REGIONS = {"eu", "us", "ap", "sa", ""};

  @ParameterizedTest(name = "seed {0}, jittering clock {1}, minute batches too {2}")
  @CsvSource({"1, false, true", "2, false, false", "3, true, true", "4, true, false"})
  void shouldEqualRecordingEveryEventAtOnce(long seed, boolean jitteringClock, boolean minuteBatches) throws Exception {
    List<SloDefinition> slos = SloConfigLoader.parse("test", SLOS).slos();
    SloEngine direct = new SloEngine(slos, EngineSettings.DEFAULTS);
    EngineSettings settings = EngineSettings.DEFAULTS.withEventBatches();
    SloEngine batched = new SloEngine(slos, minuteBatches ? settings.withMinuteBatches() : settings);
    Map<String, String> directState = assertSameAlong(stream(seed, jitteringClock), direct, batched, seed, (a, b) -> { });
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
    List<RandomStreams.Event> stream = stream(seed, false);
    long end = stream.get(stream.size() - 1).now();
    SloEngine direct = new SloEngine(slos, EngineSettings.DEFAULTS);
    SloEngine replay = new SloEngine(slos, EngineSettings.DEFAULTS.withEventBatches().withMinuteBatches().evaluatedOnlyAt(end));
    for (RandomStreams.Event e : stream) {
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

  private static List<RandomStreams.Event> stream(long seed, boolean jitteringClock) {
    return RandomStreams.threeDays(seed, 150_000, jitteringClock, r -> {
      String service = SERVICES[r.nextInt(SERVICES.length)];
      String operation = operation(service, r);
      Map<String, String> attributes = Map.of("region", REGIONS[r.nextInt(REGIONS.length)], "tenant", "t" + r.nextInt(40));
      int status = r.nextInt(operation.startsWith("GET /api/items/") ? 3 : 50) == 0 ? 503 : r.nextInt(20) == 0 ? 404 : 200;
      return new RandomStreams.Request(service, operation, attributes, status, r.nextInt(200) == 0 ? 0 : Math.exp(4 + r.nextGaussian()));
    });
  }

  /** Service s: about 60 operations, a few of them frequent; the others: four. */
  private static String operation(String service, Random random) {
    if (!service.equals("s")) {
      return List.of("GET /api/users", "POST /api/orders", "GET /api/orders/{id}", "DELETE /x").get(random.nextInt(4));
    }
    return random.nextInt(3) == 0 ? "GET /api/items/" + random.nextInt(60) : List.of("GET /api/users", "POST /api/orders").get(random.nextInt(2));
  }
}
