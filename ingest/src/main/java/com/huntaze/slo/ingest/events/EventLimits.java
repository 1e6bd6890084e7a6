package com.huntaze.slo.ingest.events;

import java.time.Duration;
import java.time.Instant;

/**
 * Bounds on what one event may carry. They keep label cardinality and record size sane downstream
 * (service and operation become SLO keys and bucket keys) and catch clock and unit mistakes.
 */
public record EventLimits(
    int maxServiceLength,
    int maxOperationLength,
    int maxAttributes,
    int maxAttributeKeyLength,
    int maxAttributeValueLength,
    int maxEventIdLength,
    Duration maxFutureSkew,
    Instant earliestEventTime) {

  /** Before this, a timestamp is almost certainly epoch seconds sent as milliseconds. */
  public static final Instant YEAR_2000 = Instant.parse("2000-01-01T00:00:00Z");

  public EventLimits {
    if (maxServiceLength < 1 || maxOperationLength < 1 || maxAttributes < 0 || maxAttributeKeyLength < 1
        || maxAttributeValueLength < 0 || maxEventIdLength < 1) {
      throw new IllegalArgumentException("event limits must be positive");
    }
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("maxFutureSkew must not be negative");
    }
  }

  public static EventLimits defaults() {
    return new EventLimits(128, 256, 32, 64, 256, 128, Duration.ofMinutes(5), YEAR_2000);
  }

  public EventLimits withMaxFutureSkew(Duration skew) {
    return new EventLimits(maxServiceLength, maxOperationLength, maxAttributes, maxAttributeKeyLength,
        maxAttributeValueLength, maxEventIdLength, skew, earliestEventTime);
  }
}
