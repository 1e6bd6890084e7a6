package com.huntaze.slo.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.avro.Topic;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import com.huntaze.slo.testing.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka emitter against the real broker. */
class KafkaEmitterIT {
  private static final Topic<String, RequestEvent> TOPIC = Topics.defaults().requestEvents();
  private static KafkaFixture kafka;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaFixture.start();
    kafka.createTopics(3, TOPIC.name());
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  static List<RequestEvent> events(String run, int n) {
    Instant t = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
    return IntStream.range(0, n).mapToObj(i -> RequestEvent.newBuilder()
        .setService("emit-svc-" + (i % 4)).setOperation(run).setStatus(i % 10 == 0 ? 503 : 200)
        .setLatencyMs(i).setEventTime(t.plusMillis(i)).setAttributes(Map.of("i", String.valueOf(i))).build()).toList();
  }

  @Test
  void shouldDeliverEveryEventKeyedByServiceAndStampedWithEventTime() throws Exception {
    String run = UUID.randomUUID().toString();
    List<RequestEvent> sent = events(run, 300);
    try (KafkaEmitter emitter = KafkaEmitter.builder(kafka.bootstrapServers()).build()) {
      sent.forEach(e -> assertTrue(emitter.emit(e)));
      assertTrue(emitter.flush(Duration.ofSeconds(30)), () -> "not flushed: " + emitter.stats());
      assertEquals(new EmitterStats(300, 300, 0, 0, 0), emitter.stats());
    }
    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(kafka, TOPIC,
        e -> e.getOperation().equals(run), 300, Duration.ofSeconds(30));
    assertEquals(new HashSet<>(sent), new HashSet<>(got.stream().map(ConsumerRecord::value).toList()));
    got.forEach(r -> assertEquals(r.value().getService(), r.key()));
    got.forEach(r -> assertEquals(r.value().getEventTime().toEpochMilli(), r.timestamp()));
  }

  @Test
  void shouldRefuseAndCountAnInvalidEventBeforeQueueingIt() throws Exception {
    String run = UUID.randomUUID().toString();
    RequestEvent good = events(run, 1).get(0);
    RequestEvent badStatus = RequestEvent.newBuilder(good).setStatus(42).build();
    RequestEvent tooLongService = RequestEvent.newBuilder(good).setService("s".repeat(129)).build();
    RequestEvent farFuture = RequestEvent.newBuilder(good).setEventTime(Instant.now().plus(Duration.ofHours(1))).build();
    try (KafkaEmitter emitter = KafkaEmitter.builder(kafka.bootstrapServers()).build()) {
      assertFalse(emitter.emit(badStatus));
      assertFalse(emitter.emit(tooLongService));
      assertFalse(emitter.emit(farFuture));
      assertTrue(emitter.emit(good));
      assertTrue(emitter.flush(Duration.ofSeconds(30)), () -> "not flushed: " + emitter.stats());
      assertEquals(new EmitterStats(4, 1, 0, 0, 3), emitter.stats());
    }
    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(kafka, TOPIC,
        e -> e.getOperation().equals(run), 1, Duration.ofSeconds(30));
    assertEquals(List.of(good), got.stream().map(ConsumerRecord::value).toList(), "only the valid event was sent");
  }

  @Test
  void emitShouldNeverBlockAndShouldCountDropsWhenKafkaIsUnreachable() {
    // Nothing listens on port 1: the emitter thread waits in send() for metadata (maxBlock), the queue fills.
    try (KafkaEmitter emitter = KafkaEmitter.builder("127.0.0.1:1").queueCapacity(10)
        .maxBlock(Duration.ofSeconds(5)).closeTimeout(Duration.ofMillis(500)).build()) {
      List<RequestEvent> many = events("unreachable", 100);
      long start = System.nanoTime();
      long accepted = many.stream().filter(emitter::emit).count();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "emit blocked: 100 calls took " + took);
      // Bounded: the queue (10), plus what the sender had already taken as one batch before it
      // blocked in send() (the first event and all 10 queued at that moment, at most).
      assertTrue(accepted <= 21, "queue of 10 (+ at most one batch of 11 in the sender's hands) accepted " + accepted);
      EmitterStats stats = emitter.stats();
      assertEquals(100, stats.emitted());
      assertEquals(100 - accepted, stats.dropped());
      assertEquals(0, stats.delivered());
    }
  }
}
