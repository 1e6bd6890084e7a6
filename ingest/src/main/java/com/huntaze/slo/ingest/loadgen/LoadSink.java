package com.huntaze.slo.ingest.loadgen;

import com.huntaze.slo.avro.RequestEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where generated events go: the gateway over HTTP or Kafka directly. */
public interface LoadSink extends AutoCloseable {
  /** Completes with how many of the batch were accepted (the rest failed); never exceptionally. */
  CompletableFuture<Integer> send(List<RequestEvent> batch);

  @Override
  void close();
}
