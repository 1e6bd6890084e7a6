package com.huntaze.slo.processor;

import java.time.Duration;

/**
 * The documented window definition, written again for tests from docs/processor.md and sharing no
 * code with the processor: a window of length L evaluated at T covers whole buckets (1 minute for
 * L up to 6h, 10 minutes up to 3d, 1 hour beyond), the ceil(L / bucket) buckets ending with the one
 * holding T. A mistake in the production window code therefore cannot agree with itself here.
 */
public record Oracle(long fromMillis, long toMillis) {

  public static Oracle window(Duration length, long evaluatedAtMillis) {
    long bucket = length.compareTo(Duration.ofHours(6)) <= 0 ? 60_000L
        : length.compareTo(Duration.ofDays(3)) <= 0 ? 600_000L : 3_600_000L;
    long buckets = (length.toMillis() + bucket - 1) / bucket;
    long current = Math.floorDiv(evaluatedAtMillis, bucket);
    return new Oracle((current - buckets + 1) * bucket, (current + 1) * bucket);
  }

  public boolean covers(long eventMillis) {
    return eventMillis >= fromMillis && eventMillis < toMillis;
  }

  /** The operation glob of slos.yaml: {@code *} any run of characters, {@code ?} exactly one. */
  public static boolean globMatches(String glob, String text) {
    return globMatches(glob, 0, text, 0);
  }

  private static boolean globMatches(String glob, int g, String text, int t) {
    if (g == glob.length()) {
      return t == text.length();
    }
    char c = glob.charAt(g);
    if (c == '*') {
      for (int k = t; k <= text.length(); k++) {
        if (globMatches(glob, g + 1, text, k)) {
          return true;
        }
      }
      return false;
    }
    return t < text.length() && (c == '?' || c == text.charAt(t)) && globMatches(glob, g + 1, text, t + 1);
  }
}
