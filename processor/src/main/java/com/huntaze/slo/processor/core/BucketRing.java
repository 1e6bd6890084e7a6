package com.huntaze.slo.processor.core;

import java.util.Arrays;

/**
 * Good/total counts per time bucket of one resolution, in a ring of fixed size: the state of one
 * SLO at one resolution does not grow with traffic or time. Each slot remembers which bucket it
 * holds, so a read never mistakes an old bucket for a current one.
 *
 * <p>The ring keeps the {@code kept} buckets up to the evaluation time ("now"), which is what its
 * longest window reads, plus room for events up to {@code ahead} buckets in the future (clock
 * skew). A late event is applied whenever its bucket is among the kept ones, however late it
 * arrives and in whatever order: with that room, its slot holds its own bucket or one that no
 * window reads any more, never a bucket still in use.
 *
 * <p>Pages of slots ({@link BucketPage}) written since the last {@link #drainChanges} are tracked
 * so only those reach the state store. The store keeps one record per page (not per bucket): a new
 * bucket overwrites the one it replaces, so the changelog never needs a tombstone and holds at most
 * {@link #pages()} records.
 */
public final class BucketRing {
  static final long EMPTY = Long.MIN_VALUE;

  private final Resolution resolution;
  private final int kept;
  private final long[] bucket;
  private final long[] good;
  private final long[] total;
  /** Pages written since the last drain, each listed once (a flag array beats a BitSet on this path). */
  private final boolean[] dirty;
  private final int[] dirtyPages;
  private int dirtyCount;

  public BucketRing(Resolution resolution, int kept, int ahead) {
    this.resolution = resolution;
    this.kept = kept;
    int size = kept + ahead + 2;
    this.bucket = new long[size];
    this.good = new long[size];
    this.total = new long[size];
    this.dirty = new boolean[BucketPage.pagesOf(size)];
    this.dirtyPages = new int[dirty.length];
    Arrays.fill(bucket, EMPTY);
  }

  public Resolution resolution() {
    return resolution;
  }

  int kept() {
    return kept;
  }

  public int size() {
    return bucket.length;
  }

  public int pages() {
    return dirty.length;
  }

  /** Whether a bucket is still kept when "now" is in {@code nowBucket}: some window may read it. */
  public boolean keeps(long bucketIndex, long nowBucket) {
    return bucketIndex > nowBucket - kept;
  }

  /** Whether {@link #add} would take counts for this bucket now, without adding any (for {@link MinuteBatch}). */
  public boolean accepts(long bucketIndex, long nowBucket) {
    if (!keeps(bucketIndex, nowBucket)) {
      return false;
    }
    long held = bucket[slot(bucketIndex)];
    return held == bucketIndex || held == EMPTY || held < bucketIndex;
  }

  /** Whether two different buckets would use the same slot (for {@link MinuteBatch}). */
  boolean sameSlot(long a, long b) {
    return a != b && slot(a) == slot(b);
  }

  /** Adds counts to a bucket; false when it is no longer kept (older than every window reads). */
  public boolean add(long bucketIndex, long nowBucket, long goodDelta, long totalDelta) {
    if (!keeps(bucketIndex, nowBucket)) {
      return false;
    }
    int slot = slot(bucketIndex);
    long held = bucket[slot];
    if (held != bucketIndex) {
      if (held != EMPTY && held > bucketIndex) {
        return false; // only an event beyond the allowed skew could do this; the engine refuses those
      }
      bucket[slot] = bucketIndex;
      good[slot] = 0;
      total[slot] = 0;
    }
    good[slot] += goodDelta;
    total[slot] += totalDelta;
    markDirty(slot);
    return true;
  }

