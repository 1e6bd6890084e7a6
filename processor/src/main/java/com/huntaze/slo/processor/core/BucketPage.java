package com.huntaze.slo.processor.core;

/**
 * The buckets of {@link #SLOTS} consecutive slots of a {@link BucketRing}: what the state store
 * keeps as one record. Per slot, a catching-up processor would write a record for nearly every
 * event of a rarely seen group (each event a new minute); per page, a record per 16 minutes. At
 * the live pace a commit still writes one record per ring that changed.
 *
 * @param page the page's index: its slots are {@code page * SLOTS} onwards
 * @param bucketIndex per slot of the page, the bucket it holds, or {@link #NONE}
 */
public record BucketPage(int page, long[] bucketIndex, long[] good, long[] total) {
  public static final int SLOTS = 16;
  public static final long NONE = BucketRing.EMPTY;

  /** Pages a ring of {@code slots} slots has. */
  static int pagesOf(int slots) {
    return (slots + SLOTS - 1) / SLOTS;
  }

  public int slots() {
    return bucketIndex.length;
  }

  public boolean holds(int i) {
    return bucketIndex[i] != NONE;
  }
}
