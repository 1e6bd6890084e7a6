package com.huntaze.slo.ingest.emitter;

/**
 * Counters of an emitter since it started: {@code emitted} calls, of which {@code dropped} were
 * refused (queue full or closed) and the rest are {@code delivered} (acknowledged), {@code failed}
 * (refused by Kafka or the gateway for good) or still pending.
 */
public record EmitterStats(long emitted, long delivered, long dropped, long failed) {
  public long pending() {
    return emitted - dropped - delivered - failed;
  }
}
