package com.huntaze.slo.processor.core;

import java.util.Arrays;

/**
 * The bad and total events of the values of one key (operation, an attribute) in one time bucket,
 * for at most {@link #CAPACITY} distinct values: a Misra-Gries heavy-hitters summary over bad
 * events. While a bucket sees at most {@code CAPACITY} distinct values every count is exact. Past
 * that, a value with no bad events yet makes room first (its total is then a lower bound); when
 * every kept value has bad events, all their bad counts go down by one and the new one is not
 * kept. Each such step consumes {@code CAPACITY + 1} bad events, so a value's bad count misses at
 * most {@link #decrements()} <= bad events / (CAPACITY + 1) of its bad events.
 */
final class BadSummary {
  static final int CAPACITY = 32;

  private byte[][] values = new byte[4][];
  private int[] hashes = new int[4];
  private long[] bad = new long[4];
  private long[] total = new long[4];
  private int size;
  private long bucketBad;
  private long decrements;

  void clear() {
    Arrays.fill(values, 0, size, null);
    size = 0;
    bucketBad = 0;
    decrements = 0;
  }

  /** Counts an event of the value at {@code buffer[offset, offset + length)} whose {@link ByteKeyMap#hash} is {@code hash}. */
  void add(byte[] buffer, int offset, int length, int hash, boolean isBad) {
    int b = isBad ? 1 : 0;
    bucketBad += b;
    int i = indexOf(buffer, offset, length, hash);
    if (i >= 0) {
      bad[i] += b;
      total[i]++;
      return;
    }
    if (size < CAPACITY) {
      put(size++, Arrays.copyOfRange(buffer, offset, offset + length), hash, b, 1);
    } else if (isBad) {
      int free = firstWithoutBad();
      if (free >= 0) {
        put(free, Arrays.copyOfRange(buffer, offset, offset + length), hash, 1, 1);
      } else {
        decrementAll();
      }
    }
  }

  /**
   * Adds each operation's summed run ({@link Operation#runBad}, {@link Operation#runTotal}), new
   * values in the given order: what adding the run's events one by one gives when none of them
   * has to make room. Returns false, adding nothing, when one might: the caller then adds them one by one.
   */
  boolean addSums(Operation[] ops, int count) {
    int absent = 0;
    for (int k = 0; k < count; k++) {
      Operation op = ops[k];
      op.runIndex = indexOf(op.bytes, 0, op.bytes.length, op.hash);
      absent += op.runIndex < 0 ? 1 : 0;
    }
    if (size + absent > CAPACITY) {
      return false;
    }
    for (int k = 0; k < count; k++) {
      Operation op = ops[k];
      bucketBad += op.runBad;
      if (op.runIndex >= 0) {
        bad[op.runIndex] += op.runBad;
        total[op.runIndex] += op.runTotal;
      } else {
        put(size++, op.bytes, op.hash, op.runBad, op.runTotal); // the operation's bytes never change: shared
      }
    }
    return true;
  }

  /** Where the value at {@code buffer[offset, offset + length)} is kept; -1 when it is not. */
  private int indexOf(byte[] buffer, int offset, int length, int hash) {
    for (int i = 0; i < size; i++) {
      if (hashes[i] == hash && (values[i] == buffer && offset == 0 && length == buffer.length || ByteKeyMap.same(values[i], buffer, offset, length))) {
        return i;
      }
    }
    return -1;
  }

  private int firstWithoutBad() {
    for (int i = 0; i < size; i++) {
      if (bad[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private void decrementAll() {
    decrements++;
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (bad[i] > 1) {
        put(kept++, values[i], hashes[i], bad[i] - 1, total[i]);
      }
    }
    Arrays.fill(values, kept, size, null);
    size = kept;
  }

  private void put(int i, byte[] value, int hash, long badCount, long totalCount) {
    if (i >= values.length) {
      int grown = Math.min(CAPACITY, values.length * 2);
      values = Arrays.copyOf(values, grown);
      hashes = Arrays.copyOf(hashes, grown);
      bad = Arrays.copyOf(bad, grown);
      total = Arrays.copyOf(total, grown);
    }
    values[i] = value;
    hashes[i] = hash;
    bad[i] = badCount;
    total[i] = totalCount;
  }

  int size() {
    return size;
  }

  byte[] value(int i) {
    return values[i];
  }

  long bad(int i) {
    return bad[i];
  }

  long total(int i) {
    return total[i];
  }

  /** Bad events of the bucket, all values together: exact. */
  long bucketBad() {
    return bucketBad;
  }

  /** The most bad events any value's count misses: 0 = exact. */
  long decrements() {
    return decrements;
  }

  /** Puts back a stored summary (the entries in stored order). */
  void restore(long storedBucketBad, long storedDecrements) {
    bucketBad = storedBucketBad;
    decrements = storedDecrements;
  }

  void restoreEntry(byte[] value, long badCount, long totalCount) {
    put(size++, value, ByteKeyMap.hash(value, 0, value.length), badCount, totalCount);
  }
}
