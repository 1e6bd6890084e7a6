package com.huntaze.slo.exporter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResolvedAlertsLogTest {
  @Test
  void shouldSumUpTheAlertsResolvedWhileReadingHistoryInOneLineAndLogEachOneAfterwards() {
    ResolvedAlertsLog log = new ResolvedAlertsLog();
    assertEquals(List.of(), log.lines(List.of("a resolved: gone", "b resolved: gone"), false));
    assertEquals(List.of(), log.lines(List.of("c resolved: gone"), false));
    assertEquals(List.of(), log.lines(List.of(), false));

    String summary = log.summary();
    assertTrue(summary.startsWith("resolved 3 alerts found firing in the alert history"), summary);
    assertNull(log.summary(), "said once");
    assertEquals(List.of("d resolved: gone"), log.lines(List.of("d resolved: gone"), true));
  }

  @Test
  void shouldSayNothingAtCatchUpWhenNothingWasResolvedWhileReading() {
    ResolvedAlertsLog log = new ResolvedAlertsLog();
    assertEquals(List.of("a resolved: gone"), log.lines(List.of("a resolved: gone"), true));
    assertNull(log.summary());
  }
}
