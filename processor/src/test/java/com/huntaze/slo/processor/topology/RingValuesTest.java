package com.huntaze.slo.processor.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.huntaze.slo.processor.core.BucketPage;
import org.junit.jupiter.api.Test;

class RingValuesTest {
  @Test
  void shouldRoundTripAPageWithEmptySlotsNegativeBucketsAndLargeCounts() {
    long none = BucketPage.NONE;
    BucketPage page = new BucketPage(7, new long[] {29_874_241, none, -3, none, Long.MAX_VALUE},
        new long[] {5, 0, 0, 0, 1L << 40}, new long[] {6, 0, 1, 0, (1L << 40) + 1});
    BucketPage read = RingValues.readPage(7, RingValues.pageValue(page));
    assertEquals(7, read.page());
    assertArrayEquals(page.bucketIndex(), read.bucketIndex());
    assertArrayEquals(page.good(), read.good());
    assertArrayEquals(page.total(), read.total());
    BucketPage empty = new BucketPage(0, new long[] {none, none}, new long[2], new long[2]);
    assertEquals(2, RingValues.pageValue(empty).length, "slots and an empty held mask: two bytes");
    assertArrayEquals(empty.bucketIndex(), RingValues.readPage(0, RingValues.pageValue(empty)).bucketIndex());
  }

  @Test
  void shouldRefuseAPageOfMoreSlotsThanAPageHas() {
    assertThrows(IllegalArgumentException.class, () -> RingValues.readPage(0, new byte[] {17, 0}));
  }
}
