package com.huntaze.slo.exporter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerProgressTest {
  static boolean ready(ConsumerProgress p) {
    return p.readiness().problem() == null;
  }

  @Test
  void shouldBecomeReadyOnlyWhenEveryPartitionReachedItsStartEndOffset() {
    ConsumerProgress p = new ConsumerProgress();
    assertEquals("still reading slo.status up to its end offsets", p.readiness().problem(), "not ready before assignment");
    p.startCatchUp(Map.of(0, 10L, 1, 0L, 2, 5L));
    p.position(0, 10);
    assertFalse(ready(p));
    p.position(2, 4);
    assertFalse(ready(p));
    p.position(2, 5);
    assertTrue(ready(p), "partition 1 is empty");
    p.position(0, 3); // a later reset does not flip readiness back
    assertTrue(ready(p));
    assertNull(p.liveness().problem());
    p.failed(new IllegalStateException("boom"));
    assertEquals("consumer stopped: java.lang.IllegalStateException: boom", p.readiness().problem());
    assertEquals("consumer stopped: java.lang.IllegalStateException: boom", p.liveness().problem());
    assertTrue(p.caughtUp(), "slo_exporter_status_caught_up keeps saying the state was rebuilt");
  }

  @Test
  void shouldBeReadyAtOnceOnAnEmptyTopic() {
    ConsumerProgress p = new ConsumerProgress();
    p.startCatchUp(Map.of(0, 0L));
    assertTrue(ready(p));
  }

  @Test
  void shouldCountZeroRecordsOfEveryTopicReadBeforeTheFirstOne() {
    ConsumerProgress p = new ConsumerProgress("slo.status", "slo.alerts");
    assertEquals(Map.of("slo.status", 0L, "slo.alerts", 0L), p.rejectedByTopic());
    p.rejected("slo.status");
    p.consumed("slo.alerts");
    assertEquals(Map.of("slo.status", 1L, "slo.alerts", 0L), p.rejectedByTopic());
    assertEquals(Map.of("slo.status", 0L, "slo.alerts", 1L), p.consumedByTopic());
  }
}
