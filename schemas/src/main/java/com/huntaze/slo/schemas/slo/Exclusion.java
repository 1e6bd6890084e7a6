package com.huntaze.slo.schemas.slo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A period an SLO does not count: planned maintenance, or a past outage that someone else caused
 * (a correction, kept in slos.yaml with its reason so that every correction is reviewable).
 * Events whose timestamp falls inside it count neither as good nor as bad, and the SLO's alerts
 * hold their fire while it lasts.
 */
public sealed interface Exclusion {

  /** Why the period is excluded, for people reading the file, the status page and the alerts. */
  String reason();

  /** The excluded intervals that overlap [fromMillis, toMillis), in time order. */
  List<Interval> intervals(long fromMillis, long toMillis);

  /** An excluded interval [fromMillis, toMillis). */
  record Interval(long fromMillis, long toMillis, String reason) {
    public boolean covers(long millis) {
      return millis >= fromMillis && millis < toMillis;
    }
  }

  /** One period, given as two instants. */
  record Once(Instant from, Instant to, String reason) implements Exclusion {
    @Override
    public List<Interval> intervals(long fromMillis, long toMillis) {
      return from.toEpochMilli() < toMillis && to.toEpochMilli() > fromMillis
          ? List.of(new Interval(from.toEpochMilli(), to.toEpochMilli(), reason)) : List.of();
    }
  }

  /**
   * A period that comes back every day, or on some days of every week, at a local time in a time
   * zone. Daylight-saving changes follow the zone: "02:00" is 02:00 on the wall clock of that day
   * (a start that falls in the hour skipped in spring moves to the first valid time after it, the
   * instant the clocks jump: "02:30" in Paris on the last Sunday of March starts at 03:00, not at
   * 03:30 where {@link ZonedDateTime#of} would put it; in the hour repeated in autumn it starts at the
   * first of the two), and {@code length} is elapsed time, so "2h" lasts two hours
   * whatever the clocks do meanwhile.
   *
   * @param days the days it starts on; every day when {@code every} is a day
   */
  record Recurring(Every every, Set<DayOfWeek> days, LocalTime at, Duration length, ZoneId zone, String reason)
      implements Exclusion {

    public enum Every {
      DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7));

      private final Duration period;

      Every(Duration period) {
        this.period = period;
      }

      public Duration period() {
        return period;
      }
    }

    public Recurring {
      days = Set.copyOf(days);
    }

    @Override
    public List<Interval> intervals(long fromMillis, long toMillis) {
      List<Interval> out = new ArrayList<>();
      // Start a day early (and a length earlier) so a period that began before fromMillis is found.
      LocalDate day = Instant.ofEpochMilli(fromMillis).minus(length).atZone(zone).toLocalDate().minusDays(1);
      LocalDate last = Instant.ofEpochMilli(toMillis).atZone(zone).toLocalDate().plusDays(1);
      for (; !day.isAfter(last); day = day.plusDays(1)) {
        if (every == Every.WEEK && !days.contains(day.getDayOfWeek())) {
          continue;
        }
        long start = startOf(day);
        long end = start + length.toMillis();
        if (start < toMillis && end > fromMillis) {
          out.add(new Interval(start, end, reason));
        }
      }
      return out;
    }

    /** The instant {@code at} begins on {@code day}: in a spring gap, the end of the gap. */
    long startOf(LocalDate day) {
      LocalDateTime local = LocalDateTime.of(day, at);
      ZoneOffsetTransition transition = zone.getRules().getTransition(local);
      if (transition != null && transition.isGap()) {
        return transition.getInstant().toEpochMilli();
      }
      return ZonedDateTime.of(local, zone).toInstant().toEpochMilli();
    }
  }
}
