package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Group instances and attribution go through the store like the rest of the state: an engine
 * restored from what another drained evaluates the same, and a retired group leaves no record.
 */
class GroupRestoreTest {
  private static final long MINUTE = 60_000;
  private static final long START = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();

  /** A key-value store of drained records: key -> how to put the record back into an instance. */
  private final Map<String, Consumer<StateSync>> store = new HashMap<>();

  private StateChanges writer(String instance) {
    return new StateChanges() {
      @Override
      public void bucketPage(Resolution r, BucketPage drained) {
        BucketPage page = drained.copy();
        store.put(instance + " P" + r + page.page(), s -> s.restoreBucketPage(r, page));
      }

      @Override
      public void deleteBucketPage(Resolution r, int page) {
        store.remove(instance + " P" + r + page);
      }

      @Override
      public void deleteBucket(Resolution r, int slot) {
        store.remove(instance + " B" + r + slot);
      }

      @Override
      public void sketch(int slot, long minute, LatencySketch sketch) {
        store.put(instance + " S" + slot, s -> s.restoreSketch(slot, minute, sketch));
      }

      @Override
      public void deleteSketch(int slot) {
        store.remove(instance + " S" + slot);
      }

      @Override
      public void meta(Meta meta) {
        store.put(instance + " M", s -> s.restoreMeta(meta));
      }

      @Override
      public void summary(int key, Resolution r, int slot, Summary summary) {
        store.put(instance + " A" + key + r + slot, s -> s.restoreSummary(key, r, slot, summary));
      }

      @Override
      public void deleteSummary(int key, Resolution r, int slot) {
        store.remove(instance + " A" + key + r + slot);
      }

      @Override
      public void deleteMeta() {
        store.remove(instance + " M");
      }
    };
  }

  private void persist(SloEngine engine) {
    for (SloState retired : engine.takeRetiredStates()) {
      retired.persistence().drainDeletion(writer(retired.instanceKey()));
    }
    for (SloState s : engine.instances()) {
      s.persistence().drainChanges(writer(s.instanceKey()));
    }
  }

  private SloEngine restored(List<SloDefinition> slos) {
    SloEngine engine = new SloEngine(slos, EngineSettings.DEFAULTS);
    store.forEach((key, restore) -> {
      SloState state = engine.restoring(key.substring(0, key.lastIndexOf(' ')));
      if (state != null) { // null: no SLO takes it any more (the store deletes such records)
        restore.accept(state.persistence());
      }
    });
    engine.instances().forEach(s -> s.persistence().finishRestore()); // as the store does once every record is back
    return engine;
  }

  @Test
  void shouldRestoreGroupsAndAttributionAndForgetRetiredGroups() throws Exception {
    List<SloDefinition> slos = SloConfigLoader.parse("t", """
        slos:
          - {name: by-region, service: api, objective: 99, window: 1d, sli: {latency: {threshold: 100ms}},
             groupBy: [attributes.region, operation], attribution: [operation, attributes.tenant]}
        """).slos();
    SloEngine engine = new SloEngine(slos, EngineSettings.DEFAULTS);
    Random random = new Random(3);
    long now = START;
    for (int i = 0; i < 20_000; i++) {
      now = START + i * 3_000L;
      // "_other" is a real region here, not the overflow group: after a restart its events find it again.
      // 4 regions x 8 operations: more groups than the first table of places holds, so restoring grows it.
      String region = i < 10_000 ? "gone \"old\"\n" : List.of("eu", "us", "_other").get(random.nextInt(3));
      engine.apply("api", "op" + random.nextInt(8), Map.of("region", region, "tenant", "t" + random.nextInt(50)), 200,
          random.nextDouble() * 150, now - random.nextInt(600_000), now, now);
      if (i % 4000 == 0) {
        persist(engine);
      }
    }
    persist(engine);
    long at = now;
    assertEquals(sorted(engine.evaluate(at, new ArrayList<>())), sorted(restored(slos).evaluate(at, new ArrayList<>())));

    // A day later the "gone" groups have no events in the window: retired, and their records deleted.
    long later = START + 10_000 * 3_000L + 26 * 3_600_000L;
    List<Evaluation> after = engine.evaluate(later, new ArrayList<>());
    assertTrue(engine.takeRetiredKeys().stream().anyMatch(k -> k.contains("gone")));
    persist(engine);
    assertTrue(store.keySet().stream().noneMatch(k -> k.contains("gone")), "records of retired groups are deleted");
    assertTrue(after.stream().noneMatch(e -> e.instanceKey().contains("gone")));
    assertEquals(sorted(engine.evaluate(later, new ArrayList<>())), sorted(restored(slos).evaluate(later, new ArrayList<>())));

    // After a restart an event of the real region "_other" finds its restored group (exported as "__other").
    SloEngine again = restored(slos);
    for (SloEngine e : List.of(engine, again)) {
      e.apply("api", "op1", Map.of("region", "_other", "tenant", "t1"), 500, 10, later, later, later);
    }
    List<Evaluation> afterRestart = sorted(again.evaluate(later, new ArrayList<>()));
    assertEquals(sorted(engine.evaluate(later, new ArrayList<>())), afterRestart);
    assertEquals(1, afterRestart.stream().filter(e -> e.instanceKey().equals("by-region{region=\"__other\",operation=\"op1\"}")).count());
  }

