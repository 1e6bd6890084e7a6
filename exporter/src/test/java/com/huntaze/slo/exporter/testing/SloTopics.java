package com.huntaze.slo.exporter.testing;

import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Creates the exporter's input topics on the real broker and writes records to them, as the processor would. */
public final class SloTopics implements AutoCloseable {
  private final Topics topics = Topics.defaults();
  private final KafkaProducer<String, byte[]> producer;

  public SloTopics(KafkaFixture kafka) {
    kafka.createTopics(3, Map.of("cleanup.policy", "compact"), topics.status().name());
    kafka.createTopics(3, topics.alerts().name());
    Properties props = kafka.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  public Topics topics() {
    return topics;
  }

  public void status(SloStatus status) {
    send(topics.status().name(), status.getName(), topics.status().valueSerde().serializer().serialize(null, status));
  }

  public void tombstone(String slo) {
    send(topics.status().name(), slo, null);
  }

  public void alert(SloAlert alert) {
    send(topics.alerts().name(), alert.getSlo(), topics.alerts().valueSerde().serializer().serialize(null, alert));
  }

  /** Raw bytes, e.g. a record the exporter cannot decode. */
  public void send(String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write to " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
