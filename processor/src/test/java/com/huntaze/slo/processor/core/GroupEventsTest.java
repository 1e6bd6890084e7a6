package com.huntaze.slo.processor.core;

import static com.huntaze.slo.processor.core.StateDump.assertSameAlong;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Group instances take their events held and sorted by group ({@link GroupEvents}); here against
 * an engine that hands every event over at once (it flushes after each). Random streams with
 * disorder, late backlogs, events too old or too far ahead, a clock that jitters back and forth,
 * an excluded period, latency sketches (whose result depends on the order of adds), more groups
 * than {@code maxGroups} and groups that retire. Every evaluation, alert and stored record of every
 * instance must be the same.
 */
class GroupEventsTest {
  private static final String SLOS = """
      exclude:
        - {from: 2026-10-21T09:00:00Z, to: 2026-10-21T10:30:00Z, reason: "planned DB migration"}
      slos:
        - {name: by-route, service: s, objective: 99, window: 1d, sli: {availability: {}}, groupBy: [operation, attributes.region],
           alerting: {threshold: 98}}
        - {name: fast-by-tenant, service: s, objective: 90, window: 2h, sli: {latency: {threshold: 80ms}}, groupBy: [attributes.tenant],
           maxGroups: 5, attribution: [attributes.region]}
        - {name: whole, service: s, objective: 99, window: 3d, sli: {availability: {}}}
      """;
  private static final String[] REGIONS = {"eu", "us", "ap", ""};
  private static final String[] OPERATIONS = {"GET /a", "POST /b", "GET /c"};

  @ParameterizedTest(name = "seed {0}, jittering clock {1}, minute batches {2}")
  @CsvSource({"1, false, false", "2, true, false", "3, false, true", "4, true, true"})
  void shouldEqualHandingEveryEventOverAtOnce(long seed, boolean jitteringClock, boolean minuteBatches) throws Exception {
    List<SloDefinition> slos = SloConfigLoader.parse("test", SLOS).slos();
    EngineSettings settings = minuteBatches ? EngineSettings.DEFAULTS.withMinuteBatches() : EngineSettings.DEFAULTS;
    SloEngine atOnce = new SloEngine(slos, settings);
    SloEngine held = new SloEngine(slos, settings);
    List<RandomStreams.Event> stream = RandomStreams.threeDays(seed, 60_000, jitteringClock, r -> {
      // Routes come and go: "legacy" only on the first day, so its groups retire.
      String operation = r.nextInt(10) == 0 ? "legacy" : OPERATIONS[r.nextInt(OPERATIONS.length)];
      Map<String, String> attributes = Map.of("region", REGIONS[r.nextInt(REGIONS.length)], "tenant", "t" + r.nextInt(8));
      int status = r.nextInt(operation.equals("POST /b") ? 3 : 50) == 0 ? 503 : 200;
      // Some latencies at or below a microsecond and below a millisecond: the zero bin and negative bins, held packed.
      double latency = r.nextInt(40) == 0 ? (r.nextBoolean() ? 0 : 0.25) : Math.exp(4 + r.nextGaussian());
      return new RandomStreams.Request("s", operation, attributes, status, latency);
    });
    stream = stream.stream().filter(e -> !e.request().operation().equals("legacy") || e.time() < RandomStreams.START + RandomStreams.DAY)
        .toList();
    Map<String, String> state = assertSameAlong(stream, atOnce, held, seed, (a, b) -> atOnce.flush());
    assertTrue(state.keySet().stream().anyMatch(k -> k.startsWith("fast-by-tenant{tenant=\"_other\"}/sketch/")),
        "groups overflowed into _other, with latency sketches: " + state.keySet().stream().limit(20).toList());
  }
}
