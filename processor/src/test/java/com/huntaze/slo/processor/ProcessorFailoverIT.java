package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import com.huntaze.slo.processor.intake.DeadLetterHeaders;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import com.huntaze.slo.testing.TempDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged processor against a real broker: two instances share the partitions, one is killed
 * with SIGKILL mid-stream, later the survivor too and a fresh one restores from the changelogs. The
 * counts published at the end equal the events produced, for every SLO and every group of a
 * grouped one (24 routes of svc0): none lost, none counted twice.
 */
class ProcessorFailoverIT {
  private static final int SERVICES = 8;
  private static final Topics TOPICS = Topics.defaults();
  /** Just under the broker's default message.max.bytes (1,048,588) with the record's own overhead. */
  private static final byte[] HUGE = new byte[1_048_400];

  static {
    new java.util.Random(7).nextBytes(HUGE); // incompressible, as a hostile payload would be
    HUGE[0] = '{';
  }
  private static KafkaFixture kafka;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaFixture.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private Path dir;

  @AfterEach
  void deleteDir() {
    TempDirs.deleteQuietly(dir);
  }

  @Test
  void shouldCountEveryEventExactlyOnceThroughKillsAndRestarts() throws Exception {
    dir = Files.createTempDirectory("failover-it");
    Path slos = writeSlos(dir);
    List<String> args = List.of("--bootstrap-servers", kafka.bootstrapServers(), "--slos", slos.toString(),
        "--application-id", "failover-it", "--partitions", "4", "--emit-interval", "1s", "--replication-factor", "1",
        "--kafka-config", "session.timeout.ms=6000", "--kafka-config", "heartbeat.interval.ms=1000",
        "--kafka-config", "transaction.timeout.ms=5000");

    Map<String, Long> produced = new HashMap<>();
    try (ProcessorProcess a = ProcessorProcess.start("failover-a", withStateDir(args, dir.resolve("a")));
         ProcessorProcess b = ProcessorProcess.start("failover-b", withStateDir(args, dir.resolve("b")));
         KafkaProducer<byte[], byte[]> producer = producer()) {
      a.awaitReady(Duration.ofSeconds(90));
      b.awaitReady(Duration.ofSeconds(90));

      produce(producer, 0, 6_000, produced);
      awaitCounts(produced, Duration.ofSeconds(120)); // both instances have committed state by now
      producer.send(new ProducerRecord<>(TOPICS.requestEvents().name(), "svc0".getBytes(StandardCharsets.UTF_8),
          "definitely not avro".getBytes(StandardCharsets.UTF_8))).get();
      // As large as the broker takes: a whole copy with the dead-letter headers would exceed the limit and stop the task.
      producer.send(new ProducerRecord<>(TOPICS.requestEvents().name(), null, HUGE)).get();
      produce(producer, 6_000, 3_000, produced);
      a.kill();
      produce(producer, 9_000, 6_000, produced);
      awaitCounts(produced, Duration.ofSeconds(120));

      b.kill();
      produce(producer, 15_000, 5_000, produced);
      try (ProcessorProcess c = ProcessorProcess.start("failover-c", withStateDir(args, dir.resolve("c")))) {
        c.awaitReady(Duration.ofSeconds(90));
        produce(producer, 20_000, 2_000, produced);
        awaitCounts(produced, Duration.ofSeconds(120));
        assertTrue(c.metrics().contains("slo_processor_events_total{outcome=\"applied\"}"), "processor metrics served");
      }
    }

    List<ConsumerRecord<byte[], byte[]>> dead = readAll(TOPICS.deadLetters().name(), r -> true, 2, Duration.ofSeconds(30));
    assertEquals(2, dead.size(), "exactly one dead letter per poison record, even though partitions changed hands");
    for (ConsumerRecord<byte[], byte[]> d : dead) {
      assertTrue(new String(d.headers().lastHeader(Topics.DLQ_HEADER_ERROR).value(), StandardCharsets.UTF_8)
          .contains("not Avro single-object encoding"));
    }
    ConsumerRecord<byte[], byte[]> huge = dead.stream().filter(d -> d.key() == null).findFirst().orElseThrow();
    assertEquals(String.valueOf(HUGE.length),
        new String(huge.headers().lastHeader(DeadLetterHeaders.TRUNCATED_FROM).value(), StandardCharsets.UTF_8));
    assertEquals(DeadLetterHeaders.MAX_PAYLOAD_BYTES, huge.value().length);
  }

