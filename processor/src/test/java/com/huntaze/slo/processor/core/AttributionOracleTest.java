package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.slo.SloConfigLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Attribution against a brute force written from docs/processor.md: windows 5m and 1h cover whole
 * minutes, 1d and the SLO window whole hours, each ending with the bucket holding the evaluation
 * time; contributors are the values with bad events, most bad first (then by value), at most 10 per
 * window and key. While every bucket sees at most 32 distinct values the counts are exact; beyond,
 * each bad count misses at most maxUndercount <= window bad / 33, and totals never overcount.
 */
class AttributionOracleTest {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final long START = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
  private static final Map<String, long[]> WINDOWS = Map.of( // label -> {length, bucket}
      "5m", new long[] {5 * MINUTE, MINUTE}, "1h", new long[] {HOUR, MINUTE},
      "1d", new long[] {24 * HOUR, HOUR}, "3d", new long[] {72 * HOUR, HOUR});

  private record Event(long millis, String operation, String tenant, boolean bad) {
  }

  private static SloState slo() throws Exception {
    return new SloState(SloConfigLoader.parse("test", """
        slos:
          - {name: api, service: api, objective: 99, window: 3d, sli: {availability: {}},
             attribution: [operation, attributes.tenant]}
        """).slos().get(0), EngineSettings.DEFAULTS);
  }

  private static List<Event> stream(Random random, int tenants, boolean skewed) {
    List<Event> events = new ArrayList<>();
    for (long now = START; now < START + 50 * HOUR; now += MINUTE) {
      for (int i = 0; i < 6; i++) {
        long millis = now - (random.nextInt(20) == 0 ? random.nextInt(300) * MINUTE : random.nextInt(60_000));
        String operation = "op" + random.nextInt(12);
        int t = skewed && random.nextInt(3) == 0 ? 0 : random.nextInt(tenants);
        boolean bad = random.nextInt(operation.equals("op3") || t == 0 ? 2 : skewed ? 4 : 15) == 0;
        events.add(new Event(millis, operation, "tenant-" + t, bad));
      }
    }
    return events;
  }

  private static List<Contributor> run(List<Event> events, long at) throws Exception {
    SloState state = slo();
    for (Event e : events) {
      state.record(e.millis(), Resolution.bucketsOf(e.millis()), Resolution.bucketsOf(at), e.bad() ? 500 : 200, 1,
          0, EventFields.of(e.operation(), Map.of("tenant", e.tenant())));
    }
    return state.evaluate(at, new ArrayList<>()).contributors();
  }

  /** {bad, total} per value of a key over a window, and the window's bad events under "". */
  private static Map<String, long[]> truth(List<Event> events, String window, boolean byOperation, long at) {
    long[] w = WINDOWS.get(window);
    long last = Math.floorDiv(at, w[1]);
    long from = (last - w[0] / w[1] + 1) * w[1];
    long to = (last + 1) * w[1];
    Map<String, long[]> out = new HashMap<>();
    for (Event e : events) {
      if (e.millis() >= from && e.millis() < to) {
        long[] c = out.computeIfAbsent(byOperation ? e.operation() : e.tenant(), k -> new long[2]);
        c[0] += e.bad() ? 1 : 0;
        c[1]++;
        out.computeIfAbsent("", k -> new long[2])[0] += e.bad() ? 1 : 0;
      }
    }
    return out;
  }

  @Test
  void shouldEqualTheBruteForceWhenTheValuesFitTheSummary() throws Exception {
    List<Event> events = stream(new Random(5), 20, false);
    long at = START + 50 * HOUR - 1;
    List<Contributor> found = run(events, at);
    for (String window : WINDOWS.keySet()) {
      for (boolean byOperation : new boolean[] {true, false}) {
        String key = byOperation ? "operation" : "attributes.tenant";
        Map<String, long[]> truth = truth(events, window, byOperation, at);
        long windowBad = truth.remove("")[0];
        List<Contributor> expected = truth.entrySet().stream().filter(e -> e.getValue()[0] > 0)
            .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
            .limit(10)
            .map(e -> new Contributor(window, key, e.getKey(), e.getValue()[0], e.getValue()[1], windowBad, 0))
            .toList();
        List<Contributor> actual = found.stream().filter(c -> c.window().equals(window) && c.key().equals(key)).toList();
        assertEquals(expected, actual, key + " over " + window);
        assertTrue(!actual.isEmpty());
      }
    }
  }

  @Test
  void shouldStayWithinTheDocumentedBoundBeyondIt() throws Exception {
    List<Event> events = stream(new Random(6), 400, true);
    long at = START + 50 * HOUR - 1;
    List<Contributor> found = run(events, at);
    assertTrue(found.stream().anyMatch(c -> c.window().equals("1d") && c.maxUndercount() > 0), "hour buckets overflow here");
    for (String window : WINDOWS.keySet()) {
      Map<String, long[]> truth = truth(events, window, false, at);
      long windowBad = truth.get("")[0];
      List<Contributor> tenants = found.stream().filter(c -> c.window().equals(window) && c.key().equals("attributes.tenant")).toList();
      assertEquals("tenant-0", tenants.get(0).value(), "the heavy hitter leads over " + window);
      for (Contributor c : tenants) {
        long[] t = truth.get(c.value());
        assertEquals(windowBad, c.windowBad(), "the window's bad events are exact");
        assertTrue(c.maxUndercount() <= windowBad / 33, "bound " + c.maxUndercount() + " over " + window);
        assertTrue(c.bad() <= t[0] && c.bad() >= t[0] - c.maxUndercount(), c + " vs true bad " + t[0]);
        assertTrue(c.total() <= t[1], c + " vs true total " + t[1]);
      }
    }
  }
}
