package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The late-data log: one line per SLO per minute at most, only when its counts moved. */
class LateDataLogTest {
  private static Evaluation evaluation(SloDefinition slo, List<GroupValue> group, LateData late) {
    return new Evaluation(slo, 0, List.of(), OptionalDouble.empty(), OptionalDouble.empty(), Map.of(),
        OptionalDouble.empty(), OptionalDouble.empty(), late, List.of(), List.of(), null, group,
        Evaluation.Groups.NONE, List.of());
  }

  @Test
  void shouldLogAGroupedSloOnceWithTheWholeSlosCountsAndNotAgainWhileTheyStayTheSame() throws Exception {
    SloDefinition slo = SloConfigLoader.parse("t", """
        slos:
          - name: by-route
            service: s
            objective: 99
            sli: {availability: {}}
            groupBy: [operation]
        """).slos().get(0);
    LateData whole = new LateData(648, 1_199_396, 25, 0, 0, 5000);
    LateData groupA = new LateData(321, 1000, 0, 0, 0, 5000);
    LateData groupB = new LateData(307, 1000, 0, 0, 0, 5000);
    List<Evaluation> emit = List.of(
        evaluation(slo, List.of(), whole),
        evaluation(slo, List.of(new GroupValue("operation", "operation", "GET /a")), groupA),
        evaluation(slo, List.of(new GroupValue("operation", "operation", "POST /b")), groupB));
    LateDataLog log = new LateDataLog();

    List<String> first = log.lines(emit, 0);
    assertEquals(1, first.size(), first.toString());
    assertTrue(first.get(0).startsWith("SLO by-route: 648 late events applied (+648"), first.get(0));
    assertTrue(first.get(0).contains("25 refused as too old (+25)"), first.get(0));
    assertTrue(first.get(0).contains("latest 19m 59s behind the newest"), first.get(0)); // not 1199396ms
    LateData refusedOnly = new LateData(0, 0, 0, 3, 0, 5000);
    String line = new LateDataLog().lines(List.of(evaluation(slo, List.of(), refusedOnly)), 0).get(0);
    assertTrue(line.startsWith("SLO by-route: 0 late events applied (+0), 0 refused"), line + ": no lateness without late events");

    for (long clock = 60_000; clock <= 600_000; clock += 60_000) {
      assertEquals(List.of(), log.lines(emit, clock), "nothing moved at " + clock);
    }
  }

  @Test
  void shouldNotLogTheTalliesATaskRestoredAgainAsIfTheyHadJustArrived() throws Exception {
    SloEngine engine = new SloEngine(SloConfigLoader.parse("t", """
        slos:
          - {name: avail, service: api, objective: 99, window: 1d, sli: {availability: {}}}
        """).slos(), EngineSettings.DEFAULTS);
    long now = java.time.Instant.parse("2026-11-02T12:00:00Z").toEpochMilli();
    engine.apply("api", "GET /a", 200, 5, now, now, now);
    for (int i = 0; i < 20; i++) {
      engine.apply("api", "GET /a", 200, 5, now - 20 * 60_000, now, now);
    }
    LateDataLog restarted = new LateDataLog();
    restarted.restored(engine.states());
    assertEquals(List.of(), restarted.lines(engine.evaluate(now, new java.util.ArrayList<>()), now));

    engine.apply("api", "GET /a", 200, 5, now - 20 * 60_000, now + 1000, now + 1000);
    List<String> next = restarted.lines(engine.evaluate(now + 1000, new java.util.ArrayList<>()), now + 1000);
    assertEquals(1, next.size(), next.toString());
    assertTrue(next.get(0).startsWith("SLO avail: 21 late events applied (+1,"), next.get(0));
  }
}
