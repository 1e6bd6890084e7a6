package com.huntaze.slo.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.avro.Topic;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import com.huntaze.slo.testing.TopicReader;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka emitter across a broker outage shorter than what its queue can hold. */
class KafkaEmitterOutageIT {
  private static final Topic<String, RequestEvent> TOPIC = Topics.defaults().requestEvents();
  private static KafkaFixture kafka;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaFixture.startCluster(1);
    kafka.createTopics(1, TOPIC.name());
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldDeliverEveryEventEmittedDuringAShortOutageOnceTheBrokerReturns() throws Exception {
    String run = UUID.randomUUID().toString();
    List<RequestEvent> sent = KafkaEmitterIT.events(run, 40);
    try (KafkaEmitter emitter = KafkaEmitter.builder(kafka.bootstrapServers()).maxBlock(Duration.ofMillis(500)).build()) {
      assertTrue(emitter.emit(sent.get(0)));
      assertTrue(emitter.flush(Duration.ofSeconds(30)), () -> "not flushed: " + emitter.stats());
      BrokerServer broker = kafka.embeddedCluster().orElseThrow().brokers().values().iterator().next();
      broker.shutdown();
      broker.awaitShutdown();
      // Events keep coming while the broker is down (a service keeps serving): spread over a few
      // of the producer's metadata waits, far fewer than the queue holds.
      for (RequestEvent e : sent.subList(1, sent.size())) {
        assertTrue(emitter.emit(e), () -> "refused with room in the queue: " + emitter.stats());
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // pacing the caller, not waiting for a condition
      }
      broker.startup();
      assertTrue(emitter.flush(Duration.ofSeconds(90)), () -> "not flushed: " + emitter.stats());
      assertEquals(new EmitterStats(40, 40, 0, 0, 0), emitter.stats(), "nothing lost to a short outage");
    }
    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(kafka, TOPIC,
        e -> e.getOperation().equals(run), 40, Duration.ofSeconds(30));
    assertEquals(new HashSet<>(sent), new HashSet<>(got.stream().map(ConsumerRecord::value).toList()));
  }
}
