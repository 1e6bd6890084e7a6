package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.huntaze.slo.processor.core.StateDump.assertSameAlong;
import static com.huntaze.slo.processor.core.StateDump.assertSameState;
import static com.huntaze.slo.processor.core.StateDump.drain;

import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The replay's per-minute batches ({@link MinuteBatch}) against adding every event at once, on
 * random streams with disorder, late backlogs (hours and days), events older than every window,
 * events too far ahead, excluded periods (one-off and recurring) and both kinds of "now": the
 * replay's stream time, and a clock that jitters back and forth. Every event's outcome, every
 * evaluation (windows, budgets, quantiles, throughput, late tally, alerts) and every ring slot
 * and latency sketch must be the same.
 */
class MinuteBatchTest {
  private static final long MINUTE = RandomStreams.MINUTE;
  private static final long START = RandomStreams.START;
  static final String SLOS = """
      exclude:
        - {from: 2026-10-21T09:00:00Z, to: 2026-10-21T10:30:00Z, reason: "planned DB migration"}
      slos:
        - {name: avail, service: s, objective: 99, window: 30d, sli: {availability: {}}, alerting: {threshold: 98}}
        - {name: get-errors, service: s, operation: "GET *", objective: 99.5, window: 7d, sli: {errorRate: {}},
           exclude: [{every: day, at: "23:30", for: 45m, timeZone: Europe/Paris, reason: "nightly batch"}]}
        - {name: fast, service: s, objective: 90, window: 1d, sli: {latency: {threshold: 80ms}}, alerting: {threshold: 85, thresholdWindow: 10m}}
        - {name: orders-fast, service: s, operation: "*/orders*", objective: 95, window: 2h, sli: {latency: {threshold: 150ms}}}
        - {name: rps, service: s, sli: {throughput: {minRps: 1}}, alerting: {threshold: 0.5}}
        - {name: t-avail, service: t, objective: 99.9, window: 3d, sli: {availability: {}}}
        - {name: t-latency, service: t, objective: 99, window: 28d, sli: {latency: {threshold: 1s}}}
      """;
  private static final String[] SERVICES = {"s", "s", "s", "t", "u"};
  private static final String[] OPERATIONS = {"GET /api/users", "POST /api/orders", "GET /api/orders/{id}", "DELETE /x"};

  @ParameterizedTest(name = "seed {0}, jittering clock {1}")
  @CsvSource({"1, false", "2, false", "3, false", "4, true", "5, true"})
  void shouldEqualAddingEveryEventAtOnce(long seed, boolean jitteringClock) throws Exception {
    List<SloDefinition> slos = SloConfigLoader.parse("test", SLOS).slos();
    SloEngine direct = new SloEngine(slos, EngineSettings.DEFAULTS);
    SloEngine batched = new SloEngine(slos, EngineSettings.DEFAULTS.withMinuteBatches());
    Map<SloEngine.Outcome, Integer> outcomes = new EnumMap<>(SloEngine.Outcome.class);
    List<RandomStreams.Event> stream = RandomStreams.threeDays(seed, 150_000, jitteringClock, r -> new RandomStreams.Request(
        SERVICES[r.nextInt(SERVICES.length)], OPERATIONS[r.nextInt(OPERATIONS.length)], Map.of(),
        r.nextInt(50) == 0 ? 503 : r.nextInt(20) == 0 ? 404 : 200, r.nextInt(200) == 0 ? 0 : Math.exp(4 + r.nextGaussian())));
    assertSameAlong(stream, direct, batched, seed, (a, b) -> {
      assertEquals(a, b, "outcome");
      outcomes.merge(a, 1, Integer::sum);
    });
    for (SloEngine.Outcome o : SloEngine.Outcome.values()) {
      if (o == SloEngine.Outcome.DEFERRED) {
        continue; // only with event batches (EventBatchTest)
      }
      assertTrue(outcomes.getOrDefault(o, 0) > 50, "the streams exercise " + o + ": " + outcomes);
    }
  }

  /**
   * Straight to one SLO, without the engine's check of how far ahead an event may be: buckets far
   * ahead of "now" then share ring slots with current ones, and the batch must add the minutes it
   * holds before taking one that would share a slot.
   */
  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2", "3"})
  void shouldEqualAddingEveryEventAtOnceWithoutTheEngineSkewCheck(long seed) throws Exception {
    for (SloDefinition slo : SloConfigLoader.parse("test", SLOS).slos()) {
      SloState direct = new SloState(slo, EngineSettings.DEFAULTS);
      SloState batched = new SloState(slo, EngineSettings.DEFAULTS.withMinuteBatches());
      Map<String, String> directState = new TreeMap<>();
      Map<String, String> batchedState = new TreeMap<>();
      Random random = new Random(seed);
      long now = START;
      for (int i = 0; i < 20_000; i++) {
        now += random.nextInt(2_000);
        long eventTime = now - random.nextInt(60_000);
        if (random.nextInt(50) == 0) {
          eventTime += (1 + random.nextInt(400)) * (random.nextBoolean() ? MINUTE : 10 * MINUTE); // far ahead of now
        }
        int status = random.nextInt(20) == 0 ? 503 : 200;
        double latency = Math.exp(4 + random.nextGaussian());
        assertEquals(direct.record(eventTime, now, status, latency), batched.record(eventTime, now, status, latency),
            slo.name() + ": event " + i);
        if (random.nextInt(3_000) == 0) {
          assertEquals(direct.evaluate(now, new ArrayList<>()), batched.evaluate(now, new ArrayList<>()), slo.name() + ": event " + i);
        }
      }
      assertEquals(direct.evaluate(now, new ArrayList<>()), batched.evaluate(now, new ArrayList<>()), slo.name());
      drain(slo.name(), direct, directState);
      drain(slo.name(), batched, batchedState);
      assertSameState(directState, batchedState, "for " + slo.name());
    }
  }
}
