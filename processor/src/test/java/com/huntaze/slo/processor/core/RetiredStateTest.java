package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A retired group's state stays in the store until its tombstone is handed out: a task closed
 * between the two (a rebalance, a stop: Kafka Streams commits the store on a clean close) must not
 * commit the deletion without the tombstone, or the next owner never removes the group's status.
 */
class RetiredStateTest {
  private static final long HOUR = 3_600_000;
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

  /** What the store does at a commit: deletes what the engine hands over, writes what changed. */
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
    long next = START + HOUR + 30_000;
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
}
