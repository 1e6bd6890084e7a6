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
    BucketRing ring = new BucketRing(Resolution.MINUTE, 8, 0); // 10 slots
    for (long b = 100; b < 120; b++) {
      ring.add(b, b, 1, 2);
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
  void shouldApplyLateBucketsWhileKeptAndRefuseOlderOnes() {
    BucketRing ring = new BucketRing(Resolution.MINUTE, 4, 1); // keeps now-3 .. now, room for one ahead
    assertTrue(ring.add(10, 10, 1, 1));
    assertTrue(ring.add(11, 10, 1, 1), "one bucket ahead of now: the allowed skew");
    assertTrue(ring.add(7, 10, 0, 1), "3 behind now: still read by the 4-bucket window");
    assertFalse(ring.add(6, 10, 1, 1), "4 behind now: no window reads it any more");
    long[] sums = new long[2];
    ring.sum(10, 4, sums);
    assertArrayEquals(new long[] {1, 2}, sums);
  }

  @Test
  void shouldReportEachWrittenSlotOnceWithTheBucketItHolds() {
    BucketRing ring = new BucketRing(Resolution.HOUR, 1, 0); // 3 slots
    ring.add(1, 2, 1, 1);
    ring.add(2, 2, 0, 1);
    ring.add(1, 2, 1, 1);
    List<String> changes = new ArrayList<>();
    ring.drainChanges((r, slot, b, g, t) -> changes.add("slot " + slot + " = bucket " + b + " " + g + "/" + t));
    assertEquals(List.of("slot 2 = bucket 2 0/1"), changes, "bucket 1 is no longer kept at now = 2");
    changes.clear();
    ring.add(4, 4, 1, 1);
    ring.add(5, 5, 1, 1); // takes bucket 2's slot: overwritten in place, no delete needed
    ring.drainChanges((r, slot, b, g, t) -> changes.add("slot " + slot + " = bucket " + b + " " + g + "/" + t));
    assertEquals(List.of("slot 1 = bucket 4 1/1", "slot 2 = bucket 5 1/1"), changes);
    assertFalse(ring.hasChanges());
  }

  @Test
  void shouldMoveRestoredBucketsWhenTheRingWasResized() {
    BucketRing ring = new BucketRing(Resolution.MINUTE, 2, 0); // 4 slots
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
