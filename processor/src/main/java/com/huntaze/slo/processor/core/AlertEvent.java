package com.huntaze.slo.processor.core;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * An alert to publish: a transition (firing, resolved) or a resend while firing.
 *
 * @param longWindow for burn-rate alerts, the policy row that fired (labels); empty for thresholds
 * @param endsAtMillis resolution time on a resolved alert
 */
public record AlertEvent(
    String alertName,
    String slo,
    String service,
    String severity,
    boolean firing,
    String longWindow,
    String shortWindow,
    OptionalDouble longBurnRate,
    OptionalDouble shortBurnRate,
    OptionalDouble factor,
    OptionalDouble value,
    OptionalDouble threshold,
    OptionalDouble budgetRemaining,
    String summary,
    long startsAtMillis,
    OptionalLong endsAtMillis,
    long emittedAtMillis) {

  public static final String BURN_RATE = "SLOBurnRate";
  public static final String THRESHOLD = "SLOThreshold";
}
