package com.huntaze.slo.processor.core;

import java.time.Duration;

/**
 * The bucket sizes state is kept at. Short windows read minute buckets, a day or three read
 * ten-minute buckets, longer windows hour buckets: a few hundred buckets per level per SLO,
 * whatever the traffic.
 */
public enum Resolution {
  MINUTE(0, Duration.ofMinutes(1), Duration.ofHours(6)),
  TEN_MINUTES(1, Duration.ofMinutes(10), Duration.ofDays(3)),
  HOUR(2, Duration.ofHours(1), Duration.ofDays(366));

  static final Resolution[] VALUES = values();

  /** How stored state names this resolution: fixed forever, whatever the order of the constants. */
  private final byte code;
  private final long bucketMillis;
  private final Duration longestWindow;

  Resolution(int code, Duration bucket, Duration longestWindow) {
    this.code = (byte) code;
    this.bucketMillis = bucket.toMillis();
    this.longestWindow = longestWindow;
  }

  public byte code() {
    return code;
  }

  public static Resolution ofCode(byte code) {
    for (Resolution r : VALUES) {
      if (r.code == code) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown resolution code " + code + " in stored state");
  }

  public long bucketMillis() {
    return bucketMillis;
  }

  /** Index of the bucket holding an instant (floor division: works before 1970 too). */
  public long bucketOf(long epochMillis) {
    return Math.floorDiv(epochMillis, bucketMillis);
  }

  /** An instant's bucket at every resolution, by {@link #ordinal()}. */
  public static long[] bucketsOf(long epochMillis) {
    long[] buckets = new long[VALUES.length];
    fillBuckets(epochMillis, buckets);
    return buckets;
  }

  /** Like {@link #bucketsOf}, into an array the caller reuses (the per-event path allocates nothing). */
  public static void fillBuckets(long epochMillis, long[] into) {
    for (Resolution r : VALUES) {
      into[r.ordinal()] = r.bucketOf(epochMillis);
    }
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