  /** An SLO per service that {@link #produce} sends to, and one grouped by route. */
  static Path writeSlos(Path dir) throws java.io.IOException {
    StringBuilder yaml = new StringBuilder("slos:\n");
    for (int s = 0; s < SERVICES; s++) {
      yaml.append("  - {name: svc").append(s).append("-availability, service: svc").append(s)
          .append(", objective: 99, window: 1d, sli: {availability: {}}}\n");
    }
    // Grouped, with more groups than a grouped SLO's first table of places: each restore grows it.
    yaml.append("  - {name: svc0-by-route, service: svc0, objective: 99, window: 1d, sli: {availability: {}}, groupBy: [operation]}\n");
    return Files.writeString(dir.resolve("slos.yaml"), yaml);
  }

  private static List<String> withStateDir(List<String> args, Path stateDir) {
    List<String> all = new ArrayList<>(args);
    all.add("--state-dir");
    all.add(stateDir.toString());
    return all;
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    return producer(kafka);
  }

  static KafkaProducer<byte[], byte[]> producer(KafkaFixture kafka) {
    Properties p = kafka.clientProperties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "2000000"); // the broker decides what is too large
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * {@code count} events spread over the services and 24 routes, every 7th one failing, stamped now
   * or (every 10th) two hours ago.
   */
  static void produce(KafkaProducer<byte[], byte[]> producer, int first, int count, Map<String, Long> produced)
      throws Exception {
    var serializer = TOPICS.requestEvents().valueSerde().serializer();
    for (int i = first; i < first + count; i++) {
      String service = "svc" + (i % SERVICES);
      long now = System.currentTimeMillis();
      // Every tenth event is a backlog two hours late: late events must survive kills exactly like fresh ones.
      long eventTime = i % 10 == 3 ? now - Duration.ofHours(2).toMillis() : now;
      String route = "GET /r" + (i / SERVICES % 24);
      RequestEvent e = RequestEvent.newBuilder().setService(service).setOperation(route).setStatus(i % 7 == 0 ? 503 : 200)
          .setLatencyMs(5).setEventTime(Instant.ofEpochMilli(eventTime)).setAttributes(Map.of()).build();
      producer.send(new ProducerRecord<>(TOPICS.requestEvents().name(), null, eventTime,
          service.getBytes(StandardCharsets.UTF_8), serializer.serialize(TOPICS.requestEvents().name(), e)));
      produced.merge(service + "-availability", 1L, Long::sum);
      if (service.equals("svc0")) {
        produced.merge("svc0-by-route", 1L, Long::sum);
        produced.merge("svc0-by-route{operation=\"" + route + "\"}", 1L, Long::sum);
      }
    }
    producer.flush();
  }

  /** Waits until the latest committed status of every SLO counts exactly what was produced. */
  private static void awaitCounts(Map<String, Long> produced, Duration timeout) throws Exception {
    awaitCounts(kafka, produced, timeout);
  }

  static void awaitCounts(KafkaFixture kafka, Map<String, Long> produced, Duration timeout) throws Exception {
    Map<String, Long> seen = new HashMap<>();
    try (KafkaConsumer<String, SloStatus> consumer = statusConsumer(kafka)) {
      consumer.subscribe(List.of(TOPICS.status().name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, SloStatus> r : consumer.poll(Duration.ofMillis(500))) {
          WindowStats day = r.value().getWindows().stream().filter(w -> w.getWindow().equals("1d")).findFirst().orElseThrow();
          seen.put(r.key(), day.getTotal());
        }
        if (seen.equals(produced)) {
          return;
        }
        for (Map.Entry<String, Long> e : seen.entrySet()) {
          Long expected = produced.get(e.getKey());
          assertTrue(expected != null && e.getValue() <= expected,
              "SLO " + e.getKey() + " counted " + e.getValue() + " events, more than the " + expected + " produced");
        }
      }
    }
    assertEquals(produced, seen, "events counted per SLO after " + timeout);
  }

  private static KafkaConsumer<String, SloStatus> statusConsumer(KafkaFixture kafka) {
    Properties p = kafka.clientProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-status-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(p, TOPICS.status().keySerde().deserializer(), TOPICS.status().valueSerde().deserializer());
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Predicate<ConsumerRecord<byte[], byte[]>> filter,
                                                              int atLeast, Duration timeout) {
    Properties p = kafka.clientProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-read-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      // Read until at least the expected records arrived and then a quiet second more (to see extras).
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(250))) {
          if (filter.test(r)) {
            out.add(r);
          }
        }
        if (out.size() >= atLeast && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        }
      }
    }
    return out;
  }
}
