package com.huntaze.slo.processor.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import com.huntaze.slo.processor.Oracle;
import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random event streams against a brute-force count written from the documented definitions
 * ({@link Oracle}): every window of every SLO in every published status must match exactly, and so
 * must the late and refused counts. Several services share the one partition; events arrive
 * minutes, hours and days late, older than their SLO's window, ahead of the clock, and between
 * hours without traffic.
 */
class SloOracleTest {
  private static final String SLOS = """
      slos:
        - {name: a-all, service: a, objective: 99.9, sli: {availability: {}}}
        - {name: a-get, service: a, operation: "GET /api/*", objective: 99, window: 7d, sli: {errorRate: {}}}
        - {name: a-fast, service: a, operation: "*/users*", objective: 95, window: 1d, sli: {latency: {threshold: 120ms}}}
        - {name: b-all, service: b, objective: 99.5, window: 28d, sli: {availability: {}}}
        - {name: b-tp, service: b, sli: {throughput: {minRps: 1}}, alerting: {threshold: 0.5}}
        - {name: c-short, service: c, objective: 90, window: 2h, sli: {availability: {}}, alerting: {thresholdWindow: 3h}}
      """;
  private static final String[] SERVICES = {"a", "b", "c", "zz"};
  private static final String[] OPERATIONS = {"GET /api/users", "GET /api/orders", "POST /api/users", "GET /health"};
  private static final long SKEW = EngineSettings.DEFAULTS.maxFuture().toMillis();
  private static final long MINUTE = 60_000;

  /** What the definition says each SLO saw: the events it applied, and its late and refused tallies. */
  private static final class Expected {
    final List<RequestEvent> applied = new ArrayList<>();
    long newest = Long.MIN_VALUE;
    long late;
    long lastLateness;
    long tooOld;
    long tooFarAhead;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void shouldMatchBruteForceCountsExactly(long seed) throws Exception {
    Random random = new Random(seed);
    SloConfig config = SloConfigLoader.parse("oracle", SLOS);
    Map<String, Expected> expected = new HashMap<>();
    config.slos().forEach(s -> expected.put(s.name(), new Expected()));
    Instant start = Instant.parse("2026-10-01T00:00:00Z").plusMillis(random.nextInt(3_600_000));
    int statuses = 0;
    try (TestPipeline pipeline = new TestPipeline(config, start, EngineSettings.DEFAULTS)) {
      long now = start.toEpochMilli();
      for (int step = 0; step < 150; step++) {
        int burst = random.nextInt(10) == 0 ? 0 : random.nextInt(150);
        for (int i = 0; i < burst; i++) {
          long recordTime = now - random.nextInt(2_000);
          RequestEvent e = TestPipeline.event(SERVICES[random.nextInt(SERVICES.length)], OPERATIONS[random.nextInt(OPERATIONS.length)],
              random.nextInt(30) == 0 ? 500 + random.nextInt(4) : 200, Math.exp(random.nextGaussian() + 4.5),
              recordTime - delay(random));
          for (SloDefinition slo : config.slos()) {
            if (covers(slo, e)) {
              admit(slo, expected.get(slo.name()), e, recordTime, now);
            }
          }
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
          check(config.byName().get(r.key()), r.value(), expected.get(r.key()));
          statuses++;
        }
      }
    }
    assertTrue(statuses > 100, "enough statuses compared: " + statuses);
    assertTrue(expected.values().stream().anyMatch(x -> x.late > 0), "the stream had late events");
    assertTrue(expected.values().stream().anyMatch(x -> x.tooOld > 0), "the stream had events older than a window");
    assertTrue(expected.values().stream().anyMatch(x -> x.tooFarAhead > 0), "the stream had events from clocks ahead");
  }

  /** Mostly on time; some minutes, hours or days late; some older than any window; some ahead of the clock. */
  private static long delay(Random random) {
    return switch (random.nextInt(25)) {
      case 0 -> Duration.ofMinutes(1 + random.nextInt(59)).toMillis();
      case 1 -> Duration.ofHours(1 + random.nextInt(23)).toMillis();
      case 2 -> Duration.ofDays(1 + random.nextInt(6)).toMillis() + random.nextInt(3_600_000);
      case 3 -> Duration.ofDays(20 + random.nextInt(20)).toMillis();
      case 4 -> -Duration.ofMinutes(3 + random.nextInt(5)).toMillis();
      default -> random.nextInt(5_000);
    };
  }

  /**
   * The documented admission rule: refused when further ahead than the skew (of the record's time or
   * of now), or when older than every window the SLO keeps (its longest window and its threshold
   * window, evaluated now); otherwise applied, and late when over a minute behind the newest event
   * the SLO had applied.
   */
  private static void admit(SloDefinition slo, Expected x, RequestEvent e, long recordTime, long now) {
    long t = e.getEventTime().toEpochMilli();
    if (t > recordTime + SKEW || t > now + SKEW) {
      x.tooFarAhead++;
      return;
    }
    long keptFrom = Math.min(Oracle.window(slo.window(), now).fromMillis(),
        Oracle.window(slo.alerting().thresholdWindow(), now).fromMillis());
    if (t < keptFrom) {
      x.tooOld++;
      return;
    }
    x.applied.add(e);
    if (t > x.newest) {
      x.newest = t;
    } else if (x.newest - t > MINUTE) {
      x.late++;
      x.lastLateness = x.newest - t;
    }
  }

  private static void check(SloDefinition slo, SloStatus status, Expected x) {
    long at = status.getAsOf().toEpochMilli();
    for (WindowStats w : status.getWindows()) {
      Oracle window = Oracle.window(Duration.ofSeconds(w.getSeconds()), at);
      long good = 0;
      long total = 0;
      for (RequestEvent e : x.applied) {
        if (window.covers(e.getEventTime().toEpochMilli())) {
          total++;
          good += isGood(slo, e) ? 1 : 0;
        }
      }
      String where = slo.name() + " window " + w.getWindow() + " at " + status.getAsOf();
      assertEquals(total, w.getTotal(), where + " total");
      assertEquals(good, w.getGood(), where + " good");
    }
    assertEquals(x.late, status.getLateEventsApplied(), slo.name() + " late events applied");
    assertEquals(x.late == 0 ? null : x.lastLateness, status.getLastLatenessMs(), slo.name() + " latest lateness");
    assertEquals(x.tooOld, status.getRejectedTooOld(), slo.name() + " refused as too old");
    assertEquals(x.tooFarAhead, status.getRejectedTooFarAhead(), slo.name() + " refused as too far ahead");
    assertEquals(x.tooOld + x.tooFarAhead, status.getLateEventsDropped(), slo.name() + " refused in all");
  }

  private static boolean covers(SloDefinition slo, RequestEvent e) {
    return slo.service().equals(e.getService())
        && slo.operation().map(glob -> Oracle.globMatches(glob, e.getOperation())).orElse(true);
  }

  private static boolean isGood(SloDefinition slo, RequestEvent e) {
    return switch (slo.sli().kind()) {
      case "latency" -> e.getLatencyMs() <= 120;
      case "throughput" -> true;
      default -> e.getStatus() < 500;
    };
  }
}