  /**
   * Puts back a bucket stored under {@code storedSlot}. Returns whether that stored record stays
   * valid where it is; when not (an older bucket, or a ring resized since), the caller deletes it,
   * and a bucket that moved to another slot is rewritten there on the next drain.
   */
  public boolean restore(int storedSlot, long bucketIndex, long goodCount, long totalCount) {
    int slot = slot(bucketIndex);
    if (bucket[slot] != EMPTY && bucket[slot] > bucketIndex) {
      return false;
    }
    bucket[slot] = bucketIndex;
    good[slot] = goodCount;
    total[slot] = totalCount;
    if (slot != storedSlot) {
      markDirty(slot);
      return false;
    }
    return true;
  }

  /**
   * Sums the {@code count} buckets ending with {@code lastBucket} (inclusive) into {@code into}
   * as {good, total}. Exact: only buckets whose index lies in the range count.
   */
  public void sum(long lastBucket, int count, long[] into) {
    long first = lastBucket - count + 1;
    long g = 0;
    long t = 0;
    if (count >= bucket.length) {
      for (int i = 0; i < bucket.length; i++) {
        long b = bucket[i];
        if (b != EMPTY && b >= first && b <= lastBucket) {
          g += good[i];
          t += total[i];
        }
      }
    } else {
      int slot = slot(first); // then one step per bucket: no division per slot (an emit sums every window of every group)
      for (long b = first; b <= lastBucket; b++) {
        if (bucket[slot] == b) {
          g += good[slot];
          t += total[slot];
        }
        if (++slot == bucket.length) {
          slot = 0;
        }
      }
    }
    into[0] = g;
    into[1] = t;
  }

  /** Hands each bucket from {@code firstBucket} to {@code lastBucket} (inclusive) that this ring holds to {@code visitor}, oldest first. */
  public void forEach(long firstBucket, long lastBucket, BucketVisitor visitor) {
    for (long b = firstBucket; b <= lastBucket; b++) {
      int slot = slot(b);
      if (bucket[slot] == b) {
        visitor.visit(b, good[slot], total[slot]);
      }
    }
  }

  @FunctionalInterface
  public interface BucketVisitor {
    void visit(long bucketIndex, long good, long total);
  }

  /** Hands each page written since the last call to {@code writes}. */
  public void drainChanges(java.util.function.Consumer<BucketPage> writes) {
    for (int i = 0; i < dirtyCount; i++) {
      writes.accept(page(dirtyPages[i]));
      dirty[dirtyPages[i]] = false;
    }
    dirtyCount = 0;
  }

  private BucketPage page(int page) {
    int from = page * BucketPage.SLOTS;
    int to = Math.min(bucket.length, from + BucketPage.SLOTS);
    return new BucketPage(page, Arrays.copyOfRange(bucket, from, to), Arrays.copyOfRange(good, from, to),
        Arrays.copyOfRange(total, from, to));
  }

  /**
   * Puts back a stored page. Returns whether that stored record stays valid as it is; when not
   * (the ring was resized since), its buckets moved and the pages they moved to are written on the
   * next drain; the caller rewrites this page too, or deletes it when the ring no longer has it.
   */
  public boolean restore(BucketPage stored) {
    boolean inPlace = stored.page() < pages();
    for (int i = 0; i < stored.slots(); i++) {
      if (stored.holds(i)) {
        inPlace &= restore(stored.page() * BucketPage.SLOTS + i, stored.bucketIndex()[i], stored.good()[i], stored.total()[i]);
      }
    }
    return inPlace;
  }

  /** Writes the page on the next drain, whatever changed. */
  public void markPageDirty(int page) {
    if (!dirty[page]) {
      dirty[page] = true;
      dirtyPages[dirtyCount++] = page;
    }
  }

  /** Writes the page holding {@code bucketIndex}'s slot on the next drain. */
  void markDirtyFor(long bucketIndex) {
    markDirty(slot(bucketIndex));
  }

  public boolean hasChanges() {
    return dirtyCount > 0;
  }

  private void markDirty(int slot) {
    markPageDirty(slot / BucketPage.SLOTS);
  }

  private int slot(long bucketIndex) {
    return (int) Math.floorMod(bucketIndex, (long) bucket.length);
  }
}
