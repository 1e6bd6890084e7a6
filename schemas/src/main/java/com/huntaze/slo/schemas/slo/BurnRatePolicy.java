package com.huntaze.slo.schemas.slo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

/** A multiwindow, multi-burn-rate alerting policy: a table of rows, data not code. */
public record BurnRatePolicy(String name, List<BurnRateWindow> windows) {

  /** The window the default table was written for. */
  public static final Duration REFERENCE_WINDOW = Duration.ofDays(30);

  /**
   * The SRE Workbook's table (chapter 5, "Alerting on SLOs", table 5-8) for a 30-day SLO. Other
   * SLO windows scale the alert windows in proportion, which keeps each row's factor and the share
   * of budget it stands for.
   */
  public static final BurnRatePolicy DEFAULT = new BurnRatePolicy("default", List.of(
      new BurnRateWindow(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4,
          "2% of the 30-day budget spent in one hour"),
      new BurnRateWindow(Severity.PAGE, Duration.ofHours(6), Duration.ofMinutes(30), 6,
          "5% of the 30-day budget spent in six hours"),
      new BurnRateWindow(Severity.TICKET, Duration.ofDays(1), Duration.ofHours(2), 3,
          "10% of the 30-day budget spent in a day"),
      new BurnRateWindow(Severity.TICKET, Duration.ofDays(3), Duration.ofHours(6), 1,
          "10% of the 30-day budget spent in three days")));

  public BurnRatePolicy {
    windows = List.copyOf(windows);
  }

  /**
   * This policy for an SLO window other than the reference: alert windows scaled in proportion,
   * rounded to whole minutes, then up to whole buckets of their length (a 7d SLO's 3d row, 1008m,
   * becomes 1010m in ten-minute buckets), so that a window's label says what it counts; factors
   * unchanged.
   */
  public BurnRatePolicy scaledTo(Duration sloWindow) {
    if (sloWindow.equals(REFERENCE_WINDOW)) {
      return this;
    }
    return new BurnRatePolicy(name, windows.stream()
        .map(w -> scaledRow(w, scale(w.longWindow(), sloWindow), scale(w.shortWindow(), sloWindow), sloWindow))
        .toList());
  }

  /** The row's reason in this SLO's own terms ("2% of the 7d budget spent in 14m"), not the 30-day table's. */
  private static BurnRateWindow scaledRow(BurnRateWindow reference, Duration longWindow, Duration shortWindow, Duration sloWindow) {
    double share = reference.factor() * longWindow.toMillis() / sloWindow.toMillis() * 100;
    String percent = BigDecimal.valueOf(share).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    return new BurnRateWindow(reference.severity(), longWindow, shortWindow, reference.factor(),
        percent + "% of the " + Durations.format(sloWindow) + " budget spent in " + Durations.format(longWindow));
  }

  private static Duration scale(Duration alertWindow, Duration sloWindow) {
    long minutes = Math.round(alertWindow.toMinutes() * (double) sloWindow.toMinutes() / REFERENCE_WINDOW.toMinutes());
    return WindowBuckets.covered(Duration.ofMinutes(Math.max(1, minutes)));
  }
}