  @Test
  void shouldRemoveTheStatusOfStateNoSloTakesAnyMore() throws Exception {
    List<SloDefinition> before = SloConfigLoader.parse("t", """
        slos:
          - {name: kept, service: api, objective: 99, sli: {availability: {}}}
          - {name: removed, service: api, objective: 99, sli: {availability: {}}, groupBy: [attributes.region]}
          - {name: narrowed, service: api, objective: 99, sli: {availability: {}}, groupBy: [attributes.region], maxGroups: 2}
        """).slos();
    SloEngine engine = new SloEngine(before, EngineSettings.DEFAULTS);
    for (String region : List.of("eu", "us")) {
      engine.apply("api", "GET /x", Map.of("region", region), 200, 1, START, START, START);
    }
    engine.evaluate(START, new ArrayList<>());
    persist(engine);
    // The next start: "removed" is gone from slos.yaml, "narrowed" keeps one group instead of two.
    List<SloDefinition> after = SloConfigLoader.parse("t", """
        slos:
          - {name: kept, service: api, objective: 99, sli: {availability: {}}}
          - {name: narrowed, service: api, objective: 99, sli: {availability: {}}, groupBy: [attributes.region], maxGroups: 1}
        """).slos();
    SloEngine restarted = restored(after);
    List<String> removed = restarted.takeRetiredKeys();
    assertEquals(4, removed.size(), "each once: " + removed);
    assertTrue(removed.containsAll(List.of("removed", "removed{region=\"eu\"}", "removed{region=\"us\"}")), removed.toString());
    assertTrue(removed.stream().filter(k -> k.startsWith("narrowed{")).count() == 1, removed.toString());
    assertTrue(restarted.takeRetiredKeys().isEmpty(), "handed out once");
  }

  @Test
  void shouldNeitherForgetNorRecountGroupsThatOverflowedBeforeARestart() throws Exception {
    List<SloDefinition> slos = SloConfigLoader.parse("t", """
        slos:
          - {name: ovf, service: api, objective: 99, sli: {availability: {}}, groupBy: [attributes.region], maxGroups: 1}
        """).slos();
    SloEngine engine = new SloEngine(slos, EngineSettings.DEFAULTS);
    for (String region : List.of("x", "y", "z")) {
      engine.apply("api", "GET /o", Map.of("region", region), 200, 1, START, START, START);
    }
    assertEquals(new Evaluation.Groups(1, 2), whole(engine.evaluate(START, new ArrayList<>())).groups());
    persist(engine);
    SloEngine restarted = restored(slos);
    assertEquals(new Evaluation.Groups(1, 2), whole(restarted.evaluate(START, new ArrayList<>())).groups(), "not forgotten");
    restarted.apply("api", "GET /o", Map.of("region", "y"), 200, 1, START, START, START);
    restarted.apply("api", "GET /o", Map.of("region", "w"), 200, 1, START, START, START);
    assertEquals(new Evaluation.Groups(1, 3), whole(restarted.evaluate(START, new ArrayList<>())).groups(), "y not counted again, w new");
  }

