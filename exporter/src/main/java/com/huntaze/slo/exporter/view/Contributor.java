package com.huntaze.slo.exporter.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One top contributor to an SLO's bad events in one window, by one attribution key.
 *
 * @param key {@code operation} or {@code attributes.<name>}
 * @param windowBad the SLO's bad events in the window: the share's denominator
 * @param maxUndercount how many bad events {@code bad} may miss (heavy-hitters bound); 0 = exact
 */
public record Contributor(String window, String key, String value, long bad, long total, long windowBad,
                          long maxUndercount) {
  /** How many contributors per window and key are published ({@code slo_bad_events_top}). */
  public static final int TOP = 10;

  /** bad / windowBad, 0..1; null when the window had no bad events. */
  public Double share() {
    return windowBad > 0 ? Math.min(1.0, (double) bad / windowBad) : null;
  }

  public boolean exact() {
    return maxUndercount == 0;
  }

  /**
   * The {@link #TOP} with the most bad events per (window, key), most bad first; (window, key) pairs in
   * the order the status lists them. The processor may keep more; every output shows these.
   */
  static List<Contributor> top(List<Contributor> all) {
    Map<String, List<Contributor>> byWindowAndKey = new LinkedHashMap<>();
    for (Contributor c : all) {
      byWindowAndKey.computeIfAbsent(c.window() + '\u0000' + c.key(), k -> new ArrayList<>()).add(c);
    }
    List<Contributor> out = new ArrayList<>();
    for (List<Contributor> list : byWindowAndKey.values()) {
      list.sort(Comparator.comparingLong(Contributor::bad).reversed());
      out.addAll(list.subList(0, Math.min(TOP, list.size())));
    }
    return List.copyOf(out);
  }
}
