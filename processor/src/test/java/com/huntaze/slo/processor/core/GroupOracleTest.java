package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.processor.Oracle;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grouped SLOs against a brute-force count written from the documented definition: each distinct
 * (operation, region) is an instance whose windows count exactly its events (an event without the
 * region counts under ""), the SLO as a whole equals the sum over its groups, groups without events
 * in the SLO window are retired, and past maxGroups the tracked groups stay exact while "_other"
 * holds everything else.
 */
class GroupOracleTest {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final long START = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();

  private record Event(long millis, String operation, String region, boolean good) {
    String group() {
      return operation + "|" + region;
    }
  }

  private static SloEngine engine(String extra) throws Exception {
    return new SloEngine(SloConfigLoader.parse("test", """
        slos:
          - name: by-route
            service: api
            objective: 99
            window: 1d
            sli: {availability: {}}
            groupBy: [operation, attributes.region]
        """ + extra).slos(), EngineSettings.DEFAULTS);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void shouldCountEveryGroupExactlyAndTheWholeAsTheirSum(long seed) throws Exception {
    SloEngine engine = engine("");
    Random random = new Random(seed);
    List<Event> applied = new ArrayList<>();
    Set<String> retired = new HashSet<>();
    for (long now = START; now < START + 3 * 24 * HOUR; now += MINUTE) {
      if (now % (6 * HOUR) == 0 && now > START) {
        // At an hour's start, before its events: idle groups are retired right at this instant.
        List<Evaluation> evaluations = engine.evaluate(now, new ArrayList<>());
        retired.addAll(engine.takeRetiredKeys());
        check(evaluations, applied, now, retired);
      }
      // Routes come and go: "legacy" only on the first day, "new" from the second.
      List<String> operations = new ArrayList<>(List.of("GET /a", "POST /b", "GET /c"));
      operations.add(now < START + 24 * HOUR ? "legacy" : "new");
      for (int i = random.nextInt(4); i > 0; i--) {
        long late = random.nextInt(10) == 0 ? random.nextInt(20 * 60) * MINUTE : random.nextInt(60_000);
        long millis = Math.max(START, now - late);
        String operation = operations.get(random.nextInt(operations.size()));
        int r = random.nextInt(4);
        String region = r == 0 ? null : r == 1 ? "" : r == 2 ? "eu-west-1" : "us-east-1";
        boolean good = random.nextInt(operation.equals("POST /b") ? 3 : 50) != 0;
        Map<String, String> attributes = region == null ? Map.of("tenant", "t1") : Map.of("region", region, "tenant", "t1");
        SloEngine.Outcome o = engine.apply("api", operation, attributes, good ? 200 : 503, 1, millis, now, now);
        assertNotEquals(SloEngine.Outcome.TOO_OLD, o);
        applied.add(new Event(millis, operation, region == null ? "" : region, good));
      }
    }
    assertTrue(retired.contains("by-route{operation=\"legacy\",region=\"eu-west-1\"}"), "legacy groups retire: " + retired);
  }

  private static void check(List<Evaluation> evaluations, List<Event> applied, long now, Set<String> retired) {
    Evaluation whole = evaluations.stream().filter(e -> e.group().isEmpty()).findFirst().orElseThrow();
    Map<String, Evaluation> groups = new HashMap<>();
    for (Evaluation e : evaluations) {
      if (!e.group().isEmpty()) {
        groups.put(e.group().get(0).value() + "|" + e.group().get(1).value(), e);
      }
    }
    for (WindowResult w : whole.windows()) {
      Oracle window = Oracle.window(w.window().duration(), now);
      Map<String, long[]> expected = new HashMap<>();
      for (Event e : applied) {
        if (window.covers(e.millis())) {
          long[] c = expected.computeIfAbsent(e.group(), k -> new long[2]);
          c[0] += e.good() ? 1 : 0;
          c[1]++;
        }
      }
      long good = 0;
      long total = 0;
      for (Map.Entry<String, Evaluation> g : groups.entrySet()) {
        WindowResult gw = g.getValue().window(w.window().duration()).orElseThrow();
        long[] c = expected.getOrDefault(g.getKey(), new long[2]);
        assertEquals(c[0], gw.good(), g.getKey() + " good over " + w.window().label());
        assertEquals(c[1], gw.total(), g.getKey() + " total over " + w.window().label());
        good += gw.good();
        total += gw.total();
      }
      for (String g : expected.keySet()) {
        assertTrue(groups.containsKey(g), "group " + g + " has events over " + w.window().label() + " but no instance");
      }
      assertEquals(whole.window(w.window().duration()).orElseThrow().good(), good, "whole good = sum over groups");
      assertEquals(whole.window(w.window().duration()).orElseThrow().total(), total, "whole total = sum over groups");
    }
    // Retirement at the hour's start: every instance left has events in the SLO window.
    for (Evaluation g : groups.values()) {
      assertTrue(g.window(g.slo().window()).orElseThrow().total() > 0, g.instanceKey() + " is idle but kept");
    }
  }

  /**
   * A group instance is the SLO it would be with only its group's events: here a latency SLO
   * grouped by operation against one SLO per operation without groupBy (a different path through
   * the engine: no held events, no runs), fed the same stream with late events. Windows, budget,
   * latency quantiles and the threshold value must be equal, which checks that each group gets
   * its own events' latencies, in their order.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void shouldEvaluateAGroupAsTheSloOfItsEventsAlone(long seed) throws Exception {
    String[] operations = {"GET /a", "POST /b", "GET /c"};
    StringBuilder yaml = new StringBuilder("""
        slos:
          - {name: fast, service: api, objective: 95, window: 1d, sli: {latency: {threshold: 120ms}}, groupBy: [operation]}
        """);
    for (int i = 0; i < operations.length; i++) {
      yaml.append("  - {name: only-").append(i).append(", service: api, operation: \"").append(operations[i])
          .append("\", objective: 95, window: 1d, sli: {latency: {threshold: 120ms}}}\n");
    }
    SloEngine engine = new SloEngine(SloConfigLoader.parse("test", yaml.toString()).slos(), EngineSettings.DEFAULTS);
    Random random = new Random(seed);
    int compared = 0;
    int withLatencies = 0;
    for (long now = START; now < START + 2 * 24 * HOUR; now += MINUTE) {
      for (int i = random.nextInt(12); i > 0; i--) {
        long late = random.nextInt(10) == 0 ? random.nextInt(6 * 60) * MINUTE : random.nextInt(60_000);
        String operation = operations[random.nextInt(operations.length)];
        double latencyMs = operation.equals("GET /c")
            ? (random.nextInt(3) == 0 ? 0 : random.nextDouble()) // below a millisecond: the zero bin and negative bins
            : random.nextInt(20) == 0 ? 0 : Math.exp(4.5 + random.nextGaussian() * (operation.equals("POST /b") ? 1.2 : 0.5));
        engine.apply("api", operation, Map.of(), 200, latencyMs, Math.max(START, now - late), now, now);
      }
      if (now % (3 * HOUR) == 0 && now > START) {
        Map<String, Evaluation> byKey = new HashMap<>();
        engine.evaluate(now, new ArrayList<>()).forEach(e -> byKey.put(e.instanceKey(), e));
        for (int i = 0; i < operations.length; i++) {
          Evaluation group = byKey.get("fast{operation=\"" + operations[i] + "\"}");
          Evaluation alone = byKey.get("only-" + i);
          String at = operations[i] + " at " + Instant.ofEpochMilli(now);
          assertEquals(alone.windows().stream().map(w -> w.good() + "/" + w.total()).toList(),
              group.windows().stream().map(w -> w.good() + "/" + w.total()).toList(), at);
          assertEquals(alone.budgetRemaining(), group.budgetRemaining(), at);
          assertEquals(alone.latencyQuantiles(), group.latencyQuantiles(), at);
          assertEquals(alone.thresholdValue(), group.thresholdValue(), at);
          compared++;
          withLatencies += group.latencyQuantiles().isEmpty() ? 0 : 1;
        }
      }
    }
    assertEquals(15 * 3, compared);
    assertTrue(withLatencies > 40, "quantiles compared: " + withLatencies);
  }

  @Test
  void shouldKeepARealOtherValueApartFromTheOverflowGroup() throws Exception {
    // One key: the overflow group's key, {region="_other"}, is what a real "_other" would get unescaped.
    SloEngine engine = new SloEngine(SloConfigLoader.parse("test", """
        slos: [{name: by-route, service: api, objective: 99, window: 1d, sli: {availability: {}}, groupBy: [attributes.region],
                maxGroups: 2}]
        """).slos(), EngineSettings.DEFAULTS);
    long now = START + HOUR;
    // Sent in this order: the real "_other" and "a" take the two places; "b" overflows.
    String[][] sent = {{"_other", "500"}, {"_other", "500"}, {"_other", "500"}, {"a", "200"}, {"a", "200"}, {"b", "200"},
        {"b", "200"}, {"b", "200"}, {"b", "200"}, {"__other", "200"}};
    for (String[] e : sent) {
      engine.apply("api", "GET /c", Map.of("region", e[0]), Integer.parseInt(e[1]), 1, now, now, now);
    }
    Map<String, Long> totals = new HashMap<>();
    Map<String, Long> goods = new HashMap<>();
    for (Evaluation e : engine.evaluate(now, new ArrayList<>())) {
      WindowResult w = e.window(java.time.Duration.ofDays(1)).orElseThrow();
      totals.put(e.instanceKey(), w.total());
      goods.put(e.instanceKey(), w.good());
    }
    assertEquals(Map.of("by-route", 10L, "by-route{region=\"__other\"}", 3L, "by-route{region=\"a\"}", 2L,
        "by-route{region=\"_other\"}", 5L), totals, "the real _other is tracked as __other; the overflow holds b and __other");
    assertEquals(0L, goods.get("by-route{region=\"__other\"}"));
    assertEquals(5L, goods.get("by-route{region=\"_other\"}"));
  }

  @Test
  void shouldKeepTrackedGroupsExactAndCountEverythingElseInOther() throws Exception {
    SloEngine engine = engine("    maxGroups: 3\n");
    Random random = new Random(11);
    Map<String, long[]> truth = new HashMap<>();
    LinkedHashSet<String> firstSeen = new LinkedHashSet<>();
    long now = START + HOUR;
    for (int i = 0; i < 5000; i++) {
      String operation = "op" + random.nextInt(9);
      boolean good = random.nextInt(5) != 0;
      engine.apply("api", operation, Map.of("region", "eu"), good ? 200 : 500, 1, now - random.nextInt(600_000), now, now);
      firstSeen.add(operation);
      long[] c = truth.computeIfAbsent(operation, k -> new long[2]);
      c[0] += good ? 1 : 0;
      c[1]++;
    }
    List<Evaluation> evaluations = engine.evaluate(now, new ArrayList<>());
    List<String> tracked = new ArrayList<>(firstSeen).subList(0, 3);
    long otherGood = 0;
    long otherTotal = 0;
    for (Map.Entry<String, long[]> t : truth.entrySet()) {
      if (!tracked.contains(t.getKey())) {
        otherGood += t.getValue()[0];
        otherTotal += t.getValue()[1];
      }
    }
    Evaluation whole = null;
    Evaluation other = null;
    int groups = 0;
    for (Evaluation e : evaluations) {
      if (e.group().isEmpty()) {
        whole = e;
        continue;
      }
      groups++;
      WindowResult w = e.window(java.time.Duration.ofDays(1)).orElseThrow();
      String op = e.group().get(0).value();
      if (op.equals(SloGroups.OTHER)) {
        other = e;
        assertEquals(SloGroups.OTHER, e.group().get(1).value());
      } else {
        assertTrue(tracked.contains(op), op + " is not among the first three groups " + tracked);
        assertEquals(truth.get(op)[0], w.good());
        assertEquals(truth.get(op)[1], w.total());
      }
    }
    assertEquals(4, groups, "three tracked groups and _other");
    assertEquals(otherGood, other.window(java.time.Duration.ofDays(1)).orElseThrow().good());
    assertEquals(otherTotal, other.window(java.time.Duration.ofDays(1)).orElseThrow().total());
    assertEquals(new Evaluation.Groups(3, 6), whole.groups(), "3 tracked, 6 distinct groups overflowed");
  }
}
