package com.huntaze.slo.processor.core;

import java.time.Duration;

/**
 * The bucket sizes state is kept at. Short windows read minute buckets, a day or three read
 * ten-minute buckets, longer windows hour buckets: a few hundred buckets per level per SLO,
 * whatever the traffic.
 */
public enum Resolution {
  MINUTE(Duration.ofMinutes(1), Duration.ofHours(6)),
  TEN_MINUTES(Duration.ofMinutes(10), Duration.ofDays(3)),
  HOUR(Duration.ofHours(1), Duration.ofDays(366));

  static final Resolution[] VALUES = values();

  private final long bucketMillis;
  private final Duration longestWindow;

  Resolution(Duration bucket, Duration longestWindow) {
    this.bucketMillis = bucket.toMillis();
    this.longestWindow = longestWindow;
  }

  public long bucketMillis() {
    return bucketMillis;
  }

  /** Index of the bucket holding an instant (floor division: works before 1970 too). */
  public long bucketOf(long epochMillis) {
    return Math.floorDiv(epochMillis, bucketMillis);
  }

  /** The finest resolution that keeps a window of this length within a few hundred buckets. */
  public static Resolution forWindow(Duration window) {
    for (Resolution r : values()) {
      if (window.compareTo(r.longestWindow) <= 0) {
        return r;
      }
    }
    throw new IllegalArgumentException("window " + window + " is longer than supported");
  }

  /** Buckets a window of this length spans at this resolution (rounded up: a window covers whole buckets). */
  public int bucketsFor(Duration window) {
    return (int) Math.max(1, -Math.floorDiv(-window.toMillis(), bucketMillis));
  }
}
