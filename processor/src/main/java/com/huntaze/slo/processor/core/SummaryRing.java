package com.huntaze.slo.processor.core;

/**
 * {@link BadSummary}s per time bucket of one resolution, for one attribution key: the same ring
 * discipline as {@link BucketRing} (fixed size, late events land in any kept bucket, a slot knows
 * which bucket it holds, changed slots are tracked for the store). Summaries are made on first use.
 */
final class SummaryRing {
  private final Resolution resolution;
  private final int kept;
  /** Buckets up to this one are never read (the engine is evaluated once, later): not worth adding. */
  private final long unreadUpTo;
  private final long[] bucket;
  private final BadSummary[] summaries;
  private final boolean[] dirty;
  private final int[] dirtySlots;
  private int dirtyCount;

  SummaryRing(Resolution resolution, int kept, int ahead, long evaluatedOnlyAtMillis) {
    this.resolution = resolution;
    this.kept = kept;
    this.unreadUpTo = evaluatedOnlyAtMillis == EngineSettings.EVALUATED_ANY_TIME ? Long.MIN_VALUE
        : resolution.bucketOf(evaluatedOnlyAtMillis) - kept;
    int size = kept + ahead + 2;
    this.bucket = new long[size];
    this.summaries = new BadSummary[size];
    this.dirty = new boolean[size];
    this.dirtySlots = new int[size];
    java.util.Arrays.fill(bucket, BucketRing.EMPTY);
  }

  Resolution resolution() {
    return resolution;
  }

  /** Whether {@link #add} takes nothing for buckets up to this one, whatever "now" is. */
  boolean ignoresUpTo(long bucketIndex) {
    return bucketIndex <= unreadUpTo;
  }

  /** Whether a bucket is still kept when "now" is in {@code nowBucket}. */
  boolean keeps(long bucketIndex, long nowBucket) {
    return bucketIndex > nowBucket - kept;
  }

  void add(long bucketIndex, long nowBucket, byte[] buffer, int offset, int length, int hash, boolean bad) {
    if (bucketIndex <= nowBucket - kept || bucketIndex <= unreadUpTo) {
      return;
    }
    int slot = slotOf(bucketIndex);
    BadSummary summary = bucket[slot] == bucketIndex && dirty[slot] ? summaries[slot] : holding(slot, bucketIndex);
    if (summary != null) {
      summary.add(buffer, offset, length, hash, bad);
    }
  }

  /** {@link #add} for each event of a group of one bucket of {@code batch}, summed per operation when exact. */
  void addGroup(SloRun run, int group, long nowBucket) {
    long bucketIndex = run.bucketOf(group);
    if (bucketIndex <= nowBucket - kept || bucketIndex <= unreadUpTo) {
      return;
    }
    int slot = slotOf(bucketIndex);
    BadSummary summary = bucket[slot] == bucketIndex && dirty[slot] ? summaries[slot] : holding(slot, bucketIndex);
    if (summary != null && !summary.addSums(run.runOperations, run.sumByOperation(group))) {
      for (int k = run.first(group); k >= 0; k = run.next(k)) {
        Operation op = run.operationOf(k);
        summary.add(op.bytes, 0, op.bytes.length, op.hash, run.bad(k));
      }
    }
  }

  /** The slot's summary, emptied first when it held an older bucket; null when it holds a newer one. */
  private BadSummary holding(int slot, long bucketIndex) {
    long held = bucket[slot];
    if (held != bucketIndex && held != BucketRing.EMPTY && held > bucketIndex) {
      return null; // only beyond the allowed skew, which the engine refuses
    }
    if (summaries[slot] == null) {
      summaries[slot] = new BadSummary();
    } else if (held != bucketIndex) {
      summaries[slot].clear();
    }
    bucket[slot] = bucketIndex;
    if (!dirty[slot]) {
      dirty[slot] = true;
      dirtySlots[dirtyCount++] = slot;
    }
    return summaries[slot];
  }

  /** Hands the summaries of the {@code count} buckets ending with {@code lastBucket} to {@code each}. */
  void forEach(long lastBucket, int count, java.util.function.Consumer<BadSummary> each) {
    long first = lastBucket - count + 1;
    for (int i = 0; i < bucket.length; i++) {
      if (summaries[i] != null && bucket[i] >= first && bucket[i] <= lastBucket) {
        each.accept(summaries[i]);
      }
    }
  }

  boolean hasChanges() {
    return dirtyCount > 0;
  }

  void drainChanges(Writer out) {
    for (int i = 0; i < dirtyCount; i++) {
      int slot = dirtySlots[i];
      out.write(slot, bucket[slot], summaries[slot]);
      dirty[slot] = false;
    }
    dirtyCount = 0;
  }

  /**
   * The summary to fill from a stored record; null when the ring keeps a newer bucket in its slot.
   * A record stored under another slot than its bucket's now (the ring was resized: the SLO's
   * window changed) moves to that slot and is written again there; the caller deletes the old record.
   */
  BadSummary restore(int storedSlot, long bucketIndex) {
    int slot = slotOf(bucketIndex);
    if (bucket[slot] != BucketRing.EMPTY && bucket[slot] > bucketIndex) {
      return null;
    }
    if (summaries[slot] == null) {
      summaries[slot] = new BadSummary();
    } else {
      summaries[slot].clear();
    }
    bucket[slot] = bucketIndex;
    if (slot != storedSlot && !dirty[slot]) {
      dirty[slot] = true;
      dirtySlots[dirtyCount++] = slot;
    }
    return summaries[slot];
  }

  /** The slot a bucket is kept in. */
  int slotOf(long bucketIndex) {
    return (int) Math.floorMod(bucketIndex, (long) bucket.length);
  }

  int size() {
    return bucket.length;
  }


  @FunctionalInterface
  interface Writer {
    void write(int slot, long bucketIndex, BadSummary summary);
  }
}
