package com.huntaze.slo.client;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.event.EventRecords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Emits straight to Kafka ({@code slo.request-events}, key = service) with an idempotent,
 * acks=all producer. Only the emitter thread ever calls {@code send()}, so a producer blocked on
 * metadata or a full buffer during an outage fills the queue (and drops) instead of blocking callers.
 */
public final class KafkaEmitter extends AsyncEmitter {
  private static final long MIN_RETRY_NANOS = 100_000_000L;

  private final Producer<byte[], byte[]> producer;
  private final EventRecords records;
  private final AtomicLong failures = new AtomicLong();

  private KafkaEmitter(Builder b) {
    super("slo-emitter-kafka", b.queueCapacity, 1_000, Duration.ZERO, b.closeTimeout);
    this.records = new EventRecords(b.topics.requestEvents().name());
    this.producer = EventRecords.producer(producerProperties(b));
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
    Thread emitterThread = Thread.currentThread();
    for (int i = 0; i < batch.size(); i++) {
      RequestEvent e = batch.get(i);
      try {
        RuntimeException notTaken;
        // A broker that does not answer makes send() give up waiting for metadata (maxBlock) before the
        // producer took the event. Keep the event and wait again: the outage then fills the queue (drops
        // counted there) instead of losing one event per maxBlock while the queue has room.
        long attempt = System.nanoTime();
        while ((notTaken = handOver(e, emitterThread)) instanceof TimeoutException && !isClosing()) {
          warnSometimes(failures.incrementAndGet(), "emitter {}: Kafka unreachable, event for service {} kept "
              + "and sent again: {}", e.getService(), notTaken);
          // With maxBlock(0) send() gives up at once: pace the attempts instead of spinning a core.
          LockSupport.parkNanos(MIN_RETRY_NANOS - (System.nanoTime() - attempt));
          attempt = System.nanoTime();
        }
        if (notTaken != null) {
          warnSometimes(failures.incrementAndGet(), "emitter {}: event for service {} not handed to the producer: {}",
              e.getService(), notTaken);
          failed(1);
        }
      } catch (InterruptException interrupted) {
        failed(batch.size() - i); // closing: the rest of the batch will not be sent either
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Sends one event; returns why the producer did not take it (it reports that through the callback,
   * on the calling thread, before send() returns), or null once the event is the producer's, whose
   * callback then counts it delivered or failed (on the producer's I/O thread).
   */
  private RuntimeException handOver(RequestEvent e, Thread emitterThread) {
    RuntimeException[] notTaken = new RuntimeException[1];
    try {
      producer.send(records.record(e), (metadata, error) -> {
        if (error != null && Thread.currentThread() == emitterThread) {
          notTaken[0] = error instanceof RuntimeException r ? r : new KafkaException(error);
        } else if (error == null) {
          delivered(1);
        } else {
          warnSometimes(failures.incrementAndGet(), "emitter {}: event for service {} not delivered: {}",
              e.getService(), error);
          failed(1);
        }
      });
    } catch (InterruptException interrupted) {
      throw interrupted;
    } catch (RuntimeException sendFailed) {
      return sendFailed;
    }
    return notTaken[0];
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
