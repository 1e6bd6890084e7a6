package com.huntaze.slo.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The baseline: Kafka's plain consumer reading the whole topic as bytes, nothing else. */
final class RawConsumer {
  private RawConsumer() {
  }

  /** Reads {@code count} records from the beginning; returns the seconds it took (first poll to last record). */
  static double read(String bootstrap, String topic, long count, Progress progress) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return read(p, topic, count, progress);
  }

  /** The same with the given consumer settings (bootstrap servers included). */
  static double read(Properties p, String topic, long count, Progress progress) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map((PartitionInfo i) -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long read = 0;
      long bytes = 0;
      long started = System.nanoTime();
      while (read < count) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          bytes += r.value().length; // touch every record as a consumer would
          read++;
        }
        progress.add(read - progress.done());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      if (bytes == 0) {
        throw new IllegalStateException("read no bytes");
      }
      return seconds;
    }
  }
}
