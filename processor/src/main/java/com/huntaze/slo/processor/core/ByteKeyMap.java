package com.huntaze.slo.processor.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A small open-addressing map keyed by byte strings, looked up by a slice of a larger array: the
 * processor finds an event's service and operation straight from the record's bytes, without
 * decoding them into Strings.
 *
 * <p>The keys' bytes sit side by side in one array, not one array each: a lookup reads the table
 * and then one place in that array, where separate key arrays lay scattered through the heap (a
 * grouped SLO's group keys were made between its instances' rings) and each cost a cache miss.
 */
public final class ByteKeyMap<V> {
  /** Eight bytes at a time: every event looks up its service and operation, and these keys are 5 to 30 bytes. */
  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** Per table slot: where its key starts in {@link #keyBytes}; -1 = free. */
  private int[] keyOffsets = free(16);
  private int[] keyLengths = new int[16];
  private int[] hashes = new int[16];
  private Object[] values = new Object[16];
  private byte[] keyBytes = new byte[256];
  private int bytesUsed;
  private int size;

  public int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  public V get(byte[] buffer, int offset, int length) {
    int hash = hash(buffer, offset, length);
    int mask = keyOffsets.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int at = keyOffsets[i];
      if (at < 0) {
        return null;
      }
      if (hashes[i] == hash && keyLengths[i] == length && sameBytes(keyBytes, at, buffer, offset, length)) {
        return (V) values[i];
      }
    }
  }

  public V get(byte[] key) {
    return get(key, 0, key.length);
  }

  /** Adds or replaces; the key's bytes are copied. */
  public void put(byte[] key, V value) {
    if ((size + 1) * 2 > keyOffsets.length) {
      grow();
    }
    int hash = hash(key, 0, key.length);
    int mask = keyOffsets.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int at = keyOffsets[i];
      if (at < 0) {
        if (bytesUsed + key.length > keyBytes.length) {
          keyBytes = Arrays.copyOf(keyBytes, Math.max(keyBytes.length * 2, bytesUsed + key.length));
        }
        System.arraycopy(key, 0, keyBytes, bytesUsed, key.length);
        keyOffsets[i] = bytesUsed;
        keyLengths[i] = key.length;
        hashes[i] = hash;
        values[i] = value;
        bytesUsed += key.length;
        size++;
        return;
      }
      if (hashes[i] == hash && keyLengths[i] == key.length && sameBytes(keyBytes, at, key, 0, key.length)) {
        values[i] = value;
        return;
      }
    }
  }

  public void clear() {
    Arrays.fill(keyOffsets, -1);
    Arrays.fill(values, null);
    bytesUsed = 0;
    size = 0;
  }

  /** Doubles the table; the keys' bytes stay where they are, and each entry moves by its stored hash. */
  private void grow() {
    int[] oldOffsets = keyOffsets;
    int[] oldLengths = keyLengths;
    int[] oldHashes = hashes;
    Object[] oldValues = values;
    int capacity = oldOffsets.length * 2;
    keyOffsets = free(capacity);
    keyLengths = new int[capacity];
    hashes = new int[capacity];
    values = new Object[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < oldOffsets.length; i++) {
      if (oldOffsets[i] >= 0) {
        int j = oldHashes[i] & mask;
        while (keyOffsets[j] >= 0) {
          j = (j + 1) & mask;
        }
        keyOffsets[j] = oldOffsets[i];
        keyLengths[j] = oldLengths[i];
        hashes[j] = oldHashes[i];
        values[j] = oldValues[i];
      }
    }
  }

  private static int[] free(int capacity) {
    int[] offsets = new int[capacity];
    Arrays.fill(offsets, -1);
    return offsets;
  }

  /**
   * The hash of a byte range, also used by {@link BadSummary}: one function for the core's byte
   * keys, never stored. Eight bytes per step (a byte-at-a-time hash was a tenth of a replay).
   */
  public static int hash(byte[] buffer, int offset, int length) {
    long h = 0x9E3779B97F4A7C15L ^ length;
    int i = offset;
    int end = offset + length;
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      h = Long.rotateLeft((h ^ (long) WORDS.get(buffer, i)) * 0xBF58476D1CE4E5B9L, 31);
    }
    long tail = 0;
    for (int shift = 0; i < end; i++, shift += Byte.SIZE) {
      tail |= (buffer[i] & 0xFFL) << shift;
    }
    h = (h ^ tail) * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    return (int) (h ^ (h >>> 32));
  }

  /**
   * The first eight bytes of {@code buffer[offset, offset + length)} (fewer when shorter, the rest
   * zeros): two byte strings of one length up to eight bytes are equal exactly when these are.
   */
  public static long prefix(byte[] buffer, int offset, int length) {
    if (length >= Long.BYTES) {
      return (long) WORDS.get(buffer, offset);
    }
    long word = 0;
    for (int i = length - 1; i >= 0; i--) {
      word = word << Byte.SIZE | (buffer[offset + i] & 0xFFL);
    }
    return word;
  }

  /** Whether {@code key} holds the bytes {@code buffer[offset, offset + length)}. */
  public static boolean same(byte[] key, byte[] buffer, int offset, int length) {
    return key.length == length && sameBytes(key, 0, buffer, offset, length);
  }

  /** Whether {@code a[aOffset, aOffset + length)} and {@code b[bOffset, bOffset + length)} hold the same bytes. */
  private static boolean sameBytes(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
    int i = 0;
    for (; i + Long.BYTES <= length; i += Long.BYTES) {
      if ((long) WORDS.get(a, aOffset + i) != (long) WORDS.get(b, bOffset + i)) {
        return false;
      }
    }
    for (; i < length; i++) {
      if (a[aOffset + i] != b[bOffset + i]) {
        return false;
      }
    }
    return true;
  }
}
