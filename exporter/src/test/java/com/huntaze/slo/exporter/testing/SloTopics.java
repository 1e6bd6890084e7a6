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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real broker for a test class, with the exporter's input topics, and a writer for them as the
 * processor would write: {@code @RegisterExtension static final SloTopics topics = new SloTopics();}.
 */
public final class SloTopics implements BeforeAllCallback, AfterAllCallback {
  private final Topics topics = Topics.defaults();
  private KafkaFixture kafka;
  private KafkaProducer<String, byte[]> producer;

  @Override
  public void beforeAll(ExtensionContext context) {
    kafka = KafkaFixture.start();
    kafka.createTopics(3, Map.of("cleanup.policy", "compact"), topics.status().name());
    kafka.createTopics(3, topics.alerts().name());
    Properties props = kafka.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (producer != null) {
      producer.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public Topics topics() {
    return topics;
  }

  public void status(SloStatus status) {
    send(topics.status().name(), StatusJson.key(status), topics.status().valueSerde().serializer().serialize(null, status));
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
}
