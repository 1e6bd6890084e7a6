package com.huntaze.slo.ingest.gateway;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.avro.Topic;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a request's events and completes when Kafka acknowledged all of them, or fails within
 * the publish timeout. The number of events waiting for Kafka is bounded, so an outage turns into
 * fast 503s instead of a growing heap or threads stuck in {@code send()}.
 */
public final class KafkaPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);

  private final Producer<String, RequestEvent> producer;
  private final String topic;
  private final Duration timeout;
  private final int maxPending;
  private final Semaphore capacity;

  public KafkaPublisher(Producer<String, RequestEvent> producer, String topic, Duration timeout, int maxPending) {
    this.producer = producer;
    this.topic = topic;
    this.timeout = timeout;
    this.maxPending = maxPending;
    this.capacity = new Semaphore(maxPending);
  }

  public static KafkaPublisher create(GatewayConfig config) {
    Topic<String, RequestEvent> t = config.topics().requestEvents();
    KafkaProducer<String, RequestEvent> producer = new KafkaProducer<>(producerProperties(config),
        t.keySerde().serializer(), t.valueSerde().serializer());
    return new KafkaPublisher(producer, t.name(), config.publishTimeout(), config.maxPendingEvents());
  }

  /**
   * Producer settings: durability is not negotiable (acks=all, idempotence, at most 5 in flight, which
   * idempotence needs to keep order); the Kafka timeouts are derived from the publish timeout so a
   * broker outage fails a request within that bound. Everything else may be overridden.
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
    enforce(props, ProducerConfig.ACKS_CONFIG, "all");
    enforce(props, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    String inFlight = props.getProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
    if (inFlight == null || Integer.parseInt(inFlight) > 5 || Integer.parseInt(inFlight) < 1) {
      enforce(props, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    }
    return props;
  }

  private static void enforce(Properties props, String key, String value) {
    Object old = props.put(key, value);
    if (old != null && !value.equals(old)) {
      LOG.warn("Kafka property {}={} ignored: the gateway needs {}={} so that no acknowledged event is lost",
          key, old, key, value);
    }
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
    if (n > maxPending || !capacity.tryAcquire(n)) {
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
      RequestEvent e = events.get(i);
      try {
        producer.send(new ProducerRecord<>(topic, null, e.getEventTime().toEpochMilli(), e.getService(), e), callback);
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
