package com.huntaze.slo.client;

/**
 * Counters of an emitter since it started: {@code emitted} calls, of which {@code invalid} broke the
 * event contract and {@code dropped} found the queue full or the emitter closed (neither was queued);
 * the rest are {@code delivered} (acknowledged), {@code failed} (refused by Kafka or the gateway for
 * good) or still pending.
 */
public record EmitterStats(long emitted, long delivered, long dropped, long failed, long invalid) {
  public long pending() {
    return emitted - invalid - dropped - delivered - failed;
  }
}
