package com.huntaze.slo.processor.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterLogTest {
  private static final long T0 = 1_800_000_000_000L;

  @Test
  void shouldLogTenRecordsAMinuteThenSayHowManyMoreOnceTheMinuteIsOver() {
    DeadLetterLog log = new DeadLetterLog("slo.request-events.dlq");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      lines.addAll(log.record("slo.request-events-4@" + i, i % 2 == 0 ? "undecodable" : "invalid", "bad " + i, T0 + i));
    }
    assertEquals(DeadLetterLog.FULL_PER_MINUTE, lines.size());
    assertEquals("dead-lettered record slo.request-events-4@0: bad 0", lines.get(0));
    assertNull(log.summary(T0 + 59_000), "not before the minute is over");
    assertEquals("4,990 more records dead-lettered in the last minute, not logged one by one (invalid 2,495, undecodable 2,495);"
        + " each is in slo.request-events.dlq with its reason (header dlq.error)", log.summary(T0 + 60_000));
    assertNull(log.summary(T0 + 130_000), "nothing more to say");
    assertEquals(List.of("dead-lettered record slo.request-events-4@9: again"), log.record("slo.request-events-4@9", "invalid", "again", T0 + 131_000));
  }

  @Test
  void shouldSayHowManyMoreBeforeTheNextRecordWhenNoEmitCameBetween() {
    DeadLetterLog log = new DeadLetterLog("dlq");
    for (int i = 0; i < 11; i++) {
      log.record("t-0@" + i, "undecodable", "x", T0);
    }
    List<String> next = log.record("t-0@11", "undecodable", "x", T0 + 60_000);
    assertEquals(2, next.size());
    assertEquals("1 more records dead-lettered in the last minute, not logged one by one (undecodable 1); each is in dlq"
        + " with its reason (header dlq.error)", next.get(0));
    assertEquals("dead-lettered record t-0@11: x", next.get(1));
  }
}