  /**
   * An SLO whose window changed keeps its attribution across the restart: its summaries move to
   * the slots the resized rings keep their buckets in (they were deleted before, so the 1d and
   * SLO-window contributors started from nothing while the counts were kept). The restored engine
   * ranks exactly like one that saw the same events under the new window, also after writing the
   * moved records and restoring again.
   */
  @ParameterizedTest(name = "30d to {0}")
  @ValueSource(strings = {"7d", "90d"})
  void shouldKeepAttributionWhenTheSloWindowChanges(String window) throws Exception {
    String yaml = "slos:\n  - {name: w, service: api, objective: 99, window: %s, sli: {availability: {}},"
        + " attribution: [operation, attributes.tenant]}\n";
    List<SloDefinition> before = SloConfigLoader.parse("t", yaml.formatted("30d")).slos();
    List<SloDefinition> after = SloConfigLoader.parse("t", yaml.formatted(window)).slos();
    SloEngine engine = new SloEngine(before, EngineSettings.DEFAULTS);
    SloEngine fresh = new SloEngine(after, EngineSettings.DEFAULTS);
    Random random = new Random(11);
    long now = START;
    for (int i = 0; i < 3 * 24 * 30; i++) { // 3 days, an event every 2 minutes
      now = START + i * 2 * MINUTE;
      Map<String, String> tenant = Map.of("tenant", "t" + random.nextInt(12));
      String operation = "op" + random.nextInt(6);
      int status = random.nextInt(5) == 0 ? 500 : 200;
      for (SloEngine e : List.of(engine, fresh)) {
        e.apply("api", operation, tenant, status, 1, now, now, now);
      }
    }
    persist(engine);
    long at = now;
    SloEngine restored = restored(after);
    assertEquals(whole(fresh.evaluate(at, new ArrayList<>())).contributors(), whole(restored.evaluate(at, new ArrayList<>())).contributors());
    assertTrue(whole(fresh.evaluate(at, new ArrayList<>())).contributors().stream().anyMatch(c -> c.window().equals(window)));
    persist(restored);
    assertEquals(whole(fresh.evaluate(at, new ArrayList<>())).contributors(), whole(restored(after).evaluate(at, new ArrayList<>())).contributors(),
        "the moved summaries written again, the records they left deleted");
  }

  /**
   * An SLO whose window grows past 3 days (1d to 7d) needs hour buckets it never kept: they are
   * built from the ten-minute buckets it kept, so the 7d window holds what the 1d and 3d windows
   * hold. Before, the new hour ring started empty: after the restart the SLO window showed no
   * events, no SLI and no budget while its 1d window showed them.
   */
  @ParameterizedTest(name = "{0} to {1}")
  @org.junit.jupiter.params.provider.CsvSource({"1d, 7d, 20", "2h, 1d, 1"}) // hour buckets from ten-minute ones; ten-minute from minutes
  void shouldBuildTheHourBucketsFromTheFinerOnesWhenTheWindowGrows(String from, String to, int hours) throws Exception {
    String yaml = "slos:\n  - {name: w, service: api, objective: 99, window: %s, sli: {availability: {}}}\n";
    SloEngine engine = new SloEngine(SloConfigLoader.parse("t", yaml.formatted(from)).slos(), EngineSettings.DEFAULTS);
    long now = START;
    for (int i = 0; i < hours * 12; i++) { // an event every 5 minutes, every 7th bad
      now = START + i * 5 * MINUTE;
      engine.apply("api", "GET /x", Map.of(), i % 7 == 0 ? 500 : 200, 1, now, now, now);
    }
    persist(engine);
    long at = now + MINUTE;
    SloEngine restored = restored(SloConfigLoader.parse("t", yaml.formatted(to)).slos());
    Evaluation after = whole(restored.evaluate(at, new ArrayList<>()));
    WindowResult day = after.window(java.time.Duration.ofHours(hours < 20 ? 2 : 24)).orElseThrow(); // a window the old SLO had
    WindowResult week = after.window(after.slo().window()).orElseThrow();
    assertEquals(hours * 12, day.total());
    assertEquals(List.of(day.good(), day.total()), List.of(week.good(), week.total()));
    assertTrue(after.budgetRemaining().isPresent(), "the SLO window has data");
    persist(restored);
    WindowResult again = whole(restored(SloConfigLoader.parse("t", yaml.formatted(to)).slos()).evaluate(at, new ArrayList<>()))
        .window(after.slo().window()).orElseThrow();
    assertEquals(List.of(day.good(), day.total()), List.of(again.good(), again.total()), "the built hour buckets are stored");
  }

