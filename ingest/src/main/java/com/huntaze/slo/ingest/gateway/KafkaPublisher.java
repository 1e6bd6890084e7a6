package com.huntaze.slo.ingest.gateway;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.event.EventRecords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Publishes a request's events and completes when Kafka acknowledged all of them, or fails within
 * the publish timeout. The number of events waiting for Kafka is bounded, so an outage turns into
 * fast 503s instead of a growing heap or threads stuck in {@code send()}.
 */
public final class KafkaPublisher implements AutoCloseable {
  private final Producer<byte[], byte[]> producer;
  private final EventRecords records;
  private final Duration timeout;
  private final int maxPending;
  private final Semaphore capacity;

  public KafkaPublisher(Producer<byte[], byte[]> producer, EventRecords records, Duration timeout, int maxPending) {
    this.producer = producer;
    this.records = records;
    this.timeout = timeout;
    this.maxPending = maxPending;
    this.capacity = new Semaphore(maxPending);
  }

  public static KafkaPublisher create(GatewayConfig config) {
    return new KafkaPublisher(EventRecords.producer(producerProperties(config)),
        new EventRecords(config.topics().requestEvents().name()), config.publishTimeout(), config.maxPendingEvents());
  }

  /**
   * Producer settings: the Kafka timeouts are derived from the publish timeout so a broker outage
   * fails a request within that bound; everything may be overridden but durability, which
   * {@link EventRecords#producer} keeps.
   */
  static Properties producerProperties(GatewayConfig config) {
    long timeoutMs = config.publishTimeout().toMillis();
    long requestTimeout = Math.max(50, timeoutMs / 2);
    long linger = 5;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "slo-ingest-gateway");
    props.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(linger));
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(requestTimeout));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(timeoutMs, requestTimeout + linger)));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Math.max(50, timeoutMs / 2)));
    props.putAll(config.kafkaProperties());
    return props;
  }

  /** Events handed to the producer at most at once (--max-pending-events). */
  public int maxPending() {
    return maxPending;
  }

  /** Events handed to the producer and not yet acknowledged or failed. */
  public long pending() {
    return maxPending - capacity.availablePermits();
  }

  /**
   * Sends every event (key = service) and completes with their number once all are acknowledged. Fails
   * with a {@link PublishException} if any is not acknowledged within the publish timeout; some of
   * the events may then still reach Kafka (the client's retry makes that at-least-once, never lost).
   */
  public CompletableFuture<Integer> publish(List<RequestEvent> events) {
    int n = events.size();
    if (n == 0) {
      return CompletableFuture.completedFuture(0);
    }
    if (!capacity.tryAcquire(n)) { // more than maxPending at once never fits (the servlets answer 413 before)
      return CompletableFuture.failedFuture(new PublishException("gateway overloaded: " + pending()
          + " events are waiting for Kafka (limit " + maxPending + ")", true, null));
    }
    CompletableFuture<Integer> result = new CompletableFuture<>();
    AtomicInteger outstanding = new AtomicInteger(n);
    Callback callback = (metadata, error) -> {
      if (error != null) {
        result.completeExceptionally(new PublishException("Kafka did not acknowledge the events: " + error, false, error));
      }
      finish(outstanding, 1, n, result);
    };
    for (int i = 0; i < n; i++) {
      if (result.isDone()) { // one failed: do not keep feeding a broker that is not there
        finish(outstanding, n - i, n, result);
        break;
      }
      try {
        producer.send(records.record(events.get(i)), callback);
      } catch (RuntimeException sendFailed) {
        // Thrown (not reported to the callback): this and the unsent rest will never complete.
        result.completeExceptionally(new PublishException("cannot hand events to the Kafka producer: " + sendFailed,
            false, sendFailed));
        finish(outstanding, n - i, n, result);
        break;
      }
    }
    return result.orTimeout(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS)
        .exceptionallyCompose(KafkaPublisher::explainTimeout);
  }

  private void finish(AtomicInteger outstanding, int done, int n, CompletableFuture<Integer> result) {
    if (outstanding.addAndGet(-done) == 0) {
      capacity.release(n);
      result.complete(n); // no-op if a failure came first
    }
  }

  private static CompletableFuture<Integer> explainTimeout(Throwable t) {
    Throwable cause = t instanceof java.util.concurrent.CompletionException ? t.getCause() : t;
    if (cause instanceof TimeoutException) {
      return CompletableFuture.failedFuture(new PublishException("Kafka did not acknowledge the events in time",
          false, cause));
    }
    return CompletableFuture.failedFuture(cause);
  }

  /** Metrics of the underlying producer, e.g. for the benchmark. */
  public Map<?, ?> producerMetrics() {
    return producer.metrics();
  }

  /** Sends what was accepted and waits for it (bounded), then releases the producer. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  public void close(Duration wait) {
    producer.close(wait); // close waits for every record already handed over, up to `wait`
  }
}
