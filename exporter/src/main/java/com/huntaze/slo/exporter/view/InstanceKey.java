package com.huntaze.slo.exporter.view;

import java.util.Comparator;
import java.util.Objects;

/**
 * Which SLO instance a status is about: the SLO as a whole ({@code group} empty) or one group of it
 * ({@code group} = {@code {label="value",...}}, {@link GroupLabel#groupKey}). The key of
 * {@code slo.status} is {@link #toString()}. Ordered by SLO name, then the whole SLO before its groups,
 * so the instances of one SLO sit together.
 */
public record InstanceKey(String name, String group) implements Comparable<InstanceKey> {
  private static final Comparator<InstanceKey> ORDER =
      Comparator.comparing(InstanceKey::name).thenComparing(InstanceKey::group);

  public InstanceKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(group, "group");
  }

  public static InstanceKey whole(String name) {
    return new InstanceKey(name, "");
  }

  /**
   * Splits a record key: SLO names never contain {@code {}} (the loader allows {@code [a-z0-9-]}), so
   * the group part starts at the first one.
   */
  public static InstanceKey parse(String recordKey) {
    int brace = recordKey.indexOf('{');
    return brace < 0 ? whole(recordKey) : new InstanceKey(recordKey.substring(0, brace), recordKey.substring(brace));
  }

  public boolean isWhole() {
    return group.isEmpty();
  }

  /** The first key after every instance of this SLO: bounds a range of the SLO's instances. */
  public static InstanceKey afterAllOf(String name) {
    return new InstanceKey(name, "\uffff");
  }

  @Override
  public int compareTo(InstanceKey o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return name + group;
  }
}
