package com.huntaze.slo.ingest.loadgen;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.event.EventRecords;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Produces straight to the event topic with the records and the durable producer every publisher uses. */
public final class KafkaSink implements LoadSink {
  private final Producer<byte[], byte[]> producer;
  private final EventRecords records;

  /** {@code settings}: Kafka client settings, {@code bootstrap.servers} included; they win over the defaults here. */
  public KafkaSink(Properties settings, String topic) {
    Properties props = new Properties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "slo-loadgen");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    props.putAll(settings);
    this.producer = EventRecords.producer(props);
    this.records = new EventRecords(topic);
  }

  @Override
  public CompletableFuture<Integer> send(List<RequestEvent> batch) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    AtomicInteger left = new AtomicInteger(batch.size());
    AtomicInteger ok = new AtomicInteger();
    for (RequestEvent e : batch) {
      try {
        producer.send(records.record(e), (metadata, error) -> {
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
