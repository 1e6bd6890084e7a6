package com.huntaze.slo.processor.core;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Good/total counts per time bucket of one resolution, in a ring of fixed size: the state of one
 * SLO at one resolution does not grow with traffic or time. Each slot remembers which bucket it
 * holds, so a read never mistakes an old bucket for a current one.
 *
 * <p>Changes since the last {@link #drainChanges} are tracked (slots written, buckets evicted) so
 * only those reach the state store.
 */
public final class BucketRing {
  static final long EMPTY = Long.MIN_VALUE;

  private final Resolution resolution;
  private final long[] bucket;
  private final long[] good;
  private final long[] total;
  private final BitSet dirty;
  private long[] evicted = new long[4];
  private int evictedCount;

  public BucketRing(Resolution resolution, int size) {
    this.resolution = resolution;
    this.bucket = new long[size];
    this.good = new long[size];
    this.total = new long[size];
    this.dirty = new BitSet(size);
    Arrays.fill(bucket, EMPTY);
  }

  public Resolution resolution() {
    return resolution;
  }

  public int size() {
    return bucket.length;
  }

  /** Adds counts to a bucket; false when the ring has moved past that bucket (too old to hold). */
  public boolean add(long bucketIndex, long goodDelta, long totalDelta) {
    int slot = slot(bucketIndex);
    long held = bucket[slot];
    if (held != bucketIndex) {
      if (held != EMPTY && held > bucketIndex) {
        return false;
      }
      if (held != EMPTY) {
        evict(held);
      }
      bucket[slot] = bucketIndex;
      good[slot] = 0;
      total[slot] = 0;
    }
    good[slot] += goodDelta;
    total[slot] += totalDelta;
    dirty.set(slot);
    return true;
  }

  /** Puts a bucket back as it was stored (restore); keeps the newer bucket if two share a slot. */
  public boolean restore(long bucketIndex, long goodCount, long totalCount) {
    int slot = slot(bucketIndex);
    if (bucket[slot] != EMPTY && bucket[slot] > bucketIndex) {
      return false;
    }
    if (bucket[slot] != EMPTY && bucket[slot] < bucketIndex) {
      evict(bucket[slot]);
    }
    bucket[slot] = bucketIndex;
    good[slot] = goodCount;
    total[slot] = totalCount;
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
      for (long b = first; b <= lastBucket; b++) {
        int slot = slot(b);
        if (bucket[slot] == b) {
          g += good[slot];
          t += total[slot];
        }
      }
    }
    into[0] = g;
    into[1] = t;
  }

  /** Hands each bucket written since the last call to {@code writes}, each evicted one to {@code deletes}. */
  public void drainChanges(BucketWriter writes, BucketDeleter deletes) {
    for (int i = 0; i < evictedCount; i++) {
      deletes.delete(resolution, evicted[i]);
    }
    evictedCount = 0;
    for (int slot = dirty.nextSetBit(0); slot >= 0; slot = dirty.nextSetBit(slot + 1)) {
      writes.write(resolution, bucket[slot], good[slot], total[slot]);
    }
    dirty.clear();
  }

  public boolean hasChanges() {
    return evictedCount > 0 || !dirty.isEmpty();
  }

  private void evict(long bucketIndex) {
    if (evictedCount == evicted.length) {
      evicted = Arrays.copyOf(evicted, evicted.length * 2);
    }
    evicted[evictedCount++] = bucketIndex;
  }

  private int slot(long bucketIndex) {
    return (int) Math.floorMod(bucketIndex, (long) bucket.length);
  }

  @FunctionalInterface
  public interface BucketWriter {
    void write(Resolution resolution, long bucketIndex, long good, long total);
  }

  @FunctionalInterface
  public interface BucketDeleter {
    void delete(Resolution resolution, long bucketIndex);
  }
}
