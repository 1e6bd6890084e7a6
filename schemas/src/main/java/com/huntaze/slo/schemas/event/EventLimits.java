package com.huntaze.slo.schemas.event;

import java.time.Duration;
import java.time.Instant;

/**
 * Bounds on what one event may carry, the same for every producer and consumer (gateway, emitter,
 * processor, SLO loader). They keep label cardinality and record size sane downstream (service and
 * operation become SLO keys and bucket keys) and catch clock and unit mistakes. Constants, not
 * settings: a gateway configured to take longer names than an SLO may name is the bug this prevents.
 */
public final class EventLimits {
  public static final int MAX_SERVICE_LENGTH = 128;
  public static final int MAX_OPERATION_LENGTH = 256;
  public static final int MIN_STATUS = 100;
  public static final int MAX_STATUS = 599;
  public static final int MAX_ATTRIBUTES = 32;
  public static final int MAX_ATTRIBUTE_KEY_LENGTH = 64;
  public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 256;
  public static final int MAX_EVENT_ID_LENGTH = 128;
  /** Before this, a timestamp is almost certainly epoch seconds sent as milliseconds. */
  public static final Instant EARLIEST_EVENT_TIME = Instant.parse("2000-01-01T00:00:00Z");
  /** How far ahead of the receiver's clock an event may be; the gateway's {@code --max-future-skew}. */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  private EventLimits() {
  }
}
