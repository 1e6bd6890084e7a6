package com.huntaze.slo.exporter.web;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The budget burn-down of the current SLO window, reconstructed from the trailing windows a status
 * carries. The budget that was left at {@code now - w} is what is left now plus what the last
 * {@code w} spent: {@code remaining(now - w) = budgetRemaining + bad(w) / allowedBad}, where
 * {@code allowedBad = (1 - objective) * total(SLO window)}. One point per trailing window (30d, 3d,
 * 1d, 6h, 2h, 1h, 30m, 5m) and "now"; the point at the start of the SLO window is 1 by construction.
 * The reference is the uniform burn that spends exactly the budget over the window: {@code w / W}.
 * Approximation: events that left the SLO window during {@code w} are not known, so the older points
 * lean optimistic when the window's far end held many bad events.
 */
public final class BurnDown {
  private BurnDown() {
  }

  /**
   * @param window label, e.g. {@code 1h}, or {@code now}
   * @param secondsAgo how far back the point lies
   * @param remaining budget left then, as a fraction (1 untouched, negative overspent)
   * @param uniform budget left then had it been spent at a constant pace over the window
   */
  public record Point(String window, long secondsAgo, double remaining, double uniform) {
  }

  /** The points, oldest first; empty when the SLO has no budget or no data. */
  public static List<Point> points(SloStatus s) {
    Double budget = s.getBudgetRemaining();
    if (budget == null || !Double.isFinite(budget) || !(s.getObjective() > 0) || !(s.getObjective() < 1)) {
      return List.of();
    }
    long windowSeconds = s.getWindowSeconds();
    WindowStats sloWindow = s.getWindows().stream().filter(w -> w.getSeconds() == windowSeconds).findFirst().orElse(null);
    if (sloWindow == null || sloWindow.getTotal() <= 0) {
      return List.of();
    }
    double allowedBad = (1 - s.getObjective()) * sloWindow.getTotal();
    List<WindowStats> windows = new ArrayList<>(s.getWindows().stream()
        .filter(w -> w.getSeconds() > 0 && w.getSeconds() <= windowSeconds)
        .sorted(Comparator.comparingLong(WindowStats::getSeconds).reversed())
        .toList());
    List<Point> out = new ArrayList<>();
    long previous = -1;
    for (WindowStats w : windows) {
      if (w.getSeconds() == previous) {
        continue;
      }
      previous = w.getSeconds();
      double bad = Math.max(0, w.getTotal() - w.getGood());
      out.add(new Point(w.getWindow(), w.getSeconds(), budget + bad / allowedBad,
          (double) w.getSeconds() / windowSeconds));
    }
    out.add(new Point("now", 0, budget, 0));
    return out;
  }
}
