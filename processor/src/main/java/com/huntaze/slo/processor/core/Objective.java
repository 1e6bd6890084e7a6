package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Sli;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.util.OptionalDouble;

/**
 * What an SLO promises and how its numbers follow from counts: which events are good, and the
 * SLI, burn rate and budget left of a window. Every ratio is empty when the window has no events.
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

  OptionalDouble sli(long good, long total) {
    return ratio && total > 0 ? OptionalDouble.of(good / (double) total) : OptionalDouble.empty();
  }

  /** (bad/total) / (1 - objective): 1 spends exactly the budget over the SLO window. */
  OptionalDouble burnRate(long good, long total) {
    if (!ratio || total <= 0 || target.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(((total - good) / (double) total) / (1 - target.getAsDouble()));
  }

  /** The share of bad units the budget allows: 1 - objective. */
  double allowedBadShare() {
    return 1 - target.getAsDouble();
  }

  /** 1 - burn rate over the SLO window: 1 untouched, 0 spent, negative overspent. */
  OptionalDouble budgetRemaining(long good, long total) {
    OptionalDouble burn = burnRate(good, total);
    return burn.isPresent() ? OptionalDouble.of(1 - burn.getAsDouble()) : OptionalDouble.empty();
  }
}
