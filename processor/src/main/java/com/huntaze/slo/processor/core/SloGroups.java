package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Dimension;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.util.ArrayList;
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
  private final GroupKeys groupKeys;
  /** Group key bytes ({@link GroupKeys}) to the instance's place in {@link #bySlot}; rebuilt when groups retire (rare). */
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
  private final List<SloState> retired = new ArrayList<>();

  SloGroups(SloState whole, EngineSettings settings) {
    this.whole = whole;
    this.slo = whole.slo();
    this.settings = settings;
    this.keys = slo.grouping().keys();
    this.groupKeys = new GroupKeys(keys);
  }

  /**
   * Holds an event the SLO as a whole applied, with its group's key: its group is found (and made
   * when new and there is room, so places go to groups in the order events come) when the events
   * held are applied.
   */
  void record(EventFields fields, long eventMillis, long[] nowBuckets, boolean good, int latencyBin) {
    int length = groupKeys.write(fields);
    if (pending.add(groupKeys.scratch(), length, eventMillis, nowBuckets[Resolution.MINUTE.ordinal()], good, latencyBin)) {
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
      return add(groupKeys.read(keys, offset), java.util.Arrays.copyOfRange(keys, offset, offset + length));
    }
    if (overflowed.size() < OVERFLOW_REMEMBERED && overflowed.add(GroupKeys.hash64(keys, offset, length))) {
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
    int length = groupKeys.write(group);
    int slot = add(group, java.util.Arrays.copyOf(groupKeys.scratch(), length)); // first: add may grow bySlot
    return bySlot[slot];
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
