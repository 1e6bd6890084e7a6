package com.huntaze.slo.exporter.view;

import java.util.Comparator;
import java.util.List;

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
}
