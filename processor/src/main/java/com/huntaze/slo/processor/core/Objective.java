package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Sli;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
  /**
   * The share of bad units the budget allows, 1 - objective, as {@code allowedBad / scale} of whole
   * numbers read in decimal (99.9 %: 1 / 1000). A burn rate or budget is then one correctly rounded
   * division of whole numbers: 30 bad of 100 burn 300 and leave -299, not 299.9999999999997 and
   * -298.9999999999997 as 1 - 0.999 = 0.0010000000000000009 in binary would give.
   */
  private final double allowedBad;
  private final double scale;

  Objective(SloDefinition slo) {
    this.ratio = !(slo.sli() instanceof Sli.Throughput);
    this.latency = slo.sli() instanceof Sli.Latency;
    this.latencyThresholdMs = slo.sli() instanceof Sli.Latency l ? l.thresholdMs() : Double.NaN;
    this.target = slo.objective();
    BigDecimal share = target.isEmpty() ? BigDecimal.ONE
        : BigDecimal.ONE.subtract(new BigDecimal(Double.toString(target.getAsDouble()))).setScale(15, RoundingMode.HALF_EVEN)
            .stripTrailingZeros();
    int decimals = Math.max(share.scale(), 0);
    this.allowedBad = share.movePointRight(decimals).doubleValue();
    this.scale = Math.pow(10, decimals);
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
    return OptionalDouble.of(burn(total - good, total));
  }

  /** (bad / units) / (1 - objective); exact up to the last bit while the products stay below 2^53 (whole units). */
  double burn(double badUnits, double units) {
    return badUnits * scale / (units * allowedBad);
  }

  /** The budget left: 1 - {@link #burn}, as one division (1/3 left reads 0.3333333333333333, not ...37). */
  double remaining(double badUnits, double units) {
    double allowed = units * allowedBad;
    return (allowed - badUnits * scale) / allowed;
  }
}
