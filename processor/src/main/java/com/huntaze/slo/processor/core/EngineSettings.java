package com.huntaze.slo.processor.core;

import java.time.Duration;

/**
 * How the engine treats time.
 *
 * @param maxFuture how far an event's time may be ahead of its record's timestamp and of the
 *     evaluation time (clock skew); further ones are counted and not applied, so one bad clock
 *     cannot push an SLO's buckets ahead. The rings keep this much room ahead of "now"
 * @param alertResend how often a firing alert is published again while it keeps firing
 */
public record EngineSettings(Duration maxFuture, Duration alertResend) {
  public static final EngineSettings DEFAULTS = new EngineSettings(Duration.ofMinutes(5), Duration.ofMinutes(1));

  public EngineSettings {
    if (maxFuture.isNegative() || maxFuture.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("max future skew must be between 0 and 1h, got " + maxFuture);
    }
    if (alertResend.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("alert resend interval must be at least 1s, got " + alertResend);
    }
  }
}
