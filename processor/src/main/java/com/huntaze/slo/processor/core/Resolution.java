package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.WindowBuckets;
import java.time.Duration;

/**
 * The bucket sizes state is kept at. Short windows read minute buckets, a day or three read
 * ten-minute buckets, longer windows hour buckets ({@link WindowBuckets} says which): a few hundred
 * buckets per level per SLO, whatever the traffic.
 */
public enum Resolution {
  MINUTE(0, Duration.ofMinutes(1)),
  TEN_MINUTES(1, Duration.ofMinutes(10)),
  HOUR(2, Duration.ofHours(1));

  static final Resolution[] VALUES = values();

  /** How stored state names this resolution: fixed forever, whatever the order of the constants. */
  private final byte code;
  private final long bucketMillis;

  Resolution(int code, Duration bucket) {
    this.code = (byte) code;
    this.bucketMillis = bucket.toMillis();
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
    long bucket = WindowBuckets.bucketOf(window).toMillis();
    for (Resolution r : VALUES) {
      if (r.bucketMillis == bucket) {
        return r;
      }
    }
    throw new IllegalStateException("no resolution keeps buckets of " + bucket + " ms");
  }

  /** Buckets a window of this length spans at this resolution (rounded up: a window covers whole buckets). */
  public int bucketsFor(Duration window) {
    return (int) Math.max(1, -Math.floorDiv(-window.toMillis(), bucketMillis));
  }
}
