package com.huntaze.slo.exporter.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an instance sits in its SLO's grouping.
 *
 * @param group the group's labels in groupBy order; empty for the SLO as a whole
 * @param groupBy the SLO's groupBy keys as in slos.yaml; empty = not grouped
 * @param tracked group instances the processor keeps now (whole-SLO status of a grouped SLO)
 * @param overflowed distinct groups counted in {@code _other} because maxGroups was reached
 */
public record Grouping(List<GroupLabel> group, List<String> groupBy, long tracked, long overflowed) {
  public static final Grouping NONE = new Grouping(List.of(), List.of(), 0, 0);

  public Grouping {
    group = List.copyOf(group);
    groupBy = List.copyOf(groupBy);
  }

  public boolean grouped() {
    return !groupBy.isEmpty();
  }

  /** The group's labels as label -> value. */
  public Map<String, String> labels() {
    Map<String, String> out = new LinkedHashMap<>();
    group.forEach(g -> out.put(g.label(), g.value()));
    return out;
  }

  public boolean isWhole() {
    return group.isEmpty();
  }
}
