package com.huntaze.slo.exporter.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alert the processor evaluates for an SLO, as its latest status says.
 *
 * @param since when it started firing; null when not firing or unknown
 */
public record AlertStatus(String alertName, String severity, boolean firing, Instant since) {
  public static final String PAGE = "page";

  /** One entry per (alert name, severity), the first wins: each is one series and one line on the page. */
  static List<AlertStatus> unique(List<AlertStatus> alerts) {
    Set<String> seen = new HashSet<>();
    List<AlertStatus> out = new ArrayList<>(alerts.size());
    for (AlertStatus a : alerts) {
      if (seen.add(a.alertName() + '\u0000' + a.severity())) {
        out.add(a);
      }
    }
    return List.copyOf(out);
  }

  /** Per severity (name-ordered): whether any alert of it fires. */
  static SortedMap<String, Boolean> firingBySeverity(List<AlertStatus> alerts) {
    SortedMap<String, Boolean> out = new TreeMap<>();
    for (AlertStatus a : alerts) {
      out.merge(a.severity(), a.firing(), Boolean::logicalOr);
    }
    return Collections.unmodifiableSortedMap(out);
  }
}
