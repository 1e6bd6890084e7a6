package com.huntaze.slo.processor.core;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The budget of an SLO at one evaluation: over what span, by what method, and how it was spent.
 * Every number is empty (and the burn-down empty) when the span has nothing to judge.
 *
 * @param budgeting occurrences, timeslices or ratioTimeslices
 * @param spanStartMillis where the budget starts: the first bucket of the rolling window, or the
 *     calendar period's start
 * @param periodEndMillis calendar: the period's end; rolling: 0 (the window ends now)
 * @param sli good events / events, good slices / slices, or the mean slice ratio
 * @param budgetRemaining 1 untouched, 0 spent, negative overspent
 * @param elapsed calendar: the share of the period gone by; rolling: empty
 * @param projected calendar: the budget left at the period's end if the last day's burn rate holds
 *     for the rest of it; rolling: empty
 * @param burnDown the budget left at the span start (1), every hour or every few hours after it
 *     (at most {@link SloBudget#MAX_POINTS} points) and now (= {@code budgetRemaining}), oldest first
 * @param goodEvents good events in the span (for a calendar SLO the period so far, which its
 *     nominal window's counts are not)
 * @param events events in the span
 */
public record BudgetReport(String budgeting, long spanStartMillis, long periodEndMillis, OptionalDouble sli,
                           OptionalDouble budgetRemaining, OptionalDouble elapsed, OptionalDouble projected,
                           List<Point> burnDown, long goodEvents, long events) {

  public BudgetReport {
    burnDown = List.copyOf(burnDown);
  }

  public boolean calendar() {
    return periodEndMillis != 0;
  }

  /** The budget left through the span up to {@code atMillis}. */
  public record Point(long atMillis, double remaining) {
  }
}
