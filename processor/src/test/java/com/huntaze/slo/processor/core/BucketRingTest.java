package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketRingTest {

  @Test
  void shouldSumOnlyBucketsInsideTheWindow() {
    BucketRing ring = new BucketRing(Resolution.MINUTE, 10);
    for (long b = 100; b < 120; b++) {
      ring.add(b, 1, 2);
    }
    long[] sums = new long[2];
    ring.sum(119, 5, sums);
    assertArrayEquals(new long[] {5, 10}, sums);
    ring.sum(125, 5, sums); // 121..125: nothing yet
    assertArrayEquals(new long[] {0, 0}, sums);
    ring.sum(119, 50, sums); // longer than the ring: only what it still holds
    assertArrayEquals(new long[] {10, 20}, sums);
  }

  @Test
  void shouldRefuseBucketsOlderThanItHolds() {
    BucketRing ring = new BucketRing(Resolution.MINUTE, 4);
    assertTrue(ring.add(10, 1, 1));
    assertFalse(ring.add(6, 1, 1), "slot of 6 holds 10");
    assertTrue(ring.add(9, 0, 1));
  }

  @Test
  void shouldReportEachWrittenSlotOnceWithTheBucketItHolds() {
    BucketRing ring = new BucketRing(Resolution.HOUR, 3);
    ring.add(1, 1, 1);
    ring.add(2, 0, 1);
    ring.add(1, 1, 1);
    List<String> changes = new ArrayList<>();
    ring.drainChanges((r, slot, b, g, t) -> changes.add("slot " + slot + " = bucket " + b + " " + g + "/" + t));
    assertEquals(List.of("slot 1 = bucket 1 2/2", "slot 2 = bucket 2 0/1"), changes);
    changes.clear();
    ring.add(4, 1, 1); // takes bucket 1's slot: overwritten in place, no delete needed
    ring.drainChanges((r, slot, b, g, t) -> changes.add("slot " + slot + " = bucket " + b + " " + g + "/" + t));
    assertEquals(List.of("slot 1 = bucket 4 1/1"), changes);
    assertFalse(ring.hasChanges());
  }

  @Test
  void shouldMoveRestoredBucketsWhenTheRingWasResized() {
    BucketRing ring = new BucketRing(Resolution.MINUTE, 4);
    assertTrue(ring.restore(2, 10, 1, 1), "bucket 10 belongs in slot 2 of 4");
    assertFalse(ring.restore(5, 13, 1, 2), "stored under slot 5 of a larger ring: moves to slot 1");
    assertFalse(ring.restore(6, 6, 1, 1), "older than bucket 10 in slot 2: dropped");
    List<String> changes = new ArrayList<>();
    ring.drainChanges((r, slot, b, g, t) -> changes.add("slot " + slot + " = bucket " + b));
    assertEquals(List.of("slot 1 = bucket 13"), changes);
    long[] sums = new long[2];
    ring.sum(13, 4, sums);
    assertArrayEquals(new long[] {2, 3}, sums);
  }
}
