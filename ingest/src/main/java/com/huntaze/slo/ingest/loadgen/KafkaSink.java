package com.huntaze.slo.ingest.loadgen;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.avro.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Produces straight to the event topic (key = service), acks=all and idempotent like the gateway. */
public final class KafkaSink implements LoadSink {
  private final KafkaProducer<String, RequestEvent> producer;
  private final String topic;

  public KafkaSink(String bootstrapServers, Topic<String, RequestEvent> topic, Map<String, String> extra) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "slo-loadgen");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    props.putAll(extra);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    this.producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
    this.topic = topic.name();
  }

  @Override
  public CompletableFuture<Integer> send(List<RequestEvent> batch) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    AtomicInteger left = new AtomicInteger(batch.size());
    AtomicInteger ok = new AtomicInteger();
    for (RequestEvent e : batch) {
      try {
        producer.send(new ProducerRecord<>(topic, null, e.getEventTime().toEpochMilli(), e.getService(), e),
            (metadata, error) -> {
              if (error == null) {
                ok.incrementAndGet();
              }
              if (left.decrementAndGet() == 0) {
                done.complete(ok.get());
              }
            });
      } catch (RuntimeException notSent) {
        if (left.decrementAndGet() == 0) {
          done.complete(ok.get());
        }
      }
    }
    return done;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
