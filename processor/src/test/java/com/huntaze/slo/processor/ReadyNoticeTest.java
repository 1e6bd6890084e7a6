package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class ReadyNoticeTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldSayHowLongTheStartAndEachRebalanceTook() {
    ReadyNotice notice = new ReadyNotice(100 * SECOND);
    assertEquals(Optional.empty(), notice.on(State.REBALANCING, State.CREATED, 101 * SECOND, 0));
    assertEquals(Optional.of("ready after 12.5 s (state restored, 3 task(s) here); statuses follow within a second"),
        notice.on(State.RUNNING, State.REBALANCING, 112 * SECOND + SECOND / 2, 3));
    // an instance joins: from the rebalance's start, not from the processor's
    assertEquals(Optional.empty(), notice.on(State.REBALANCING, State.RUNNING, 200 * SECOND, 3));
    assertEquals(Optional.of("running again after 15.0 s of rebalancing; 2 task(s) here"),
        notice.on(State.RUNNING, State.REBALANCING, 215 * SECOND, 2));
    assertEquals(Optional.empty(), notice.on(State.PENDING_SHUTDOWN, State.RUNNING, 300 * SECOND, 2));
  }

  @Test
  void shouldNotSayStateWasRestoredWhenAJoiningInstanceHasNoTaskYet() {
    ReadyNotice notice = new ReadyNotice(0);
    assertEquals(Optional.of("ready after 1.4 s; no task here yet (an instance joining gets its tasks at the next rebalance)"),
        notice.on(State.RUNNING, State.REBALANCING, SECOND * 14 / 10, 0));
    assertEquals(Optional.empty(), notice.on(State.REBALANCING, State.RUNNING, SECOND * 14 / 10, 0));
    assertEquals(Optional.of("running again after 2.0 s of rebalancing; 2 task(s) here"),
        notice.on(State.RUNNING, State.REBALANCING, SECOND * 34 / 10, 2));
  }
}
