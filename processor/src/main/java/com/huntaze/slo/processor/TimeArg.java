package com.huntaze.slo.processor;

import com.huntaze.slo.schemas.slo.Durations;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A point in time on the command line: an ISO-8601 instant or date (UTC), epoch milliseconds, or a duration back from a reference. */
final class TimeArg {
  private TimeArg() {
  }

  static Optional<Instant> parse(String text, Instant reference) {
    String t = text.trim();
    try {
      return Optional.of(Instant.parse(t));
    } catch (DateTimeParseException notInstant) {
      // next form
    }
    try {
      return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException notDate) {
      // next form
    }
    if (t.matches("[0-9]{10,}")) {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(t)));
    }
    return Durations.parse(t).map(reference::minus);
  }
}
