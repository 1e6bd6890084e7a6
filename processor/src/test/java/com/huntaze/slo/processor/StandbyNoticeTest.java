package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StandbyNoticeTest {
  @Test
  void aLoneInstanceWithStandbysConfiguredSaysSoOnce() {
    String line = StandbyNotice.of(1, 6, 0).orElseThrow();
    assertTrue(line.contains("1 standby replica(s) configured"), line);
    assertTrue(line.contains("each of its 6 task(s)"), line);
  }

  @Test
  void nothingToSayWhenStandbysAreKeptOrNoneAreWanted() {
    assertEquals(java.util.Optional.empty(), StandbyNotice.of(1, 3, 3), "standbys placed here");
    assertEquals(java.util.Optional.empty(), StandbyNotice.of(0, 6, 0), "none configured");
    assertEquals(java.util.Optional.empty(), StandbyNotice.of(1, 0, 0), "no task here yet");
  }
}
