package com.huntaze.slo.processor.core;

/**
 * The buckets of consecutive slots of a {@link BucketRing}: what the state store keeps as one
 * record. Per slot, a catching-up processor would write a record for nearly every event of a
 * rarely seen group (each event a new minute); per page, a record per page of minutes. At the live
 * pace a commit still writes one record per ring that changed, so a page is as wide as that
 * record may be: 64 minutes (a catch-up writes a quarter of the records 16 would make), 16 slots
 * of the coarser resolutions, whose current page a live commit rewrites for an event or two.
 *
 * @param page the page's index: its slots are {@code page * slotsPerPage(resolution)} onwards
 * @param bucketIndex per slot of the page, the bucket it holds, or {@link #NONE}
 */
public record BucketPage(int page, long[] bucketIndex, long[] good, long[] total) {
  /** The widest page: a page's held slots are a 64-bit mask in the store. */
  public static final int MAX_SLOTS = 64;
  /** Pages of releases before 64-minute pages, every resolution 16 slots: read, moved and rewritten. */
  public static final int LEGACY_SLOTS = 16;
  /** Ten-minute and hour pages: a live commit rewrites the current one for an event or two. */
  private static final int COARSE_SLOTS = 16;
  public static final long NONE = BucketRing.EMPTY;

  /** Slots per page of a ring of this resolution. */
  public static int slotsPerPage(Resolution resolution) {
    return resolution == Resolution.MINUTE ? MAX_SLOTS : COARSE_SLOTS;
  }

  public int slots() {
    return bucketIndex.length;
  }

  public boolean holds(int i) {
    return bucketIndex[i] != NONE;
  }

  /** Slots holding a bucket. */
  public int held() {
    int held = 0;
    for (long b : bucketIndex) {
      held += b != NONE ? 1 : 0;
    }
    return held;
  }

  /** A copy that owns its arrays: a drained page's arrays are reused for the next ({@link BucketRing#drainChanges}). */
  public BucketPage copy() {
    return new BucketPage(page, bucketIndex.clone(), good.clone(), total.clone());
  }
}
