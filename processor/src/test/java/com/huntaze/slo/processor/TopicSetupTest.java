package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicSetupTest {
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  @Test
  void shouldPrintARetentionCommandThatRunsAsPrinted() {
    String advice = TopicSetup.retentionAdvice("slo.request-events", 35 * DAY_MS, Duration.ofDays(60), "kafka-1:9092,kafka-2:9092");
    // kafka-configs.sh refuses to run without --bootstrap-server (or --bootstrap-controller):
    // the command people copy from the warning must name the brokers the processor uses.
    assertTrue(advice.contains("kafka-configs.sh --bootstrap-server kafka-1:9092,kafka-2:9092 --alter --entity-type topics "
        + "--entity-name slo.request-events --add-config retention.ms=" + 65 * DAY_MS), advice);
    assertTrue(advice.contains("retention.ms=" + 35 * DAY_MS), advice);
  }

  @Test
  void shouldNotWarnWhenTheTopicKeepsTheLongestWindowAndAnHour() {
    assertNull(TopicSetup.retentionAdvice("slo.request-events", 35 * DAY_MS, Duration.ofDays(30), "localhost:9092"));
    assertNull(TopicSetup.retentionAdvice("slo.request-events", -1, Duration.ofDays(366), "localhost:9092"), "kept forever");
  }
}
