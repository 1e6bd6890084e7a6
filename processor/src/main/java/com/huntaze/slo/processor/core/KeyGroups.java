package com.huntaze.slo.processor.core;

import java.util.Arrays;

/**
 * Items (numbered 0, 1, ... in the order they came) grouped by a key, for {@link EventBatch}: an
 * SLO's events by minute or by bucket. Each group links its items in order ({@link #first},
 * {@link #next}), and groups are numbered in the order their keys first came.
 */
final class KeyGroups {
  private final long[] key;
  private final int[] head;
  private final int[] tail;
  private final int[] next;
  private int count;
  // Keys near the first one (minutes a few apart) are found by their distance to it, in a table
  // that stays in the first-level cache; others by hash (open addressing: a topic written out of
  // order can bring as many keys as items). No test whether a key is the last item's: events a few
  // seconds out of order would mispredict it a third of the time.
  private static final int NEAR_BITS = 6;
  private static final int NEAR_SIZE = 1 << NEAR_BITS;
  private long nearBase;
  private final int[] nearGroup = new int[NEAR_SIZE];
  private final int[] nearStamp = new int[NEAR_SIZE];
  private final int tableBits;
  private final long[] tableKey;
  private final int[] tableGroup;
  /** A slot is in use when it carries the current stamp: a new grouping starts without clearing the tables. */
  private final int[] tableStamp;
  private int stamp;

  KeyGroups(int capacity) {
    key = new long[capacity];
    head = new int[capacity];
    tail = new int[capacity];
    next = new int[capacity];
    tableBits = 33 - Integer.numberOfLeadingZeros(capacity - 1); // at least twice the capacity
    tableKey = new long[1 << tableBits];
    tableGroup = new int[1 << tableBits];
    tableStamp = new int[1 << tableBits];
  }

  /** Starts a new grouping whose keys are mostly near {@code firstKey}. */
  void start(long firstKey) {
    if (++stamp == Integer.MAX_VALUE) {
      Arrays.fill(tableStamp, 0);
      Arrays.fill(nearStamp, 0);
      stamp = 1;
    }
    count = 0;
    nearBase = firstKey - NEAR_SIZE / 2;
  }

  /** Starts a grouping of items {@code 0 .. items - 1} all of one key, in order, without looking it up. */
  void startOne(long onlyKey, int items) {
    start(onlyKey);
    count = 1;
    key[0] = onlyKey;
    head[0] = 0;
    for (int k = 0; k < items - 1; k++) {
      next[k] = k + 1;
    }
    next[items - 1] = -1;
  }

  /** Appends item {@code k} to the group of {@code itemKey}; returns the group ({@link #count()} - 1 when new). */
  int join(int k, long itemKey) {
    long near = itemKey - nearBase;
    boolean isNear = (near >>> NEAR_BITS) == 0;
    int g = isNear && nearStamp[(int) near] == stamp ? nearGroup[(int) near] : groupOf(itemKey);
    if (g < 0) {
      g = count++;
      key[g] = itemKey;
      head[g] = k;
      if (isNear) {
        nearStamp[(int) near] = stamp;
        nearGroup[(int) near] = g;
      }
    } else {
      next[tail[g]] = k;
    }
    tail[g] = k;
    next[k] = -1;
    return g;
  }

  /** The group of a key, or -1 after making it the key of the next group. */
  private int groupOf(long itemKey) {
    int mask = (1 << tableBits) - 1;
    int i = (int) (itemKey * 0x9E3779B97F4A7C15L >>> (64 - tableBits));
    while (tableStamp[i] == stamp) {
      if (tableKey[i] == itemKey) {
        return tableGroup[i];
      }
      i = (i + 1) & mask;
    }
    tableStamp[i] = stamp;
    tableKey[i] = itemKey;
    tableGroup[i] = count;
    return -1;
  }

  int count() {
    return count;
  }

  long key(int group) {
    return key[group];
  }

  int first(int group) {
    return head[group];
  }

  /** The item after {@code k} in its group, -1 after the last. */
  int next(int k) {
    return next[k];
  }
}
