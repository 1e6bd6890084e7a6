package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.ReadableValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/** The one line an alert carries about what burns the budget: {@code top: POST /api/payouts 62 % of bad events (1h)}. */
final class TopContributor {
  /** The window a page is about first; then longer ones when it saw no bad events. */
  private static final List<String> PREFERRED = List.of("1h", "5m", "1d");

  private TopContributor() {
  }

  /** From the SLO's first attribution key; "" when no window has bad events. */
  static String annotation(Evaluation e) {
    if (e.contributors().isEmpty()) {
      return "";
    }
    String key = e.contributors().get(0).key();
    for (String window : PREFERRED) {
      for (Contributor c : e.contributors()) {
        if (c.window().equals(window) && c.key().equals(key)) {
          return text(c); // contributors come most bad first
        }
      }
    }
    return text(e.contributors().get(0));
  }

  /**
   * What a group's alert carries: its SLO's line, in the same form as every alert's, said to be the
   * whole SLO's (a group keeps no attribution of its own, and a page for one route must not read as
   * if another route burned it).
   */
  static String ofWholeSlo(String annotation) {
    return annotation.isEmpty() ? "" : annotation + " in the whole SLO";
  }

  static String text(Contributor c) {
    // An empty value reads "(none)", a real "(none)" or a value with a newline quoted: an annotation names one value, on one line.
    return String.format(Locale.ROOT, "top: %s %s %% of bad events (%s)", ReadableValues.readable(c.value()),
        percent(c.bad(), c.windowBad()), c.window());
  }

  /**
   * bad / windowBad as a percentage with one decimal (half up), a trailing {@code .0} dropped.
   * Computed from the counts in decimal: {@code share * 100} in binary floating point is
   * {@code 55.00000000000001} for 11 of 20, which printed {@code 55.0}.
   */
  static String percent(long bad, long windowBad) {
    if (windowBad == 0) {
      return "0";
    }
    BigDecimal p = BigDecimal.valueOf(bad).multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(windowBad), 1, RoundingMode.HALF_UP);
    return p.stripTrailingZeros().toPlainString();
  }
}
