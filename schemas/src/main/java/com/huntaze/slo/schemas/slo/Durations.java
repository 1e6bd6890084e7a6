package com.huntaze.slo.schemas.slo;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in slos.yaml and on every command line: a whole number and one unit
 * ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 6h}, {@code 30d}, {@code 2w}), or a bare {@code 0}.
 */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d|w)");
  private static final Pattern MILLIS = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s)?");

  private Durations() {
  }

  public static Optional<Duration> parse(String text) {
    if (text.trim().equals("0")) {
      return Optional.of(Duration.ZERO); // nothing needs no unit; "0s" meant the same already
    }
    Matcher m = WHOLE.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    });
  }

  /** A latency such as {@code 500ms}, {@code 0.5s} or a bare number of milliseconds. */
  public static Optional<Double> parseMillis(String text) {
    Matcher m = MILLIS.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    double n = Double.parseDouble(m.group(1));
    return Optional.of("s".equals(m.group(2)) ? n * 1000 : n);
  }

  /**
   * A duration as people read it in a log, its two largest units, rounded down: {@code 19m 59s},
   * {@code 2h 5m}, {@code 1d 3h}, {@code 45s}, and {@code 850ms} under a second. Not parseable:
   * {@link #format} is for values a user writes back into a file.
   */
  public static String approximate(Duration d) {
    long ms = Math.max(0, d.toMillis());
    if (ms < 1_000) {
      return ms + "ms";
    }
    long[] sizes = {86_400_000, 3_600_000, 60_000, 1_000};
    String[] units = {"d", "h", "m", "s"};
    for (int u = 0; u < sizes.length - 1; u++) {
      if (ms >= sizes[u]) {
        long next = ms % sizes[u] / sizes[u + 1];
        return ms / sizes[u] + units[u] + (next > 0 ? " " + next + units[u + 1] : "");
      }
    }
    return ms / 1_000 + "s";
  }

  /** The shortest label for a duration: {@code 30d}, {@code 6h}, {@code 5m}, {@code 90s}. */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (d.getNano() != 0 || s == 0) {
      return d.toMillis() + "ms";
    }
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
