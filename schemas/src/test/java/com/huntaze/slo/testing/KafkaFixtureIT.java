package com.huntaze.slo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.avro.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaFixtureIT {
  private static KafkaFixture kafka;
  private final Topics topics = Topics.defaults();

  @BeforeAll
  static void startBroker() {
    kafka = KafkaFixture.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldProduceAndConsumeRequestEventsThroughARealBroker() throws Exception {
    kafka.createTopics(3, topics.requestEvents().name());
    List<RequestEvent> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sent.add(RequestEvent.newBuilder().setService("svc-" + (i % 5)).setOperation("GET /api/" + i)
          .setStatus(i % 7 == 0 ? 503 : 200).setLatencyMs(i * 1.5)
          .setEventTime(Instant.ofEpochMilli(1_764_000_000_000L + i)).setAttributes(Map.of("i", "" + i)).build());
    }
    Properties producerProps = kafka.clientProperties();
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(producerProps, topics.requestEvents().keySerde().serializer(),
        topics.requestEvents().valueSerde().serializer())) {
      for (RequestEvent e : sent) {
        producer.send(new ProducerRecord<>(topics.requestEvents().name(), e.getService(), e)).get();
      }
    }

    Properties consumerProps = kafka.clientProperties();
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "fixture-it");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, RequestEvent>> received = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(consumerProps, topics.requestEvents().keySerde().deserializer(),
        topics.requestEvents().valueSerde().deserializer())) {
      consumer.subscribe(List.of(topics.requestEvents().name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (received.size() < sent.size() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
    }
    assertEquals(sent.size(), received.size());
    for (ConsumerRecord<String, RequestEvent> r : received) {
      assertEquals(r.value().getService(), r.key());
    }
    assertEquals(new java.util.HashSet<>(sent), new java.util.HashSet<>(received.stream().map(ConsumerRecord::value).toList()));
  }
}
