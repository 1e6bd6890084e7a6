package com.huntaze.slo.schemas.event;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.avro.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a {@link RequestEvent} becomes a Kafka record, for every producer (gateway, emitter,
 * load generator, benchmarks): key = the service in UTF-8, so all events of a service land in the
 * partition that holds its SLOs; value = Avro single-object encoding; record timestamp = event time,
 * so retention and replays follow when requests happened, not when they were sent.
 */
public final class EventRecords {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecords.class);
  private final String topic;
  private final AvroSerde<RequestEvent> serde = new AvroSerde<>(RequestEvent.class);

  public EventRecords(String topic) {
    this.topic = Objects.requireNonNull(topic, "topic");
  }

  public String topic() {
    return topic;
  }

  /** Encodes in the caller's thread, as {@code KafkaProducer.send} would; safe from many threads. */
  public ProducerRecord<byte[], byte[]> record(RequestEvent event) {
    return new ProducerRecord<>(topic, null, event.getEventTime().toEpochMilli(), key(event.getService()),
        serde.encode(event));
  }

  public static byte[] key(String service) {
    return service.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A producer for these records (byte keys and values: the encoding happened in {@link #record})
   * that loses no acknowledged event, whatever {@code settings} say: acks=all, idempotence, and at
   * most 5 requests in flight, which idempotence needs to keep order. An override is logged.
   */
  public static Producer<byte[], byte[]> producer(Properties settings) {
    Properties props = new Properties();
    props.putAll(settings);
    enforce(props, ProducerConfig.ACKS_CONFIG, "all");
    enforce(props, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    String inFlight = props.getProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
    if (inFlight == null || !inFlight.matches("[1-5]")) {
      enforce(props, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    }
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void enforce(Properties props, String key, String value) {
    Object old = props.put(key, value);
    if (old != null && !value.equals(String.valueOf(old))) {
      LOG.warn("Kafka property {}={} ignored: event producers need {}={} so that no acknowledged event is lost",
          key, old, key, value);
    }
  }
}
