package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Dimension;
import com.huntaze.slo.schemas.slo.InstanceKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A grouped SLO's group keys: each {@code groupBy} key's value as 2 length bytes and its UTF-8
 * bytes. One encoding for an event's group (written from the record's bytes, nothing decoded), a
 * group made again after a restart, and the hashes of overflowed groups stored in the SLO's meta.
 * The gateway refuses values over 256 characters, but a record written to Kafka by other means is
 * read as it is: a value of 65,535 bytes or more has {@code FF FF} and 4 length bytes instead.
 */
final class GroupKeys {
  /** A value this long or longer has 4 length bytes after {@code FF FF}. */
  private static final int LONG_VALUE = 0xFFFF;
  private final List<Dimension> keys;
  private final DimensionValues values;
  private byte[] scratch = new byte[64];

  GroupKeys(List<Dimension> keys) {
    this.keys = keys;
    this.values = new DimensionValues(keys);
  }

  /** Where {@link #write} puts a key; valid until the next write. */
  byte[] scratch() {
    return scratch;
  }

  /** Writes the key of an event's group into {@link #scratch}; returns its length. */
  int write(EventFields fields) {
    int at = 0;
    for (int i = 0; i < values.size(); i++) {
      long located = values.locate(i, fields);
      int length = located == EventFields.ABSENT ? 0 : (int) located;
      if (scratch.length < at + 6 + length) {
        scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, at + 6 + length));
      }
      if (length >= LONG_VALUE) {
        scratch[at++] = (byte) 0xFF;
        scratch[at++] = (byte) 0xFF;
        scratch[at++] = (byte) (length >>> 24);
        scratch[at++] = (byte) (length >>> 16);
      }
      scratch[at++] = (byte) (length >>> 8);
      scratch[at++] = (byte) length;
      if (length > 0) {
        System.arraycopy(fields.buffer(), (int) (located >>> 32), scratch, at, length);
        at += length;
      }
    }
    return at;
  }

  /** Writes the key an event of {@code group} gives into {@link #scratch}; returns its length. */
  int write(List<GroupValue> group) {
    String operation = "";
    Map<String, String> attributes = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).isOperation()) {
        operation = eventValueOf(group.get(i).value());
      } else {
        attributes.put(keys.get(i).attribute().orElseThrow(), eventValueOf(group.get(i).value()));
      }
    }
    return write(EventFields.of(operation, attributes));
  }

  /** The group the key at {@code key[offset...]} names: each key's value, as its group's value. */
  List<GroupValue> read(byte[] key, int offset) {
    List<GroupValue> group = new ArrayList<>(keys.size());
    for (int i = 0, at = offset; i < keys.size(); i++) {
      int length = (key[at] & 0xFF) << 8 | key[at + 1] & 0xFF;
      at += 2;
      if (length == LONG_VALUE) {
        length = (key[at] & 0xFF) << 24 | (key[at + 1] & 0xFF) << 16 | (key[at + 2] & 0xFF) << 8 | key[at + 3] & 0xFF;
        at += 4;
      }
      group.add(new GroupValue(keys.get(i).label(), keys.get(i).source(), groupValueOf(new String(key, at, length, StandardCharsets.UTF_8))));
      at += length;
    }
    return group;
  }

  /** A key's 64-bit hash, as stored for an overflowed group: its value must not change between releases. */
  static long hash64(byte[] bytes, int offset, int length) {
    long h = 1125899906842597L;
    for (int i = offset; i < offset + length; i++) {
      h = 31 * h + bytes[i];
    }
    return h;
  }

  /**
   * An event's value as its group's value: {@code _other} names the overflow group, so a real
   * {@code _other} (or {@code __other}, ...) gets one more leading underscore. Two groups never
   * share a key, and the overflow group never takes a real group's events.
   */
  static String groupValueOf(String eventValue) {
    return InstanceKeys.escapeReserved(eventValue, SloGroups.OTHER);
  }

  /** The inverse of {@link #groupValueOf}, for a group stored before a restart. */
  static String eventValueOf(String groupValue) {
    return groupValue.length() > SloGroups.OTHER.length() && groupValueOf(groupValue.substring(1)).equals(groupValue)
        ? groupValue.substring(1) : groupValue;
  }
}
