package com.huntaze.slo.testing;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.avro.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a topic from the beginning until a condition holds (or fails after a timeout). */
public final class TopicReader {
  private TopicReader() {
  }

  /** Every record from the start until one matches {@code until}; fails after {@code timeout}. */
  public static List<ConsumerRecord<String, RequestEvent>> readUntil(KafkaFixture kafka,
      Topic<String, RequestEvent> topic, Predicate<List<ConsumerRecord<String, RequestEvent>>> until,
      Duration timeout) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, RequestEvent>> out = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!until.test(out)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("condition not met within " + timeout + " after reading " + out.size()
              + " records of " + topic.name());
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** Records whose value matches, once {@code count} of them have arrived. */
  public static List<ConsumerRecord<String, RequestEvent>> awaitMatching(KafkaFixture kafka,
      Topic<String, RequestEvent> topic, Predicate<RequestEvent> match, int count, Duration timeout) {
    return readUntil(kafka, topic, rs -> rs.stream().filter(r -> match.test(r.value())).count() >= count, timeout)
        .stream().filter(r -> match.test(r.value())).toList();
  }
}
