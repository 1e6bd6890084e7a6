package com.huntaze.slo.e2e.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import com.huntaze.slo.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The brute-force side of the exactness checks: what the event topic holds, compared with what the
 * gateway acknowledged and with what the processors published (one availability SLO per service,
 * named after it, counted over its 1d window).
 */
public final class EventTopicOracle {
  private static final Topics TOPICS = Topics.defaults();

  private EventTopicOracle() {
  }

  /**
   * Reads the whole event topic; asserts that every acknowledged event is in it and none twice;
   * returns per service "good/total" (the topic may also hold events of requests answered 503:
   * the gateway documents that they can still land, and they count like any other).
   */
  public static Map<String, String> countsHoldingEveryAcknowledged(KafkaFixture kafka, Set<String> acknowledged) {
    Map<String, long[]> counts = new HashMap<>();
    Set<String> ids = new HashSet<>();
    int duplicates = 0;
    for (RequestEvent e : readEvents(kafka)) {
      duplicates += ids.add(e.getEventId()) ? 0 : 1;
      long[] goodTotal = counts.computeIfAbsent(e.getService(), s -> new long[2]);
      goodTotal[0] += e.getStatus() < 500 ? 1 : 0;
      goodTotal[1]++;
    }
    assertEquals(0, duplicates, "no event twice in Kafka (idempotent gateway producer)");
    Set<String> missing = new HashSet<>(acknowledged);
    missing.removeAll(ids);
    assertEquals(Set.of(), missing.size() > 10 ? Set.of(missing.size() + " events") : missing, "acknowledged but not in Kafka");
    Map<String, String> out = new HashMap<>();
    counts.forEach((service, gt) -> out.put(service, gt[0] + "/" + gt[1]));
    return out;
  }

  /** Waits until the latest status of every SLO counts exactly {@code want}; fails at once if one counts more. */
  public static void awaitStatusCounts(KafkaFixture kafka, Map<String, String> want, Duration timeout) {
    Map<String, String> seen = new HashMap<>();
    try (KafkaConsumer<String, SloStatus> consumer = statusConsumer(kafka)) {
      consumer.subscribe(List.of(TOPICS.status().name()));
      Poll.until("every SLO to count exactly the events in Kafka (good/total)", timeout, () -> {
        for (ConsumerRecord<String, SloStatus> r : consumer.poll(Duration.ofMillis(500))) {
          WindowStats day = r.value().getWindows().stream().filter(w -> w.getWindow().equals("1d")).findFirst().orElseThrow();
          seen.put(r.key(), day.getGood() + "/" + day.getTotal());
          String expected = want.get(r.key());
          assertTrue(expected != null && day.getTotal() <= Long.parseLong(expected.substring(expected.indexOf('/') + 1)),
              r.key() + " counted " + day.getTotal() + " events, more than Kafka holds (" + expected + ")");
        }
        return seen.equals(want);
      }, Boolean.TRUE::equals, done -> "seen " + seen + ", want " + want);
    }
  }

  private static List<RequestEvent> readEvents(KafkaFixture kafka) {
    Properties p = kafka.clientProperties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    var serde = TOPICS.requestEvents().valueSerde();
    List<RequestEvent> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = c.partitionsFor(TOPICS.requestEvents().name(), Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(30));
      Poll.until("the whole event topic read", Duration.ofSeconds(60), () -> {
        c.poll(Duration.ofMillis(500)).forEach(r -> out.add(serde.deserializer().deserialize(r.topic(), r.value())));
        return partitions.stream().allMatch(tp -> c.position(tp) >= ends.get(tp));
      });
    }
    return out;
  }

  private static KafkaConsumer<String, SloStatus> statusConsumer(KafkaFixture kafka) {
    Properties p = kafka.clientProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "oracle-status-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(p, new StringDeserializer(), TOPICS.status().valueSerde().deserializer());
  }
}
