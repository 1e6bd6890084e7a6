package com.huntaze.slo.processor.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.processor.core.BucketPage;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RingValuesTest {
  private static final long NONE = BucketPage.NONE;

  @Test
  void shouldRoundTripAPageWithEmptySlotsNegativeBucketsAndLargeCounts() {
    BucketPage page = new BucketPage(7, new long[] {29_874_241, NONE, -3, NONE, Long.MAX_VALUE},
        new long[] {5, 0, 0, 0, 1L << 40}, new long[] {6, 0, 1, 0, (1L << 40) + 1});
    assertSame(page, RingValues.readPage(7, RingValues.pageValue(page)));
    BucketPage empty = new BucketPage(0, new long[] {NONE, NONE}, new long[2], new long[2]);
    assertEquals(2, RingValues.pageValue(empty).length, "slots and an empty held mask: two bytes");
    assertSame(empty, RingValues.readPage(0, RingValues.pageValue(empty)));
  }

  /** Random full and sparse pages of 64 slots, the last slot included (the mask's sign bit), buckets from other laps of the ring. */
  @Test
  void shouldRoundTripRandomPagesOfSixtyFourSlots() {
    Random random = new Random(5);
    for (int n = 0; n < 2_000; n++) {
      int slots = 1 + random.nextInt(64);
      long[] bucket = new long[slots];
      long[] good = new long[slots];
      long[] total = new long[slots];
      long first = 29_000_000 + random.nextInt(1_000_000);
      for (int i = 0; i < slots; i++) {
        boolean held = random.nextInt(4) > 0;
        bucket[i] = !held ? NONE : first + i - (random.nextInt(5) == 0 ? 366 : 0); // an older lap of a 366-slot ring
        total[i] = held ? random.nextInt(3) == 0 ? random.nextLong() >>> 1 : random.nextInt(1000) : 0;
        good[i] = held ? total[i] - (random.nextBoolean() ? 0 : Math.min(total[i], random.nextInt(50))) : 0;
      }
      BucketPage page = new BucketPage(n, bucket, good, total);
      assertSame(page, RingValues.readPage(n, RingValues.pageValue(page)));
    }
  }

  /** Consecutive minutes with a few events each, mostly good: what a live commit rewrites, a few bytes per slot. */
  @Test
  void shouldTakeAboutThreeBytesPerConsecutiveMinute() {
    long[] bucket = new long[64];
    long[] good = new long[64];
    long[] total = new long[64];
    for (int i = 0; i < 64; i++) {
      bucket[i] = 29_874_176 + i;
      total[i] = 40 + i;
      good[i] = i % 10 == 0 ? total[i] - 1 : total[i];
    }
    int bytes = RingValues.pageValue(new BucketPage(0, bucket, good, total)).length;
    assertTrue(bytes <= 1 + 10 + 4 + 2 + 63 * 3, bytes + " bytes"); // slots, mask, first bucket + total + bad, then 3 a slot
  }

  @Test
  void shouldReadAPageOfSixteenSlotsAsEarlierReleasesWroteIt() {
    long[] bucket = {29_874_241, NONE, -3, NONE};
    long[] good = {5, 0, 0, 0};
    long[] total = {6, 0, 1, 0};
    ByteArrayOutputStream legacy = new ByteArrayOutputStream(); // slots, held mask, then {zigzag bucket, good, total} per held slot
    varint(legacy, 4);
    varint(legacy, 0b0101);
    for (int i : new int[] {0, 2}) {
      varint(legacy, (bucket[i] << 1) ^ (bucket[i] >> 63));
      varint(legacy, good[i]);
      varint(legacy, total[i]);
    }
    assertSame(new BucketPage(3, bucket, good, total), RingValues.readLegacyPage(3, legacy.toByteArray()));
  }

  @Test
  void shouldRefuseAPageOfMoreSlotsThanAPageHas() {
    assertThrows(IllegalArgumentException.class, () -> RingValues.readPage(0, new byte[] {65, 0}));
    assertThrows(IllegalArgumentException.class, () -> RingValues.readLegacyPage(0, new byte[] {17, 0}));
  }

  private static void assertSame(BucketPage expected, BucketPage read) {
    assertEquals(expected.page(), read.page());
    assertArrayEquals(expected.bucketIndex(), read.bucketIndex());
    for (int i = 0; i < expected.slots(); i++) {
      if (expected.holds(i)) {
        assertEquals(expected.good()[i], read.good()[i], "good of slot " + i);
        assertEquals(expected.total()[i], read.total()[i], "total of slot " + i);
      }
    }
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
