package com.huntaze.slo.client;

import com.huntaze.slo.avro.RequestEvent;
import java.time.Duration;

/**
 * Publishes request events from inside a JVM service. {@link #emit} never blocks the caller: the
 * event goes into a bounded queue that a background thread drains in batches; when the queue is
 * full the event is dropped and counted ({@link EmitterStats#dropped()}), so a Kafka or gateway
 * outage costs monitoring data, never the service's own latency or memory.
 */
public interface EventEmitter extends AutoCloseable {

  /**
   * Queues the event; false when it breaks the event contract (counted as invalid: the gateway or the
   * processor would refuse it, and over HTTP it would sink the whole batch), or when the queue is full
   * or the emitter closed (counted as dropped).
   */
  boolean emit(RequestEvent event);

  /** Waits until every event queued before this call was delivered or failed; false on timeout. */
  boolean flush(Duration timeout) throws InterruptedException;

  EmitterStats stats();

  /** Delivers what is queued (bounded by the emitter's close timeout), then releases its resources. */
  @Override
  void close();
}
