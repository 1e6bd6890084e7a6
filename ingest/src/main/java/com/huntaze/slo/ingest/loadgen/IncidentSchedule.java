package com.huntaze.slo.ingest.loadgen;

import java.time.Duration;

/**
 * When the simulated incident is on, as offsets from the start of the run: first at {@code at},
 * lasting {@code length}, then again every {@code every} (zero = only once).
 */
public record IncidentSchedule(Duration at, Duration length, Duration every) {
  public static final IncidentSchedule NONE = new IncidentSchedule(Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public IncidentSchedule {
    if (at.isNegative() || length.isNegative() || every.isNegative()) {
      throw new IllegalArgumentException("incident offsets must not be negative");
    }
    if (!every.isZero() && length.compareTo(every) >= 0) {
      throw new IllegalArgumentException("an incident of " + length + " every " + every + " never ends");
    }
  }

  public boolean active(Duration sinceStart) {
    if (length.isZero() || sinceStart.compareTo(at) < 0) {
      return false;
    }
    Duration into = sinceStart.minus(at);
    if (!every.isZero()) {
      into = Duration.ofNanos(into.toNanos() % every.toNanos());
    }
    return into.compareTo(length) < 0;
  }
}
