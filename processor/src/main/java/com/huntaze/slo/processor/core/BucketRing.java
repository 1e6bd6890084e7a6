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
 * <p>Slots written since the last {@link #drainChanges} are tracked so only those reach the state
 * store. The store keeps one record per slot (not per bucket): a new bucket overwrites the one it
 * replaces, so the changelog never needs a tombstone and holds at most {@link #size()} records.
 */
public final class BucketRing {
  static final long EMPTY = Long.MIN_VALUE;

  private final Resolution resolution;
  private final int kept;
  private final long[] bucket;
  private final long[] good;
  private final long[] total;
  /** Slots written since the last drain, each listed once (a flag array beats a BitSet on this path). */
  private final boolean[] dirty;
  private final int[] dirtySlots;
  private int dirtyCount;

  public BucketRing(Resolution resolution, int kept, int ahead) {
    this.resolution = resolution;
    this.kept = kept;
    int size = kept + ahead + 2;
    this.bucket = new long[size];
    this.good = new long[size];
    this.total = new long[size];
    this.dirty = new boolean[size];
    this.dirtySlots = new int[size];
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

  /** Hands each slot written since the last call to {@code writes}. */
  public void drainChanges(BucketWriter writes) {
    for (int i = 0; i < dirtyCount; i++) {
      int slot = dirtySlots[i];
      writes.write(resolution, slot, bucket[slot], good[slot], total[slot]);
      dirty[slot] = false;
    }
    dirtyCount = 0;
  }

  public boolean hasChanges() {
    return dirtyCount > 0;
  }

  private void markDirty(int slot) {
    if (!dirty[slot]) {
      dirty[slot] = true;
      dirtySlots[dirtyCount++] = slot;
    }
  }

  private int slot(long bucketIndex) {
    return (int) Math.floorMod(bucketIndex, (long) bucket.length);
  }

  @FunctionalInterface
  public interface BucketWriter {
    void write(Resolution resolution, int slot, long bucketIndex, long good, long total);
  }
}
