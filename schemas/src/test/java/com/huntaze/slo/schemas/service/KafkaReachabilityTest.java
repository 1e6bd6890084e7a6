package com.huntaze.slo.schemas.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KafkaReachabilityTest {
  private final AtomicLong clock = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
  private final List<String> lines = new ArrayList<>();
  private final KafkaReachability.Transitions transitions = new KafkaReachability.Transitions("broker:9092", clock::get,
      w -> lines.add("WARN " + w), i -> lines.add("INFO " + i));

  private void after(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  @Test
  void anOutageIsSaidOnceThenOnceAMinuteAndItsEndOnce() {
    transitions.reached();
    after(Duration.ofSeconds(5));
    transitions.reached();
    assertEquals(List.of(), lines, "nothing to say while Kafka answers");

    transitions.missed("no answer within 5000 ms");
    for (int i = 0; i < 11; i++) { // 55 s of probes
      after(Duration.ofSeconds(5));
      transitions.missed("no answer within 5000 ms");
    }
    after(Duration.ofSeconds(5));
    transitions.missed("no answer within 5000 ms");
    after(Duration.ofSeconds(5));
    transitions.missed("no answer within 5000 ms");
    after(Duration.ofSeconds(5));
    transitions.reached();
    transitions.reached();
    assertEquals(List.of(
        "WARN Kafka at broker:9092 unreachable: no answer within 5000 ms; the Kafka clients keep retrying (said again every minute while it lasts)",
        "WARN Kafka at broker:9092 still unreachable, for 1m: no answer within 5000 ms",
        "INFO Kafka at broker:9092 reachable again after 70s"), lines);
  }

  @Test
  void aBrokerNotUpYetAtStartIsSaidAsSuch() {
    transitions.missed("no answer within 5000 ms");
    after(Duration.ofSeconds(12));
    transitions.reached();
    assertEquals(List.of(
        "WARN Kafka at broker:9092 not reachable yet: no answer within 5000 ms; the Kafka clients keep retrying (said again every minute while it lasts)",
        "INFO Kafka at broker:9092 reachable, after 12s"), lines);
  }
}
