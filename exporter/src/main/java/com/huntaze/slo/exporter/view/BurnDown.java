package com.huntaze.slo.exporter.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The budget burn-down of the current window or period, as the processor computed it from its
 * buckets (exact, hourly or coarser, at most about 200 points): the budget left through the span
 * up to each instant, from 1 at its start to the budget left now. The reference is the uniform
 * burn that spends exactly the budget by the span's end (the window's end is now; a calendar
 * period's end is ahead): {@code 1 - (t - start) / (end - start)}.
 */
public final class BurnDown {

  private BurnDown() {
  }

  /**
   * @param at the instant the point describes
   * @param remaining budget left then, as a fraction (1 untouched, negative overspent)
   * @param uniform budget left then had it been spent at a constant pace over the span
   */
  public record Point(Instant at, double remaining, double uniform) {
  }

  /** One sample of the processor's series. */
  public record Sample(Instant at, double remaining) {
  }

  /** The points, oldest first; empty without samples (no data, throughput, or a processor from before the series). */
  static List<Point> points(List<Sample> samples, Instant spanEnd) {
    if (samples.size() < 2) {
      return List.of();
    }
    Instant start = samples.get(0).at();
    double span = Math.max(1, Duration.between(start, spanEnd).toMillis());
    List<Point> out = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      out.add(new Point(s.at(), s.remaining(), 1 - Duration.between(start, s.at()).toMillis() / span));
    }
    return List.copyOf(out);
  }
}
