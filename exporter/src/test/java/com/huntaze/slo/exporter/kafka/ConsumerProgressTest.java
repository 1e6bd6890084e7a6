package com.huntaze.slo.exporter.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerProgressTest {
  @Test
  void shouldBecomeReadyOnlyWhenEveryPartitionReachedItsStartEndOffset() {
    ConsumerProgress p = new ConsumerProgress();
    assertFalse(p.ready(), "not ready before assignment");
    p.startCatchUp(Map.of(0, 10L, 1, 0L, 2, 5L));
    p.position(0, 10);
    assertFalse(p.ready());
    p.position(2, 4);
    assertFalse(p.ready());
    p.position(2, 5);
    assertTrue(p.ready(), "partition 1 is empty");
    p.position(0, 3); // a later reset does not flip readiness back
    assertTrue(p.ready());
    p.failed(new IllegalStateException("boom"));
    assertFalse(p.ready());
    assertFalse(p.alive());
  }

  @Test
  void shouldBeReadyAtOnceOnAnEmptyTopic() {
    ConsumerProgress p = new ConsumerProgress();
    p.startCatchUp(Map.of(0, 0L));
    assertTrue(p.ready());
  }
}
