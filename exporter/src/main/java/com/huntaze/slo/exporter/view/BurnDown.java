package com.huntaze.slo.exporter.view;

import java.util.ArrayList;
import java.util.List;

/**
 * The budget burn-down of the current SLO window, reconstructed from the trailing windows a status
 * carries (a status has no time series). The budget that was left at {@code now - w} is what is left
 * now plus what the last {@code w} spent: {@code remaining(now - w) = budgetRemaining + bad(w) / allowedBad},
 * where {@code allowedBad = (1 - objective) * total(SLO window)}. One point per trailing window
 * (30d, 3d, 1d, 6h, 2h, 1h, 30m, 5m) and "now"; the point at the start of the SLO window is 1 by
 * construction. The reference is the uniform burn that spends exactly the budget over the window:
 * {@code w / W}. Approximation: events that left the SLO window during {@code w} are not known, so
 * the older points lean optimistic when the window's far end held many bad events.
 */
public final class BurnDown {
  public static final String NOW = "now";

  private BurnDown() {
  }

  /**
   * @param window label, e.g. {@code 1h}, or {@link #NOW}
   * @param secondsAgo how far back the point lies
   * @param remaining budget left then, as a fraction (1 untouched, negative overspent)
   * @param uniform budget left then had it been spent at a constant pace over the window
   */
  public record Point(String window, long secondsAgo, double remaining, double uniform) {
  }

  /**
   * The points, oldest first; empty when the SLO has no budget (throughput) or no data.
   *
   * @param windows shortest first, unique ({@link SloWindow#sortedUnique})
   */
  static List<Point> points(SloSpec spec, Double budget, List<SloWindow> windows) {
    Double objective = spec.objective();
    if (budget == null || !Double.isFinite(budget) || objective == null || !(objective > 0) || !(objective < 1)) {
      return List.of();
    }
    long windowSeconds = spec.windowSeconds();
    SloWindow sloWindow = windows.stream().filter(w -> w.seconds() == windowSeconds).findFirst().orElse(null);
    if (sloWindow == null || sloWindow.total() <= 0) {
      return List.of();
    }
    double allowedBad = (1 - objective) * sloWindow.total();
    List<Point> out = new ArrayList<>();
    for (int i = windows.size() - 1; i >= 0; i--) {
      SloWindow w = windows.get(i);
      if (w.seconds() > 0 && w.seconds() <= windowSeconds) {
        out.add(new Point(w.label(), w.seconds(), budget + Math.max(0, w.bad()) / allowedBad,
            (double) w.seconds() / windowSeconds));
      }
    }
    out.add(new Point(NOW, 0, budget, 0));
    return List.copyOf(out);
  }
}
