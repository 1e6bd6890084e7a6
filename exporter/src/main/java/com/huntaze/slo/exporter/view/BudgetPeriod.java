package com.huntaze.slo.exporter.view;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What an SLO's budget covers and how it is counted, as its status says: the budgeting method and,
 * for a calendar window, the current period, the share of it gone by and the budget projected at
 * its end. Everything but the method is null for a rolling window (and the projection when there is
 * no data).
 *
 * @param budgeting occurrences, timeslices or ratioTimeslices
 * @param calendar week, month or quarter; null = rolling window
 * @param timeZone the calendar's zone (IANA name)
 * @param elapsed share of the period gone by, 0..1
 * @param projected budget left at the period's end if the last day's burn rate holds
 */
public record BudgetPeriod(String budgeting, String calendar, String timeZone, Instant start, Instant end, Double elapsed,
                           Double projected) {
  /** Named "UTC" on the page ({@code ZoneOffset.UTC} reads "Z"). */
  public static final ZoneId UTC = ZoneId.of("UTC");
  public static final BudgetPeriod ROLLING = new BudgetPeriod("occurrences", null, null, null, null, null, null);

  public BudgetPeriod {
    Objects.requireNonNull(budgeting, "budgeting");
  }

  public boolean isCalendar() {
    return calendar != null && start != null && end != null;
  }

  /**
   * The zone the period's dates are read in: the calendar's, UTC for a rolling window. Also UTC for a zone this JVM's
   * time-zone data does not know (newer than ours, or garbled on the topic): the page names the zone it used, and one
   * odd status does not take the status page down.
   */
  public ZoneId zone() {
    if (timeZone == null) {
      return UTC;
    }
    try {
      return ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      return UTC;
    }
  }
}
