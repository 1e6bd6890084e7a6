package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import com.huntaze.slo.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A measurement, not part of the default suite: the time from a SIGKILL of one of two processor
 * instances to fresh statuses again for every one of 1,000 SLOs, without and with a standby
 * replica. Run: {@code mvn -B -pl processor -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=FailoverTimeIT -Dfailover.bench=true}; the figures are printed (docs/operations.md).
 */
@EnabledIfSystemProperty(named = "failover.bench", matches = "true")
class FailoverTimeIT {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverTimeIT.class);
  private static final Topics TOPICS = Topics.defaults();
  private static final int SERVICES = 100;
  private static final int SLOS_PER_SERVICE = 10;
  private static final int EVENTS = 300_000;

  @Test
  void shouldMeasureFailoverWithAndWithoutStandby() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start()) {
      Path dir = Files.createTempDirectory("failover-time");
      StringBuilder yaml = new StringBuilder("slos:\n");
      for (int s = 0; s < SERVICES; s++) {
        for (int k = 0; k < SLOS_PER_SERVICE; k++) {
          yaml.append("  - {name: s").append(s).append("-").append(k).append(", service: s").append(s)
              .append(", objective: 99, window: 30d, sli: {availability: {}}}\n");
        }
      }
      Path slos = Files.writeString(dir.resolve("slos.yaml"), yaml);
      produce(kafka);
      Map<Integer, Duration> took = new HashMap<>();
      for (int standbys : List.of(0, 1)) {
        took.put(standbys, failover(kafka, slos, dir.resolve("standby-" + standbys), standbys));
      }
      LOG.info("FAILOVER 1,000 SLOs, {} events over 6h: SIGKILL -> every SLO fresh again: without standby {} ms, with one standby {} ms",
          EVENTS, took.get(0).toMillis(), took.get(1).toMillis());
    }
  }

  /** Two instances; once every SLO is published, one is SIGKILLed: time until every SLO is published again after the kill. */
  private static Duration failover(KafkaFixture kafka, Path slos, Path dir, int standbys) throws Exception {
    List<String> args = List.of("--bootstrap-servers", kafka.bootstrapServers(), "--slos", slos.toString(),
        "--application-id", "failover-time-" + standbys, "--partitions", "6", "--emit-interval", "1s",
        "--replication-factor", "1", "--standby-replicas", String.valueOf(standbys));
    try (ProcessorProcess a = ProcessorProcess.start("failover-time-a" + standbys, with(args, dir.resolve("a")));
         ProcessorProcess b = ProcessorProcess.start("failover-time-b" + standbys, with(args, dir.resolve("b")));
         KafkaConsumer<String, SloStatus> statuses = statusConsumer(kafka)) {
      a.awaitReady(Duration.ofSeconds(180));
      b.awaitReady(Duration.ofSeconds(180));
      statuses.subscribe(List.of(TOPICS.status().name()));
      Map<String, Long> total = new HashMap<>();
      // Every SLO has counted every event (its service's share): state is in the stores and, with a standby, copied.
      Poll.until("every SLO counts every event", Duration.ofSeconds(300), () -> {
        statuses.poll(Duration.ofMillis(500)).forEach(r -> total.put(r.key(), monthTotal(r.value())));
        return total.size() == SERVICES * SLOS_PER_SERVICE && total.values().stream().allMatch(t -> t == EVENTS / SERVICES);
      }, Boolean.TRUE::equals, t -> total.size() + " SLOs seen");
      // The scenario is a steady state, not a race: the kill comes 15 s after the counts are complete,
      // as it would in production, so a standby had time to read the last commits.
      Thread.sleep(15_000);
      long killed = System.currentTimeMillis();
      a.kill();
      Map<String, Long> fresh = new HashMap<>();
      Poll.until("every SLO published again after the kill", Duration.ofSeconds(300), () -> {
        statuses.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.timestamp() > killed) {
            fresh.put(r.key(), monthTotal(r.value()));
          }
        });
        return fresh.size() == SERVICES * SLOS_PER_SERVICE;
      }, Boolean.TRUE::equals, f -> fresh.size() + " SLOs fresh");
      Duration took = Duration.ofMillis(System.currentTimeMillis() - killed);
      assertEquals(Map.copyOf(total), Map.copyOf(fresh), "the same counts after the failover");
      LOG.info("standby replicas {}: SIGKILL -> every SLO fresh again in {} ms", standbys, took.toMillis());
      return took;
    }
  }

  private static long monthTotal(SloStatus s) {
    return s.getWindows().stream().filter(w -> w.getWindow().equals("30d")).findFirst().orElseThrow().getTotal();
  }

  private static List<String> with(List<String> args, Path stateDir) {
    List<String> all = new java.util.ArrayList<>(args);
    all.addAll(List.of("--state-dir", stateDir.toString()));
    return all;
  }

  /** Events over the last 6 hours for every service: a few hundred buckets per SLO to restore. */
  private static void produce(KafkaFixture kafka) throws Exception {
    kafka.createTopics(6, TOPICS.requestEvents().name());
    Properties p = kafka.clientProperties();
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    var serializer = TOPICS.requestEvents().valueSerde().serializer();
    long now = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < EVENTS; i++) {
        String service = "s" + (i % SERVICES);
        long t = now - (long) i * Duration.ofHours(6).toMillis() / EVENTS;
        RequestEvent e = RequestEvent.newBuilder().setService(service).setOperation("GET /x").setStatus(i % 13 == 0 ? 500 : 200)
            .setLatencyMs(3).setEventTime(Instant.ofEpochMilli(t)).setAttributes(Map.of()).build();
        producer.send(new ProducerRecord<>(TOPICS.requestEvents().name(), null, t, service.getBytes(StandardCharsets.UTF_8),
            serializer.serialize(TOPICS.requestEvents().name(), e)));
      }
    }
  }

  private static KafkaConsumer<String, SloStatus> statusConsumer(KafkaFixture kafka) {
    Properties p = kafka.clientProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "failover-time-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(p, TOPICS.status().keySerde().deserializer(), TOPICS.status().valueSerde().deserializer());
  }
}
