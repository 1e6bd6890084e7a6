package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Durations;
import java.time.Duration;

/**
 * A rolling window as evaluated: the {@link #buckets} buckets of {@link #resolution} ending with the
 * one that holds the evaluation time. It therefore covers whole buckets: a 1d window evaluated at
 * 10:07 counts events from 10:10 the previous day (ten-minute buckets) up to now. Windows are
 * identified by their length (record equality), never by their label.
 *
 * @param label how the window is named in statuses and metrics ({@code 5m}, {@code 30d}): made
 *     once, since every emit names every window of every group instance
 */
public record WindowSpec(Duration duration, Resolution resolution, int buckets, String label) {

  public static WindowSpec of(Duration duration) {
    Resolution resolution = Resolution.forWindow(duration);
    return new WindowSpec(duration, resolution, resolution.bucketsFor(duration), Durations.format(duration));
  }
}
