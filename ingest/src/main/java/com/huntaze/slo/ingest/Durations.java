package com.huntaze.slo.ingest;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** CLI durations: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d}, or {@code 0}. */
public final class Durations implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  public static Duration parse(String value) {
    String v = value.strip();
    try {
      if (v.equals("0")) {
        return Duration.ZERO;
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new TypeConversionException("'" + value + "' is not a duration (use e.g. 500ms, 10s, 5m, 2h, 1d, 0)");
    }
  }
}
