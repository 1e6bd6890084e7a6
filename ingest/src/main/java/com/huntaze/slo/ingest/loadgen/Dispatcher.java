package com.huntaze.slo.ingest.loadgen;

import com.huntaze.slo.avro.RequestEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands batches to a sink with at most {@code concurrency} in flight (back-pressure: a slow
 * gateway slows the generator instead of piling up requests) and counts accepted and failed events.
 */
final class Dispatcher {
  private final LoadSink sink;
  private final int concurrency;
  private final Semaphore free;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  Dispatcher(LoadSink sink, int concurrency) {
    this.sink = sink;
    this.concurrency = concurrency;
    this.free = new Semaphore(concurrency);
  }

  /** Sends the batch unless no slot frees up within {@code wait} (false: the sink is behind, nothing sent). */
  boolean trySend(List<RequestEvent> batch, Duration wait) throws InterruptedException {
    if (!free.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    int n = batch.size();
    sink.send(batch).whenComplete((ok, error) -> {
      int okCount = ok == null ? 0 : ok;
      accepted.addAndGet(okCount);
      failed.addAndGet(n - okCount);
      free.release();
    });
    return true;
  }

  /** Waits until every batch was answered; false if some were not within {@code wait}. */
  boolean awaitAll(Duration wait) throws InterruptedException {
    if (!free.tryAcquire(concurrency, wait.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    free.release(concurrency);
    return true;
  }

  int inFlight() {
    return concurrency - free.availablePermits();
  }

  long accepted() {
    return accepted.get();
  }

  long failed() {
    return failed.get();
  }

  /** " last error: ..." for a progress line once something failed over HTTP, else empty. */
  String lastError() {
    return sink instanceof HttpSink h && failed.get() > 0 && h.lastError() != null ? " last error: " + h.lastError() : "";
  }
}
