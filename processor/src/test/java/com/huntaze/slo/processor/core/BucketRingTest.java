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
    drain(ring, changes, true);
    assertEquals(List.of("slot 2 = bucket 2 0/1"), changes, "bucket 1 is no longer kept at now = 2");
    changes.clear();
    ring.add(4, 4, 1, 1);
    ring.add(5, 5, 1, 1); // takes bucket 2's slot: overwritten in place, no delete needed
    drain(ring, changes, true);
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
    drain(ring, changes, false);
    assertEquals(List.of("slot 1 = bucket 13", "slot 2 = bucket 10"), changes, "the page of the moved bucket, whole");
    long[] sums = new long[2];
    ring.sum(13, 4, sums);
    assertArrayEquals(new long[] {2, 3}, sums);
  }

  @Test
  void shouldWriteOnePagePerSixteenSlotsTouched() {
    BucketRing ring = new BucketRing(Resolution.TEN_MINUTES, 40, 0); // 42 slots: pages of 16, 16 and 10
    assertEquals(3, ring.pages());
    for (long minute = 100; minute < 140; minute++) {
      ring.add(minute, 140, 1, 2); // slots 16..41 then 0..13: every page
    }
    List<BucketPage> pages = new ArrayList<>();
    ring.drainChanges(page -> pages.add(page.copy()));
    assertEquals(List.of(1, 2, 0), pages.stream().map(BucketPage::page).toList(), "each page once, in the order first touched");
    assertEquals(10, pages.get(1).slots(), "the last page holds the ring's last 10 slots");
    assertFalse(pages.get(2).holds(15), "slots 14 and 15 hold no bucket yet");
    ring.add(139, 140, 1, 1);
    pages.clear();
    ring.drainChanges(page -> pages.add(page.copy()));
    assertEquals(1, pages.size(), "only the page of the bucket added since");

    BucketRing smaller = new BucketRing(Resolution.TEN_MINUTES, 20, 0); // 22 slots: buckets move
    assertFalse(smaller.restore(new BucketPage(2, new long[] {100, BucketPage.NONE}, new long[] {1, 0}, new long[] {2, 0})),
        "page 2 of the larger ring: bucket 100 moves to slot 12 of 22");
    long[] sums = new long[2];
    smaller.sum(100, 1, sums);
    assertArrayEquals(new long[] {1, 2}, sums);
  }

  /** Minutes are stored 64 to a page, over memory pages of 16: a catch-up writes a quarter of the records. */
  @Test
  void shouldStoreMinutesSixtyFourToAPageAcrossTheMemoryPagesTheyTouch() {
    BucketRing ring = new BucketRing(Resolution.MINUTE, 150, 0); // 152 slots: pages of 64, 64 and 24
    assertEquals(3, ring.pages());
    ring.add(1000, 1100, 1, 2); // slot 88: page 1
    ring.add(1060, 1100, 3, 3); // slot 148: page 2
    List<BucketPage> pages = new ArrayList<>();
    ring.drainChanges(page -> pages.add(page.copy()));
    assertEquals(List.of(1, 2), pages.stream().map(BucketPage::page).toList());
    assertEquals(64, pages.get(0).slots());
    assertEquals(24, pages.get(1).slots(), "the last page holds the ring's last 24 slots");
    for (int i = 0; i < 64; i++) {
      assertEquals(i == 24, pages.get(0).holds(i), "only slot 88 (24 of page 1) holds a bucket; its other memory pages were never made");
    }
    assertEquals(3, pages.get(1).good()[20]);

    BucketRing copy = new BucketRing(Resolution.MINUTE, 150, 0);
    pages.forEach(page -> assertTrue(copy.restore(page), "same ring: every bucket stays where it was stored"));
    long[] sums = new long[2];
    copy.sum(1100, 150, sums);
    assertArrayEquals(new long[] {4, 5}, sums);
  }

  private static void drain(BucketRing ring, List<String> changes, boolean counts) {
    ring.drainChanges(page -> {
      for (int i = 0; i < page.slots(); i++) {
        if (page.holds(i)) {
          changes.add("slot " + (page.page() * ring.pageSlots() + i) + " = bucket " + page.bucketIndex()[i]
              + (counts ? " " + page.good()[i] + "/" + page.total()[i] : ""));
        }
      }
    });
  }
}
