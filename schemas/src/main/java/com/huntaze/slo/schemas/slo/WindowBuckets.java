package com.huntaze.slo.schemas.slo;

import java.time.Duration;

/**
 * The bucket a rolling window is counted in, by its length: minutes up to 6h, ten minutes up to 3d,
 * hours beyond. A window covers whole buckets, so one that is not a whole number of its buckets
 * covers the next whole number. The rule lives here, where windows are written and labelled, so
 * that a label can say what is counted; the processor keeps its state at these same bucket sizes.
 */
public final class WindowBuckets {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
  private static final Duration HOUR = Duration.ofHours(1);

  /** The longest window read from minute buckets, and from ten-minute buckets. */
  private static final Duration LONGEST_IN_MINUTES = Duration.ofHours(6);
  private static final Duration LONGEST_IN_TEN_MINUTES = Duration.ofDays(3);

  private WindowBuckets() {
  }

  /** The bucket size a window of this length is counted in. */
  public static Duration bucketOf(Duration window) {
    if (window.compareTo(LONGEST_IN_MINUTES) <= 0) {
      return MINUTE;
    }
    return window.compareTo(LONGEST_IN_TEN_MINUTES) <= 0 ? TEN_MINUTES : HOUR;
  }

  /**
   * What a window of this length covers: the next whole number of its buckets, at least one. The
   * rounding never changes the bucket size, since 6h and 3d are whole numbers of the larger bucket.
   */
  public static Duration covered(Duration window) {
    long bucket = bucketOf(window).toMillis();
    long buckets = Math.max(1, -Math.floorDiv(-window.toMillis(), bucket));
    return Duration.ofMillis(buckets * bucket);
  }

  /** How the bucket is named in a message: {@code minute}, {@code 10-minute}, {@code hour}. */
  public static String bucketName(Duration window) {
    Duration bucket = bucketOf(window);
    return bucket.equals(MINUTE) ? "minute" : bucket.equals(HOUR) ? "hour" : "10-minute";
  }
}
