package com.huntaze.slo.processor;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.schemas.avro.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The budget each SLO has now, as the live processor last published it on the compacted status topic. */
final class LiveBudgets {
  private LiveBudgets() {
  }

  /** SLO name to budget remaining; an SLO without a status, or with no data, is absent. */
  static Map<String, Double> read(Properties kafka, Topic<String, SloStatus> status, Duration timeout) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Map<String, Double> budgets = new HashMap<>();
    try (KafkaConsumer<String, SloStatus> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
        status.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(status.name(), timeout).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, SloStatus> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null || r.value().getBudgetRemaining() == null) {
            budgets.remove(r.key());
          } else {
            budgets.put(r.key(), r.value().getBudgetRemaining());
          }
        }
      }
    }
    return budgets;
  }
}
