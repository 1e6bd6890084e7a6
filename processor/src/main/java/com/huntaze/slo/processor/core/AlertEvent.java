package com.huntaze.slo.processor.core;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * An alert to publish: a transition (firing, resolved) or a resend while firing.
 *
 * @param longWindow for burn-rate alerts, the policy row that fired (labels); empty for thresholds
 * @param endsAtMillis resolution time on a resolved alert
 * @param groupLabels a group instance's labels (label -> value); empty for the SLO as a whole
 * @param topContributor what burns the budget most, e.g. {@code top: POST /api/payouts 62 % of bad events (1h)}; "" = nothing known
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
    long emittedAtMillis,
    Map<String, String> groupLabels,
    String topContributor) {

  public static final String BURN_RATE = "SLOBurnRate";
  public static final String THRESHOLD = "SLOThreshold";

  /** A firing alert published again (every {@code --alert-resend}) rather than a transition: it fired at an earlier emit. */
  public boolean isResend() {
    return firing && startsAtMillis < emittedAtMillis;
  }
}
