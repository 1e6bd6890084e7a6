package com.huntaze.slo.processor;

import com.huntaze.slo.schemas.service.KafkaOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Copies the event topic into another one, re-partitioned: each record keeps its key, value,
 * timestamp and headers, and Kafka's default partitioner puts it on its service's partition of the
 * target. How the history follows a change of the partition count (docs/operations.md, "Adding
 * partitions"); MirrorMaker would keep the old partition numbers.
 */
@Command(name = "copy-events", mixinStandardHelpOptions = true,
    description = "Copy the event topic into another topic (e.g. one with more partitions), every record to its key's partition there.")
final class CopyEvents implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  KafkaOptions kafka;

  @Option(names = "--from-topic", required = true, description = "Topic to read, from its beginning to its end when the copy starts")
  String from;

  @Option(names = "--to-topic", required = true, description = "Topic to write (created beforehand, e.g. by 'processor run --events-topic')")
  String to;

  @Override
  public Integer call() {
    if (from.equals(to)) { // it would append a second copy of every event to the topic it reads: each counted twice
      throw new CommandLine.ParameterException(spec.commandLine(), "--from-topic and --to-topic are both '" + from
          + "': copy into another topic");
    }
    PrintWriter out = spec.commandLine().getOut();
    Properties consumerProps = kafka.properties();
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Properties producerProps = kafka.properties();
    // Nothing copied may be lost or doubled by a retry: the gateway's durability settings.
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    long copied = 0;
    java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
         KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
      // A missing topic would not fail: the producer waits max.block.ms (60 s) per record for its
      // metadata (hours for a history), and a missing source copies nothing and reports success.
      Map<String, ?> topics = consumer.listTopics(Duration.ofSeconds(60));
      for (String topic : List.of(from, to)) {
        if (!topics.containsKey(topic)) {
          spec.commandLine().getErr().printf("topic '%s' does not exist%s%n", topic,
              topic.equals(to) ? ": create it first, e.g. by 'processor run --events-topic " + to + " --partitions N'" : "");
          spec.commandLine().getErr().flush();
          return 1;
        }
      }
      List<TopicPartition> partitions = consumer.partitionsFor(from, Duration.ofSeconds(60)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(60));
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
          if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
            producer.send(new ProducerRecord<>(to, null, r.timestamp(), r.key(), r.value(), r.headers()), (meta, e) -> {
              if (e != null) {
                failed.compareAndSet(null, e);
              }
            });
            copied++;
          }
        }
      }
      producer.flush();
    }
    if (failed.get() != null) {
      spec.commandLine().getErr().println("copy failed, run it again into an emptied target: " + failed.get());
      return 1;
    }
    out.printf("copied %d records from %s to %s%n", copied, from, to);
    out.flush();
    return 0;
  }
}
