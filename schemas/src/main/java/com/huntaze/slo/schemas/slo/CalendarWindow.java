package com.huntaze.slo.schemas.slo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A calendar window ({@code window: {calendar: month, timeZone: Europe/Paris}}): the budget covers
 * the current week (from Monday), month or quarter in a time zone and resets when the next one
 * starts. Periods start at local midnight of their first day ({@link LocalDate#atStartOfDay(ZoneId)},
 * so a midnight skipped by a daylight-saving change moves to the first valid instant after it) and
 * end where the next one starts: a period's length in hours follows the clock changes in it.
 *
 * <p>The {@linkplain Unit#nominal() nominal length} stands for the period wherever a fixed length is
 * needed: the burn-rate policy is scaled to it like a rolling window of that length (month = 30d,
 * the reference window of the SRE Workbook table, so its rows apply unchanged).
 */
public record CalendarWindow(Unit unit, ZoneId timeZone) {

  public enum Unit {
    WEEK(Duration.ofDays(7), Duration.ofDays(7)),
    MONTH(Duration.ofDays(30), Duration.ofDays(31)),
    QUARTER(Duration.ofDays(90), Duration.ofDays(92));

    private final Duration nominal;
    private final Duration longest;

    Unit(Duration nominal, Duration longest) {
      this.nominal = nominal;
      this.longest = longest;
    }

    /** The length burn-rate alert windows are scaled from. */
    public Duration nominal() {
      return nominal;
    }

    /** The longest period of this unit, plus the hour a clock change can add: what state must keep. */
    public Duration longest() {
      return longest.plusHours(1);
    }

    /** As written in slos.yaml and published in statuses: {@code week}, {@code month}, {@code quarter}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The period holding {@code at}: {@code [start, end)} in epoch milliseconds. */
  public long[] periodOf(long atMillis) {
    LocalDate day = Instant.ofEpochMilli(atMillis).atZone(timeZone).toLocalDate();
    LocalDate first = switch (unit) {
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
      case QUARTER -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
    };
    LocalDate next = switch (unit) {
      case WEEK -> first.plusWeeks(1);
      case MONTH -> first.plusMonths(1);
      case QUARTER -> first.plusMonths(3);
    };
    return new long[] {first.atStartOfDay(timeZone).toInstant().toEpochMilli(), next.atStartOfDay(timeZone).toInstant().toEpochMilli()};
  }
}
