package com.huntaze.slo.processor.core;

import java.time.Duration;

/**
 * How the engine treats time.
 *
 * @param maxFuture how far an event's time may be ahead of its record's timestamp and of the
 *     evaluation time (clock skew); further ones are counted and not applied, so one bad clock
 *     cannot push an SLO's buckets ahead. The rings keep this much room ahead of "now"
 * @param alertResend how often a firing alert is published again while it keeps firing
 * @param minuteBatches whether counts are held back per minute and added to the rings in one go
 *     ({@link MinuteBatch}): same results, much less work per event when events come in time
 *     order, as in a replay. The live processor leaves it off: its state store reads the rings at
 *     every commit, and a batch would only be flushed there
 * @param evaluatedOnlyAtMillis when the engine will be evaluated once, at this instant (a replay's
 *     end), work for buckets no window reads then can be skipped; {@link #EVALUATED_ANY_TIME} otherwise
 * @param eventBatches whether events are held in an {@link EventBatch} and handed to each SLO a
 *     run at a time: same results, and an SLO's work per event is a few array reads. Events then
 *     get their outcome ({@link SloEngine.Outcome#DEFERRED}) only in the SLOs' tallies, which suits
 *     a replay, not the live processor's per-event metrics
 */
public record EngineSettings(Duration maxFuture, Duration alertResend, boolean minuteBatches, long evaluatedOnlyAtMillis,
                             boolean eventBatches) {
  public static final long EVALUATED_ANY_TIME = Long.MIN_VALUE;

  public static final EngineSettings DEFAULTS = new EngineSettings(Duration.ofMinutes(5), Duration.ofMinutes(1));

  public EngineSettings {
    if (maxFuture.isNegative() || maxFuture.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("max future skew must be between 0 and 1h, got " + maxFuture);
    }
    if (alertResend.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("alert resend interval must be at least 1s, got " + alertResend);
    }
  }

  public EngineSettings(Duration maxFuture, Duration alertResend) {
    this(maxFuture, alertResend, false, EVALUATED_ANY_TIME, false);
  }

  /** The same settings with counts batched per minute (the replay's). */
  public EngineSettings withMinuteBatches() {
    return new EngineSettings(maxFuture, alertResend, true, evaluatedOnlyAtMillis, eventBatches);
  }

  /** The same settings for an engine evaluated once, at {@code atMillis} (the replay's). */
  public EngineSettings evaluatedOnlyAt(long atMillis) {
    return new EngineSettings(maxFuture, alertResend, minuteBatches, atMillis, eventBatches);
  }

  /** The same settings with events held in batches (the replay's). */
  public EngineSettings withEventBatches() {
    return new EngineSettings(maxFuture, alertResend, minuteBatches, evaluatedOnlyAtMillis, true);
  }
}
