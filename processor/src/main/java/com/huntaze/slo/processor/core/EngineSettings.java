package com.huntaze.slo.processor.core;

import java.time.Duration;

/**
 * How the engine treats time.
 *
 * @param grace how far behind the stream time an event may be and still correct its bucket; later
 *     ones are counted per SLO and reported, never applied
 * @param maxFuture how far an event's time may be ahead of its record's timestamp (clock skew);
 *     further ones are counted and not applied, so one bad clock cannot push the SLO's time ahead
 * @param alertResend how often a firing alert is published again while it keeps firing
 */
public record EngineSettings(Duration grace, Duration maxFuture, Duration alertResend) {
  public static final EngineSettings DEFAULTS =
      new EngineSettings(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(1));

  public EngineSettings {
    if (grace.isNegative() || grace.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("grace must be between 0 and 1h, got " + grace);
    }
    if (maxFuture.isNegative() || maxFuture.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("max future skew must be between 0 and 1h, got " + maxFuture);
    }
    if (alertResend.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("alert resend interval must be at least 1s, got " + alertResend);
    }
  }
}
