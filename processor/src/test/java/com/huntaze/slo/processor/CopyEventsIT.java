package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.processor.intake.Partitioning;
import com.huntaze.slo.testing.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CopyEventsIT {
  @Test
  void shouldCopyEveryRecordToItsKeysPartitionOfTheTarget() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start()) {
      kafka.createTopics(2, "events-v1");
      kafka.createTopics(5, "events-v2");
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(),
          new ByteArraySerializer())) {
        for (int i = 0; i < 300; i++) {
          producer.send(new ProducerRecord<>("events-v1", null, 1_000_000L + i, ("svc" + i % 17).getBytes(StandardCharsets.UTF_8),
              ("v" + i).getBytes(StandardCharsets.UTF_8)));
        }
      }
      int exit = new CommandLine(new Main()).execute("copy-events", "--bootstrap-servers", kafka.bootstrapServers(),
          "--from-topic", "events-v1", "--to-topic", "events-v2");
      assertEquals(0, exit);

      List<ConsumerRecord<byte[], byte[]>> copied = readAll(kafka, "events-v2", 5);
      assertEquals(300, copied.size(), "every record once");
      for (ConsumerRecord<byte[], byte[]> r : copied) {
        String service = new String(r.key(), StandardCharsets.UTF_8);
        assertEquals(Partitioning.partitionOf(service, 5), r.partition(), service + " on its partition of the new count");
        int i = Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8).substring(1));
        assertEquals(1_000_000L + i, r.timestamp(), "timestamp kept");
        assertEquals("svc" + i % 17, service, "key kept with its value");
      }
    }
  }

  @Test
  void shouldRefuseAMissingTargetOrSourceTopicAtOnceInsteadOfWaitingOnEveryRecord() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start()) {
      kafka.createTopics(2, "events-v1");
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(),
          new ByteArraySerializer())) {
        for (int i = 0; i < 5; i++) {
          producer.send(new ProducerRecord<>("events-v1", ("svc" + i).getBytes(StandardCharsets.UTF_8), new byte[] {1}));
        }
      }
      java.io.StringWriter err = new java.io.StringWriter();
      int exit = new CommandLine(new Main()).setErr(new java.io.PrintWriter(err)).execute("copy-events",
          "--bootstrap-servers", kafka.bootstrapServers(), "--from-topic", "no-such-source", "--to-topic", "events-v1");
      assertEquals(1, exit, "a missing source is no successful copy of 0 records: " + err);
      org.junit.jupiter.api.Assertions.assertTrue(err.toString().contains("topic 'no-such-source' does not exist"), err.toString());

      err.getBuffer().setLength(0);
      long started = System.nanoTime();
      exit = new CommandLine(new Main()).setErr(new java.io.PrintWriter(err)).execute("copy-events",
          "--bootstrap-servers", kafka.bootstrapServers(), "--from-topic", "events-v1", "--to-topic", "no-such-topic");
      assertEquals(1, exit, err.toString());
      org.junit.jupiter.api.Assertions.assertTrue(err.toString().contains("topic 'no-such-topic' does not exist"), err.toString());
      org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - started < Duration.ofSeconds(30).toNanos(),
          "refused at once, not after max.block.ms per record");

    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaFixture kafka, String topic, int partitions) {
    Properties p = kafka.clientProperties();
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int i = 0; i < partitions; i++) {
        tps.add(new TopicPartition(topic, i));
      }
      c.assign(tps);
      var ends = c.endOffsets(tps);
      while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
        c.poll(Duration.ofMillis(500)).forEach(out::add);
      }
    }
    return out;
  }
}
