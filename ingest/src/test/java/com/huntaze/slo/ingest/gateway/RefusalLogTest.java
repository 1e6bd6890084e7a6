package com.huntaze.slo.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RefusalLogTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldLogTheFirstRefusalThenOneLineAMinuteThenWhenEventsAreAcceptedAgain() {
    RefusalLog log = new RefusalLog("/v1/events");
    assertNull(log.accepted(), "nothing refused");
    assertEquals("answering 503 for 190 events on /v1/events: Kafka did not acknowledge the events",
        log.refused(190, "Kafka did not acknowledge the events", 0));
    for (int i = 1; i <= 5_000; i++) {
      assertNull(log.refused(10, "Kafka did not acknowledge the events", i * 10_000_000L), "refusal " + i + " only counted");
    }
    assertEquals("answering 503 for 5 events on /v1/events: overloaded (5,001 requests with 50,005 events answered 503 in the last minute)",
        log.refused(5, "overloaded", 60 * SECOND));
    log.refused(7, "overloaded", 61 * SECOND);
    log.refused(8, "overloaded", 62 * SECOND);
    assertEquals("accepting events on /v1/events again; 2 more requests with 15 events were answered 503 since the last line", log.accepted());
    assertNull(log.accepted(), "said once");
    assertEquals("answering 503 for 1 events on /v1/events: again", log.refused(1, "again", 63 * SECOND), "a new outage is said at once");
    assertNull(log.accepted(), "its only refusal was logged");
  }
}