  /**
   * Which groups retire must not depend on when in the hour it is first checked: an instance that
   * took the task over mid-hour (a crash, a rebalance) or a replay whose stream time enters the hour
   * late decides as one that checked at the hour's start, so both give places to the same groups.
   */
  @Test
  void shouldRetireTheSameGroupsWhenTheHourIsFirstSeenLate() throws Exception {
    List<SloDefinition> slos = SloConfigLoader.parse("t", """
        slos:
          - {name: r, service: api, objective: 99, window: 1h, sli: {availability: {}}, groupBy: [attributes.region], maxGroups: 2}
        """).slos();
    SloEngine checkedOnTime = new SloEngine(slos, EngineSettings.DEFAULTS);
    SloEngine checkedLate = new SloEngine(slos, EngineSettings.DEFAULTS);
    long hour = START + 16 * 3_600_000L;
    for (SloEngine e : List.of(checkedOnTime, checkedLate)) {
      e.apply("api", "GET /x", Map.of("region", "old"), 200, 1, hour + 20 * MINUTE, hour + 20 * MINUTE, hour + 20 * MINUTE);
      e.apply("api", "GET /x", Map.of("region", "keep"), 200, 1, hour + 50 * MINUTE, hour + 50 * MINUTE, hour + 50 * MINUTE);
    }
    long next = hour + 3_600_000L;
    checkedOnTime.evaluate(next + 5_000, new ArrayList<>()); // "old" (16:20) is still in the window at 17:00
    for (SloEngine e : List.of(checkedOnTime, checkedLate)) { // 17:40: the first call of the hour for checkedLate
      e.apply("api", "GET /x", Map.of("region", "new"), 200, 1, next + 40 * MINUTE, next + 40 * MINUTE, next + 40 * MINUTE);
    }
    List<String> onTime = sorted(checkedOnTime.evaluate(next + 41 * MINUTE, new ArrayList<>())).stream().map(Evaluation::instanceKey).toList();
    assertEquals(onTime, sorted(checkedLate.evaluate(next + 41 * MINUTE, new ArrayList<>())).stream().map(Evaluation::instanceKey).toList());
    assertTrue(onTime.contains("r{region=\"_other\"}"), onTime.toString());
  }

  /**
   * A retired group's state stays until its tombstone is handed out: a task closed between the two
   * (a rebalance, a stop; Kafka Streams commits the store on a clean close) must not commit the
   * deletion without the tombstone, or the next owner never removes the group's status.
   */
  @Test
  void shouldKeepARetiredGroupsStateUntilItsTombstoneIsHandedOut() throws Exception {
    List<SloDefinition> slos = SloConfigLoader.parse("t", """
        slos:
          - {name: by-region, service: api, objective: 99, window: 1h, sli: {availability: {}}, groupBy: [attributes.region]}
        """).slos();
    SloEngine engine = new SloEngine(slos, EngineSettings.DEFAULTS);
    engine.apply("api", "GET /x", Map.of("region", "idle"), 200, 1, START + 1_000, START + 1_000, START + 1_000);
    engine.apply("api", "GET /x", Map.of("region", "busy"), 200, 1, START + 50 * 60_000, START + 50 * 60_000, START + 50 * 60_000);
    engine.evaluate(START + 50 * 60_000, new ArrayList<>());
    persist(engine);

    // The next hour: "idle" has no events left in the window and retires; an event arrives and the
    // task commits (and closes) before its next emit has handed out the tombstone.
    long next = START + 3_600_000 + 30_000;
    engine.apply("api", "GET /x", Map.of("region", "busy"), 200, 1, next, next, next);
    persist(engine);
    assertTrue(store.keySet().stream().anyMatch(k -> k.contains("idle")), "kept until its tombstone is out: " + store.keySet());

    // The next owner restores it, retires it again and hands out its tombstone.
    SloEngine owner = restored(slos);
    List<Evaluation> out = owner.evaluate(next + 5_000, new ArrayList<>());
    assertTrue(out.stream().noneMatch(e -> e.instanceKey().contains("idle")));
    assertEquals(List.of("by-region{region=\"idle\"}"), owner.takeRetiredKeys());
    persist(owner);
    assertTrue(store.keySet().stream().noneMatch(k -> k.contains("idle")), "deleted once its tombstone is out");
  }

  private static Evaluation whole(List<Evaluation> evaluations) {
    return evaluations.stream().filter(e -> e.group().isEmpty()).findFirst().orElseThrow();
  }

  private static List<Evaluation> sorted(List<Evaluation> evaluations) {
    return evaluations.stream().sorted(Comparator.comparing(Evaluation::instanceKey)).toList();
  }
}
