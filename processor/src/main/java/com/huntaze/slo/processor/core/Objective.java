package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Sli;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.util.OptionalDouble;

/**
 * What an SLO promises and how its numbers follow from counts: which events are good, the burn
 * rate of a window and the share of bad units the budget allows ({@link SloBudget} sums the SLI
 * and budget). Every ratio is empty when the window has no events.
 */
final class Objective {
  private final boolean ratio;
  private final boolean latency;
  private final double latencyThresholdMs;
  private final OptionalDouble target;

  Objective(SloDefinition slo) {
    this.ratio = !(slo.sli() instanceof Sli.Throughput);
    this.latency = slo.sli() instanceof Sli.Latency;
    this.latencyThresholdMs = slo.sli() instanceof Sli.Latency l ? l.thresholdMs() : Double.NaN;
    this.target = slo.objective();
  }

  /** Whether the SLI is a ratio of good events (all but throughput). */
  boolean isRatio() {
    return ratio;
  }

  boolean isLatency() {
    return latency;
  }

  /** availability/errorRate: no server error; latency: within the threshold; throughput: every request. */
  boolean isGood(int status, double latencyMs) {
    if (latency) {
      return latencyMs <= latencyThresholdMs;
    }
    return !ratio || status < 500;
  }

  /** (bad/total) / (1 - objective): 1 spends exactly the budget over the SLO window. */
  OptionalDouble burnRate(long good, long total) {
    if (!ratio || total <= 0 || target.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(((total - good) / (double) total) / allowedBadShare());
  }

  /** The share of bad units the budget allows: 1 - objective. */
  double allowedBadShare() {
    return 1 - target.getAsDouble();
  }
}
