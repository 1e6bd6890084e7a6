package com.huntaze.slo.exporter.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SLO with its groups, as the status page and {@code /api/slos} list it.
 *
 * @param whole the SLO as a whole; null while only statuses of its groups arrived (they may sit in
 *     other partitions of slo.status than the whole SLO's)
 * @param groups worst budget first ({@link #WORST_FIRST})
 */
public record GroupedSlo(String name, SloView whole, List<SloView> groups) {
  /** Least budget left first; no budget (no data, throughput) after every budget; then by key. */
  public static final Comparator<SloView> WORST_FIRST = Comparator
      .comparing(SloView::budgetRemaining, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(SloView::key);

  public GroupedSlo {
    groups = groups.stream().sorted(WORST_FIRST).toList();
  }

  /** Each SLO of these instances with its groups, SLOs in first-seen order. */
  public static List<GroupedSlo> of(List<SloView> instances) {
    Map<String, SloView> wholes = new LinkedHashMap<>();
    Map<String, List<SloView>> groups = new LinkedHashMap<>();
    for (SloView v : instances) {
      groups.computeIfAbsent(v.name(), k -> new ArrayList<>());
      if (v.grouping().isWhole()) {
        wholes.put(v.name(), v);
      } else {
        groups.get(v.name()).add(v);
      }
    }
    List<GroupedSlo> out = new ArrayList<>(groups.size());
    groups.forEach((name, list) -> out.add(new GroupedSlo(name, wholes.get(name), list)));
    return List.copyOf(out);
  }

  /** The group with these labels (label -> value), if held. */
  public java.util.Optional<SloView> group(Map<String, String> labels) {
    return groups.stream().filter(g -> g.grouping().labels().equals(labels)).findFirst();
  }
}
