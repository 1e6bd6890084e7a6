package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Durations;
import java.time.Duration;

/**
 * A rolling window as evaluated: the {@link #buckets} buckets of {@link #resolution} ending with the
 * one that holds the evaluation time. It therefore covers whole buckets: a 1d window evaluated at
 * 10:07 counts events from 10:10 the previous day (ten-minute buckets) up to now.
 */
public record WindowSpec(String label, Duration duration, Resolution resolution, int buckets) {

  public static WindowSpec of(Duration duration) {
    Resolution resolution = Resolution.forWindow(duration);
    return new WindowSpec(Durations.format(duration), duration, resolution, resolution.bucketsFor(duration));
  }

  /** The events this window counts when evaluated at {@code evaluationMillis}: [from, to). */
  public long fromMillis(long evaluationMillis) {
    return (resolution.bucketOf(evaluationMillis) - buckets + 1) * resolution.bucketMillis();
  }

  public long toMillis(long evaluationMillis) {
    return (resolution.bucketOf(evaluationMillis) + 1) * resolution.bucketMillis();
  }
}
