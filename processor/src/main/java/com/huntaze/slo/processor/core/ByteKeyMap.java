package com.huntaze.slo.processor.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A small open-addressing map keyed by byte strings, looked up by a slice of a larger array: the
 * processor finds an event's service and operation straight from the record's bytes, without
 * decoding them into Strings.
 */
public final class ByteKeyMap<V> {
  /** Eight bytes at a time: every event looks up its service and operation, and these keys are 5 to 30 bytes. */
  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private byte[][] keys = new byte[16][];
  private Object[] values = new Object[16];
  private int[] hashes = new int[16];
  private int size;

  public int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  public V get(byte[] buffer, int offset, int length) {
    int hash = hash(buffer, offset, length);
    int mask = keys.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      byte[] key = keys[i];
      if (key == null) {
        return null;
      }
      if (hashes[i] == hash && same(key, buffer, offset, length)) {
        return (V) values[i];
      }
    }
  }

  public V get(byte[] key) {
    return get(key, 0, key.length);
  }

  /** Adds or replaces; the key array is kept, so callers pass a copy they no longer change. */
  public void put(byte[] key, V value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int hash = hash(key, 0, key.length);
    int mask = keys.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      if (keys[i] == null) {
        keys[i] = key;
        values[i] = value;
        hashes[i] = hash;
        size++;
        return;
      }
      if (hashes[i] == hash && Arrays.equals(keys[i], key)) {
        values[i] = value;
        return;
      }
    }
  }

  public void clear() {
    Arrays.fill(keys, null);
    Arrays.fill(values, null);
    size = 0;
  }

  private void grow() {
    byte[][] oldKeys = keys;
    Object[] oldValues = values;
    keys = new byte[oldKeys.length * 2][];
    values = new Object[oldKeys.length * 2];
    hashes = new int[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        @SuppressWarnings("unchecked")
        V v = (V) oldValues[i];
        put(oldKeys[i], v);
      }
    }
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

  /** Whether {@code key} holds the bytes {@code buffer[offset, offset + length)}. */
  public static boolean same(byte[] key, byte[] buffer, int offset, int length) {
    if (key.length != length) {
      return false;
    }
    int i = 0;
    for (; i + Long.BYTES <= length; i += Long.BYTES) {
      if ((long) WORDS.get(key, i) != (long) WORDS.get(buffer, offset + i)) {
        return false;
      }
    }
    for (; i < length; i++) {
      if (key[i] != buffer[offset + i]) {
        return false;
      }
    }
    return true;
  }
}
