package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Dimension;
import com.huntaze.slo.schemas.slo.InstanceKeys;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The group instances of a grouped SLO: one {@link SloState} per distinct combination of its
 * {@code groupBy} values, at most {@code maxGroups}. Events of further groups count in the group
 * {@code _other} (every key's value {@code _other}), and how many distinct groups went there is
 * counted. A group with no events left in the SLO window is retired: its state and its status go,
 * and its place is free for a new group. Retirement is checked when the hour of "now" changes, in
 * the live processor and in a replay alike, so both assign places to the same groups.
 */
final class SloGroups implements GroupEvents.Places {
  static final String OTHER = "_other";
  /**
   * Distinct overflowed groups remembered to count them; past it the count stays there (a lower
   * bound). They are stored with the SLO's meta, 8 bytes each.
   */
  private static final int OVERFLOW_REMEMBERED = 10_000;

  private final SloDefinition slo;
  /** The SLO as a whole: its instances share what follows from the definition alone. */
  private final SloState whole;
  private final EngineSettings settings;
  private final List<Dimension> keys;
  private final DimensionValues values;
  /** Group key bytes ({@link #keyOf}) to the instance's place in {@link #bySlot}; rebuilt when groups retire (rare). */
  private ByteKeyMap<Integer> byKey = new ByteKeyMap<>();
  /** The instances, {@code _other} included, by a dense index: what {@link GroupEvents} sorts by. */
  private SloState[] bySlot = new SloState[16];
  private int slots;
  private int otherSlot = -1;
  private final GroupEvents pending = new GroupEvents();
  private final Map<String, SloState> byInstanceKey = new LinkedHashMap<>();
  private final Map<String, byte[]> keyBytes = new LinkedHashMap<>();
  private SloState other;
  /** Hashes of the distinct groups counted in {@code _other}: how many there are is the overflow count. */
  private final Set<Long> overflowed = new HashSet<>();
  private boolean overflowChanged;
  private byte[] scratch = new byte[64];
  private final List<SloState> retired = new ArrayList<>();

  SloGroups(SloState whole, EngineSettings settings) {
    this.whole = whole;
    this.slo = whole.slo();
    this.settings = settings;
    this.keys = slo.grouping().keys();
    this.values = new DimensionValues(keys);
  }

  /**
   * Holds an event the SLO as a whole applied, with its group's key: its group is found (and made
   * when new and there is room, so places go to groups in the order events come) when the events
   * held are applied.
   */
  void record(EventFields fields, long eventMillis, long[] nowBuckets, boolean good, int latencyBin) {
    if (pending.add(scratch, keyOf(fields), eventMillis, nowBuckets[Resolution.MINUTE.ordinal()], good, latencyBin)) {
      flush();
    }
  }

  /** Applies the events held to their instances: before anything reads them. */
  void flush() {
    pending.flush(this);
  }

  @Override
  public int placeOf(byte[] keys, int offset, int length) {
    Integer found = byKey.get(keys, offset, length);
    if (found != null) {
      return found;
    }
    if (byInstanceKey.size() - (other == null ? 0 : 1) < slo.grouping().maxGroups()) {
      return add(groupOf(keys, offset), java.util.Arrays.copyOfRange(keys, offset, offset + length));
    }
    if (overflowed.size() < OVERFLOW_REMEMBERED && overflowed.add(hash64(keys, offset, length))) {
      overflowChanged = true;
    }
    other();
    return otherSlot;
  }

  @Override
  public SloState[] byPlace() {
    return bySlot;
  }

  @Override
  public int count() {
    return slots;
  }

  /** The group a key ({@link #keyOf}) names: each key's value, as its group's value. */
  private List<GroupValue> groupOf(byte[] key, int offset) {
    List<GroupValue> group = new ArrayList<>(keys.size());
    for (int i = 0, at = offset; i < keys.size(); i++) {
      int length = (key[at] & 0xFF) << 8 | key[at + 1] & 0xFF;
      String value = new String(key, at + 2, length, java.nio.charset.StandardCharsets.UTF_8);
      group.add(new GroupValue(keys.get(i).label(), keys.get(i).source(), groupValueOf(value)));
      at += 2 + length;
    }
    return group;
  }

  private SloState other() {
    if (other == null) {
      List<GroupValue> group = keys.stream().map(k -> new GroupValue(k.label(), k.source(), OTHER)).toList();
      other = new SloState(whole, settings, group);
      byInstanceKey.put(other.instanceKey(), other);
      otherSlot = place(other);
    }
    return other;
  }

  /** Makes the instance of a new group; returns its place. */
  private int add(List<GroupValue> group, byte[] key) {
    SloState state = new SloState(whole, settings, group);
    int slot = place(state);
    byKey.put(key, slot);
    byInstanceKey.put(state.instanceKey(), state);
    keyBytes.put(state.instanceKey(), key);
    return slot;
  }

  private int place(SloState state) {
    if (slots == bySlot.length) {
      bySlot = java.util.Arrays.copyOf(bySlot, slots * 2);
    }
    bySlot[slots] = state;
    return slots++;
  }

  /** Writes the event's group key into {@link #scratch}: each value as 2 length bytes and its UTF-8 bytes. */
  private int keyOf(EventFields fields) {
    int at = 0;
    for (int i = 0; i < values.size(); i++) {
      long located = values.locate(i, fields);
      int length = located == EventFields.ABSENT ? 0 : (int) located;
      if (scratch.length < at + 2 + length) {
        scratch = java.util.Arrays.copyOf(scratch, Math.max(scratch.length * 2, at + 2 + length));
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

  /**
   * An event's value as its group's value: {@code _other} names the overflow group, so a real
   * {@code _other} (or {@code __other}, ...) gets one more leading underscore. Two groups never
   * share a key, and the overflow group never takes a real group's events.
   */
  static String groupValueOf(String eventValue) {
    return InstanceKeys.escapeReserved(eventValue, OTHER);
  }

  /** The inverse of {@link #groupValueOf}, for a group stored before a restart. */
  static String eventValueOf(String groupValue) {
    return groupValue.length() > OTHER.length() && groupValueOf(groupValue.substring(1)).equals(groupValue)
        ? groupValue.substring(1) : groupValue;
  }

  private static long hash64(byte[] bytes, int offset, int length) {
    long h = 1125899906842597L;
    for (int i = offset; i < offset + length; i++) {
      h = 31 * h + bytes[i];
    }
    return h;
  }

  /** The group instance stored under {@code group}, made for a restart; null when maxGroups is reached. */
  SloState restoring(List<GroupValue> group) {
    flush();
    String key = GroupValue.instanceKey(slo.name(), group);
    SloState found = byInstanceKey.get(key);
    if (found != null) {
      return found;
    }
    if (group.stream().allMatch(g -> g.value().equals(OTHER))) {
      return other();
    }
    if (byInstanceKey.size() - (other == null ? 0 : 1) >= slo.grouping().maxGroups()) {
      return null;
    }
    // The key bytes as an event of this group would give them: one encoding, in keyOf(EventFields).
    String operation = "";
    Map<String, String> attributes = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).isOperation()) {
        operation = eventValueOf(group.get(i).value());
      } else {
        attributes.put(keys.get(i).attribute().orElseThrow(), eventValueOf(group.get(i).value()));
      }
    }
    int length = keyOf(EventFields.of(operation, attributes));
    return bySlot[add(group, java.util.Arrays.copyOf(scratch, length))];
  }

  /** Retires the groups with no events in the SLO window as of {@code nowMillis}; their keys are returned. */
  List<String> retireIdle(long nowMillis) {
    flush();
    List<String> gone = new ArrayList<>();
    byInstanceKey.values().removeIf(state -> {
      if (hasEventsInSloWindow(state, nowMillis)) {
        return false;
      }
      gone.add(state.instanceKey());
      retired.add(state);
      return true;
    });
    if (!gone.isEmpty()) {
      if (other != null && !byInstanceKey.containsKey(other.instanceKey())) {
        other = null;
      }
      gone.forEach(keyBytes::remove);
      renumber();
    }
    return gone;
  }

  /**
   * Whether any event an instance applied still lies in the SLO window as of {@code nowMillis}; for
   * a calendar SLO, within its longest period (and an hour), since the budget may still count it.
   */
  private boolean hasEventsInSloWindow(SloState state, long nowMillis) {
    long newest = state.lateTally().newestEventMillis();
    if (newest == Long.MIN_VALUE) {
      return false;
    }
    if (slo.calendar().isPresent()) {
      return newest >= nowMillis - slo.longestBudgetSpan().toMillis() - Resolution.HOUR.bucketMillis();
    }
    WindowSpec w = state.sloWindow();
    return w.resolution().bucketOf(newest) > w.resolution().bucketOf(nowMillis) - w.buckets();
  }

  /** Gives the instances left dense places again, and the key map their new places. */
  private void renumber() {
    java.util.Arrays.fill(bySlot, null);
    slots = 0;
    otherSlot = -1;
    byKey = new ByteKeyMap<>();
    Map<SloState, Integer> placeOf = new java.util.IdentityHashMap<>();
    for (SloState state : byInstanceKey.values()) {
      int slot = place(state);
      placeOf.put(state, slot);
      if (state == other) {
        otherSlot = slot;
      }
    }
    keyBytes.forEach((instanceKey, bytes) -> byKey.put(bytes, placeOf.get(byInstanceKey.get(instanceKey))));
  }

  Iterable<SloState> instances() {
    flush();
    return byInstanceKey.values();
  }

  int tracked() {
    flush();
    return byInstanceKey.size() - (other == null ? 0 : 1);
  }

  long overflowed() {
    flush();
    return overflowed.size();
  }

  /** Whether a group overflowed since the last call: the SLO's meta is to be stored again. */
  boolean takeOverflowChanged() {
    flush();
    boolean changed = overflowChanged;
    overflowChanged = false;
    return changed;
  }

  long[] overflowedGroups() {
    flush();
    return overflowed.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /** Puts back the groups that overflowed before a restart (stored with the SLO's meta). */
  void restoreOverflowed(long[] groups) {
    for (long g : groups) {
      if (overflowed.size() < OVERFLOW_REMEMBERED) {
        overflowed.add(g);
      }
    }
  }

  /** Retired instances whose stored state is still to be deleted; handed over once. */
  List<SloState> takeRetired() {
    List<SloState> out = List.copyOf(retired);
    retired.clear();
    return out;
  }
}
