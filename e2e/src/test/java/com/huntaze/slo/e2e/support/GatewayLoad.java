package com.huntaze.slo.e2e.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady, bounded load through the gateway: one request of {@code batch} events every {@code
 * period}, spread over the services, each event with a unique {@code eventId}. Remembers which
 * events were acknowledged (202) and how each 503 was answered, so a test can compare them with
 * what Kafka holds and what the processor counted.
 */
public final class GatewayLoad implements AutoCloseable {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI events;
  private final List<String> services;
  private final int batch;
  private final Duration period;
  private final Thread thread;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger unavailable = new AtomicInteger();
  private final AtomicInteger unavailableWithoutRetryAfter = new AtomicInteger();
  private final AtomicInteger otherAnswers = new AtomicInteger();
  private final AtomicLong lastUnavailableNanos = new AtomicLong();
  private volatile boolean running = true;
  private long next;

  public GatewayLoad(URI gateway, List<String> services, int batch, Duration period) {
    this.events = gateway.resolve("/v1/events");
    this.services = List.copyOf(services);
    this.batch = batch;
    this.period = period;
    this.thread = new Thread(this::run, "gateway-load");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      long started = System.nanoTime();
      StringBuilder body = new StringBuilder();
      List<String> ids = new java.util.ArrayList<>(batch);
      for (int i = 0; i < batch; i++, next++) {
        String id = "ev-" + next;
        ids.add(id);
        // Every 7th event fails, so the counts have both good and bad events to get right.
        body.append("{\"service\":\"").append(services.get((int) (next % services.size()))).append("\",\"operation\":\"GET /x\",")
            .append("\"status\":").append(next % 7 == 0 ? 503 : 200).append(",\"latencyMs\":5,\"eventId\":\"").append(id).append("\"}\n");
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 202) {
          acknowledged.addAll(ids);
        } else if (r.statusCode() == 503) {
          unavailable.incrementAndGet();
          lastUnavailableNanos.set(System.nanoTime());
          if (r.headers().firstValue("Retry-After").isEmpty()) {
            unavailableWithoutRetryAfter.incrementAndGet();
          }
        } else {
          otherAnswers.incrementAndGet();
        }
      } catch (java.io.IOException e) {
        otherAnswers.incrementAndGet();
      } catch (InterruptedException e) {
        return;
      }
      long rest = period.toNanos() - (System.nanoTime() - started);
      if (rest > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(rest);
      }
    }
  }

  public Set<String> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  public int acknowledgedCount() {
    return acknowledged.size();
  }

  public int unavailable() {
    return unavailable.get();
  }

  public int unavailableWithoutRetryAfter() {
    return unavailableWithoutRetryAfter.get();
  }

  /** Answers other than 202 and 503 (and connection failures): none expected. */
  public int otherAnswers() {
    return otherAnswers.get();
  }

  /** Nanotime of the latest 503, 0 if none. */
  public long lastUnavailableNanos() {
    return lastUnavailableNanos.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(60_000);
  }
}
