package com.huntaze.slo.schemas.service;

import com.huntaze.slo.schemas.slo.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Duration options ({@code converter = DurationConverter.class}) read by the one {@link Durations} parser. */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return Durations.parse(value).orElseThrow(() ->
        new TypeConversionException("'" + value + "' is not a duration (use e.g. 500ms, 10s, 5m, 2h, 1d, 0)"));
  }
}
