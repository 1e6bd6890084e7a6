package com.huntaze.slo.ingest.emitter;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.avro.Topic;
import com.huntaze.slo.schemas.avro.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits straight to Kafka ({@code slo.request-events}, key = service) with an idempotent,
 * acks=all producer. Only the emitter thread ever calls {@code send()}, so a producer blocked on
 * metadata or a full buffer during an outage fills the queue (and drops) instead of blocking callers.
 */
public final class KafkaEmitter extends AsyncEmitter {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEmitter.class);

  private final Producer<String, RequestEvent> producer;
  private final String topic;
  private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();

  private KafkaEmitter(Builder b) {
    super("slo-emitter-kafka", b.queueCapacity, 1_000, Duration.ZERO, b.closeTimeout);
    Topic<String, RequestEvent> t = b.topics.requestEvents();
    this.topic = t.name();
    this.producer = new KafkaProducer<>(producerProperties(b), t.keySerde().serializer(), t.valueSerde().serializer());
    startSender();
  }

  public static Builder builder(String bootstrapServers) {
    return new Builder(bootstrapServers);
  }

  static Properties producerProperties(Builder b) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "slo-emitter");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(b.bufferBytes));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(b.maxBlock.toMillis()));
    props.putAll(b.kafkaProperties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return props;
  }

  @Override
  protected void deliver(List<RequestEvent> batch) {
    for (int i = 0; i < batch.size(); i++) {
      RequestEvent e = batch.get(i);
      try {
        producer.send(new ProducerRecord<>(topic, null, e.getEventTime().toEpochMilli(), e.getService(), e),
            (metadata, error) -> {
              if (error == null) {
                delivered(1);
              } else {
                warnSometimes("event for service {} not delivered to {}: {}", e.getService(), topic, error);
                failed(1);
              }
            });
      } catch (org.apache.kafka.common.errors.InterruptException interrupted) {
        failed(batch.size() - i); // closing: the rest of the batch will not be sent either
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException sendFailed) {
        warnSometimes("event for service {} not handed to the producer for {}: {}", e.getService(), topic, sendFailed);
        failed(1);
      }
    }
  }

  /** During an outage every event fails: log the first few and then one in a thousand. */
  private void warnSometimes(String format, String service, String where, Throwable error) {
    long n = failures.incrementAndGet();
    if (n <= 5 || n % 1_000 == 0) {
      LOG.warn(format + " ({} failures so far)", service, where, error.toString(), n);
    }
  }

  @Override
  protected void closeTransport(Duration timeout) {
    producer.close(timeout);
  }

  public static final class Builder {
    private final String bootstrapServers;
    private Topics topics = Topics.defaults();
    private int queueCapacity = 10_000;
    private long bufferBytes = 8L * 1024 * 1024;
    private Duration maxBlock = Duration.ofSeconds(5);
    private Duration closeTimeout = Duration.ofSeconds(10);
    private Map<String, String> kafkaProperties = Map.of();

    private Builder(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
    }

    public Builder topics(Topics v) { topics = v; return this; }
    /** Events waiting for the emitter thread; beyond this, emit() drops. */
    public Builder queueCapacity(int v) { queueCapacity = v; return this; }
    /** The producer's own buffer ({@code buffer.memory}). */
    public Builder bufferBytes(long v) { bufferBytes = v; return this; }
    /** How long the emitter thread may wait in send() for metadata or buffer space. */
    public Builder maxBlock(Duration v) { maxBlock = v; return this; }
    public Builder closeTimeout(Duration v) { closeTimeout = v; return this; }
    /** Extra client properties (security.protocol, sasl.*, ssl.*); acks and idempotence stay on. */
    public Builder kafkaProperties(Map<String, String> v) { kafkaProperties = Map.copyOf(v); return this; }

    public KafkaEmitter build() {
      return new KafkaEmitter(this);
    }
  }
}
