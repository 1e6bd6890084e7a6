package com.huntaze.slo.exporter.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One trailing window of an SLO (5m ... the SLO window): its events and burn rate.
 *
 * @param label as the processor names it ({@code 5m}, {@code 1h}, {@code 30d}); the metrics' {@code window} label
 * @param burnRate null when the window has no events (no data, not 0)
 */
public record SloWindow(String label, long seconds, long good, long total, Double burnRate) {

  public long bad() {
    return total - good;
  }

  /**
   * Shortest first, each window once: the SLO window can coincide with a fixed one (a 1d SLO and
   * the 1d alert window), and a series or chart point must not appear twice. The first of equals wins.
   */
  static List<SloWindow> sortedUnique(List<SloWindow> windows) {
    List<SloWindow> sorted = new ArrayList<>(windows);
    sorted.sort(Comparator.comparingLong(SloWindow::seconds));
    Set<String> labels = new HashSet<>();
    List<SloWindow> out = new ArrayList<>(sorted.size());
    long previousSeconds = Long.MIN_VALUE;
    for (SloWindow w : sorted) {
      if (w.seconds() != previousSeconds && labels.add(w.label())) {
        out.add(w);
      }
      previousSeconds = w.seconds();
    }
    return List.copyOf(out);
  }
}
