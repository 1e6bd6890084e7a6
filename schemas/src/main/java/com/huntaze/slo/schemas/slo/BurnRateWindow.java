package com.huntaze.slo.schemas.slo;

import java.time.Duration;

/**
 * One row of a multiwindow, multi-burn-rate policy: alert at {@code severity} when the burn rate
 * over both the long and the short window exceeds {@code factor}.
 *
 * @param why what the row means in budget terms, for people reading the policy
 */
public record BurnRateWindow(Severity severity, Duration longWindow, Duration shortWindow, double factor, String why) {

  /** How the row is named in messages: {@code page 14m/1m}. */
  public String describe() {
    return severity.label() + " " + Durations.format(longWindow) + "/" + Durations.format(shortWindow);
  }

  /** Fraction of the whole budget spent when burning at {@code factor} for the long window. */
  public double budgetSpent(Duration sloWindow) {
    return factor * longWindow.toMillis() / (double) sloWindow.toMillis();
  }
}
