package com.huntaze.slo.processor.core;

import java.util.Arrays;

/**
 * A small open-addressing map keyed by byte strings, looked up by a slice of a larger array: the
 * processor finds an event's service and operation straight from the record's bytes, without
 * decoding them into Strings.
 */
public final class ByteKeyMap<V> {
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
      if (hashes[i] == hash && Arrays.equals(key, 0, key.length, buffer, offset, offset + length)) {
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

  /** The hash of a byte range, also used by {@link BadSummary}: one function for the core's byte keys. */
  public static int hash(byte[] buffer, int offset, int length) {
    int h = 0x811C9DC5;
    for (int i = offset; i < offset + length; i++) {
      h = (h ^ buffer[i]) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }
}
