package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The alert's {@code top} line: one decimal, a trailing {@code .0} dropped (docs/processor.md, "Attribution"). */
class TopContributorTest {

  private static String line(long bad, long windowBad) {
    return TopContributor.text(new Contributor("1h", "operation", "POST /api/payouts", bad, bad, windowBad, 0));
  }

  @Test
  void aWholePercentHasNoDecimal() {
    assertEquals("top: POST /api/payouts 100 % of bad events (1h)", line(32, 32));
    assertEquals("top: POST /api/payouts 62 % of bad events (1h)", line(31, 50));
    // 11 / 20 * 100 is 55.00000000000001 in binary floating point, 7 / 25 * 100 is 28.000000000000004
    assertEquals("top: POST /api/payouts 55 % of bad events (1h)", line(11, 20));
    assertEquals("top: POST /api/payouts 28 % of bad events (1h)", line(7, 25));
    assertEquals("top: POST /api/payouts 29 % of bad events (1h)", line(29, 100));
  }

  @Test
  void otherwiseOneDecimalHalfUp() {
    assertEquals("top: POST /api/payouts 93.8 % of bad events (1h)", line(30, 32));
    assertEquals("top: POST /api/payouts 6.3 % of bad events (1h)", line(2, 32));
    assertEquals("top: POST /api/payouts 33.3 % of bad events (1h)", line(1, 3));
  }

  @Test
  void anEmptyValueReadsAsNone() {
    assertEquals("top: (none) 50 % of bad events (5m)",
        TopContributor.text(new Contributor("5m", "attributes.region", "", 1, 2, 2, 0)));
  }

  /** An alert annotation names one value on one line: a real "(none)" is not the empty value, and a newline cannot start another line. */
  @Test
  void aValueThatCouldMisleadIsQuoted() {
    assertEquals("top: \"(none)\" 50 % of bad events (5m)",
        TopContributor.text(new Contributor("5m", "attributes.region", "(none)", 1, 2, 2, 0)));
    assertEquals("top: \"eu\\nseverity=page\" 50 % of bad events (5m)",
        TopContributor.text(new Contributor("5m", "attributes.region", "eu\nseverity=page", 1, 2, 2, 0)));
  }
}
