package com.huntaze.slo.processor.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.core.WindowSpec;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random event streams against a brute-force count over the raw events: every window of every
 * SLO in every published status must match exactly, with out-of-order events, events late beyond
 * the grace, events from skewed clocks, and hours without traffic.
 */
class SloOracleTest {
  private static final String SLOS = """
      slos:
        - {name: a-all, service: a, objective: 99.9, sli: {availability: {}}}
        - {name: a-get, service: a, operation: "GET /api/*", objective: 99, window: 7d, sli: {errorRate: {}}}
        - {name: a-fast, service: a, operation: "*/users*", objective: 95, window: 1d, sli: {latency: {threshold: 120ms}}}
        - {name: b-all, service: b, objective: 99.5, window: 28d, sli: {availability: {}}}
        - {name: b-tp, service: b, sli: {throughput: {minRps: 1}}, alerting: {threshold: 0.5}}
        - {name: c-none, service: c, objective: 90, window: 2h, sli: {availability: {}}}
      """;
  private static final String[] SERVICES = {"a", "b", "c", "zz"};
  private static final String[] OPERATIONS = {"GET /api/users", "GET /api/orders", "POST /api/users", "GET /health"};

  private record Sent(RequestEvent event, boolean admitted) {
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void shouldMatchBruteForceCountsExactly(long seed) throws Exception {
    Random random = new Random(seed);
    SloConfig config = SloConfigLoader.parse("oracle", SLOS);
    EngineSettings engine = EngineSettings.DEFAULTS;
    Instant start = Instant.parse("2026-10-01T00:00:00Z").plusMillis(random.nextInt(3_600_000));
    List<Sent> sent = new ArrayList<>();
    int statuses = 0;
    try (TestPipeline pipeline = new TestPipeline(config, EvaluationClock.LIVE, start, engine)) {
      long now = start.toEpochMilli();
      long streamTime = Long.MIN_VALUE;
      for (int step = 0; step < 120; step++) {
        int burst = random.nextInt(10) == 0 ? 0 : random.nextInt(200);
        for (int i = 0; i < burst; i++) {
          long recordTime = now - random.nextInt(2_000);
          // Mostly on time, some minutes late, a few beyond the grace, a few from clocks running ahead.
          long delay = switch (random.nextInt(20)) {
            case 0 -> Duration.ofMinutes(9 + random.nextInt(4)).toMillis();
            case 1 -> -Duration.ofMinutes(4 + random.nextInt(3)).toMillis();
            case 2, 3 -> random.nextInt(600_000);
            default -> random.nextInt(5_000);
          };
          RequestEvent e = TestPipeline.event(SERVICES[random.nextInt(SERVICES.length)], OPERATIONS[random.nextInt(OPERATIONS.length)],
              random.nextInt(30) == 0 ? 500 + random.nextInt(4) : 200, Math.exp(random.nextGaussian() + 4.5), recordTime - delay);
          streamTime = Math.max(streamTime, recordTime);
          long eventTime = e.getEventTime().toEpochMilli();
          boolean admitted = eventTime >= streamTime - engine.grace().toMillis()
              && eventTime <= recordTime + engine.maxFuture().toMillis();
          sent.add(new Sent(e, admitted));
          pipeline.send(e, recordTime);
        }
        long advance = switch (random.nextInt(12)) {
          case 0 -> Duration.ofHours(1 + random.nextInt(5)).toMillis(); // a quiet spell
          case 1 -> Duration.ofMinutes(10 + random.nextInt(50)).toMillis();
          default -> 5_000 + random.nextInt(60_000);
        };
        pipeline.driver.advanceWallClockTime(Duration.ofMillis(advance));
        now += advance;
        for (TestRecord<String, SloStatus> r : pipeline.status.readRecordsToList()) {
          check(config.byName().get(r.key()), r.value(), sent);
          statuses++;
        }
      }
    }
    assertTrue(statuses > 100, "enough statuses compared: " + statuses);
    assertTrue(sent.stream().anyMatch(s -> !s.admitted()), "the stream had rejected events");
  }

  private static void check(SloDefinition slo, SloStatus status, List<Sent> sent) {
    long at = status.getAsOf().toEpochMilli();
    for (WindowStats w : status.getWindows()) {
      WindowSpec window = WindowSpec.of(Duration.ofSeconds(w.getSeconds()));
      long from = window.fromMillis(at);
      long to = window.toMillis(at);
      long good = 0;
      long total = 0;
      for (Sent s : sent) {
        RequestEvent e = s.event();
        long t = e.getEventTime().toEpochMilli();
        if (s.admitted() && covers(slo, e) && t >= from && t < to) {
          total++;
          if (isGood(slo, e)) {
            good++;
          }
        }
      }
      String where = slo.name() + " window " + w.getWindow() + " at " + status.getAsOf();
      assertEquals(total, w.getTotal(), where + " total");
      assertEquals(good, w.getGood(), where + " good");
    }
    long rejected = sent.stream().filter(s -> !s.admitted() && covers(slo, s.event())).count();
    assertEquals(rejected, status.getLateEventsDropped(), slo.name() + " late/rejected count");
  }

  private static boolean covers(SloDefinition slo, RequestEvent e) {
    return slo.service().equals(e.getService()) && slo.matchesOperation(e.getOperation());
  }

  private static boolean isGood(SloDefinition slo, RequestEvent e) {
    return switch (slo.sli().kind()) {
      case "latency" -> e.getLatencyMs() <= 120;
      case "throughput" -> true;
      default -> e.getStatus() < 500;
    };
  }
}
