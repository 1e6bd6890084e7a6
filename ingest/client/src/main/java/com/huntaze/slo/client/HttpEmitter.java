package com.huntaze.slo.client;

import com.huntaze.slo.avro.RequestEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits to the HTTP gateway: batches as JSON arrays to {@code POST /v1/events}. A 5xx, a 429 or a
 * connection error is retried (honouring Retry-After, within {@code retryFor}); a 413 (valid events
 * that together exceed the gateway's body limit) is sent again in halves; a 400 that names the bad
 * events fails only those and sends the others again (the gateway refuses a whole request for one bad
 * event); any other 4xx is final and counted as failed, since retrying a refused batch cannot help.
 */
public final class HttpEmitter extends AsyncEmitter {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEmitter.class);
  /** A refusal of many events logs the reasons of this many (one line, readable), and counts the others. */
  private static final int MAX_LOGGED_REASONS = 5;

  private final HttpClient client;
  private final URI gateway;
  private final String token;
  private final Duration requestTimeout;
  private final Duration retryFor;

  private HttpEmitter(Builder b) {
    super("slo-emitter-http", b.queueCapacity, b.maxBatch, b.linger, b.closeTimeout);
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(b.requestTimeout).build();
    this.gateway = b.gateway;
    this.token = b.token;
    this.requestTimeout = b.requestTimeout;
    this.retryFor = b.retryFor;
    startSender();
  }

  public static Builder builder(URI gateway) {
    return new Builder(gateway);
  }

  @Override
  protected void deliver(List<RequestEvent> batch) throws InterruptedException {
    HttpRequest request = GatewayRequest.post(gateway, token, requestTimeout, batch);
    long giveUp = System.nanoTime() + retryFor.toNanos();
    Duration backoff = Duration.ofMillis(200);
    while (true) {
      String problem;
      Duration wait = backoff;
      try {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 202) {
          delivered(batch.size());
          return;
        }
        if (r.statusCode() == 413 && batch.size() > 1) {
          // Valid events that are only too many bytes together (the gateway's --max-body-bytes): the batch
          // is ours, not the caller's, so it must not cost them; halves until each request fits.
          LOG.warn("gateway {}: {} events too large for one request ({}), sending them in two halves", gateway,
              batch.size(), r.body());
          int half = batch.size() / 2;
          deliver(List.copyOf(batch.subList(0, half)));
          deliver(List.copyOf(batch.subList(half, batch.size())));
          return;
        }
        if (r.statusCode() == 400) {
          Optional<GatewayRefusal> refusal = GatewayRefusal.parse(r.body(), batch.size());
          if (refusal.isPresent()) {
            deliverAllBut(batch, refusal.get());
            return;
          }
        }
        // Any 5xx (the gateway's 503, or a proxy in front of it answering 500/502/504) or 429 may pass:
        // retried, as documented; a 4xx is about the request itself and final.
        if (r.statusCode() < 500 && r.statusCode() != 429) {
          LOG.error("gateway {} refused {} events with {}: {}", gateway, batch.size(), r.statusCode(), r.body());
          failed(batch.size());
          return;
        }
        problem = r.statusCode() + " " + r.body();
        wait = retryAfter(r).orElse(backoff);
      } catch (IOException e) {
        problem = e.toString();
      }
      long left = giveUp - System.nanoTime();
      if (left <= 0 || isClosing() && left < wait.toNanos()) {
        LOG.error("gateway {}: giving up on {} events after retrying for {}: {}", gateway, batch.size(), retryFor,
            problem);
        failed(batch.size());
        return;
      }
      LOG.warn("gateway {}: {} events not accepted yet ({}), retrying in {} ms", gateway, batch.size(), problem,
          wait.toMillis());
      Thread.sleep(Math.min(wait.toMillis(), left / 1_000_000 + 1)); // back-off on the emitter's own thread
      backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
    }
  }

  /**
   * The gateway refuses a whole request for one bad event and names it: only the events it named fail
   * (with its reasons), the others are sent again. Each resend is smaller than the batch before it, so
   * this ends; a resend that is refused again (the gateway lists at most 100 events per answer, or a
   * timestamp drifted past its skew meanwhile) again fails only what it names.
   */
  private void deliverAllBut(List<RequestEvent> batch, GatewayRefusal refusal) throws InterruptedException {
    Map<Integer, String> refused = refusal.reasons();
    StringBuilder reasons = new StringBuilder();
    int listed = 0;
    for (Map.Entry<Integer, String> e : refused.entrySet()) {
      if (listed++ == MAX_LOGGED_REASONS) {
        reasons.append("; and ").append(refused.size() - MAX_LOGGED_REASONS).append(" more");
        break;
      }
      reasons.append(listed == 1 ? "" : "; ").append("event for service ")
          .append(batch.get(e.getKey()).getService()).append(": ").append(e.getValue());
    }
    List<RequestEvent> rest = new ArrayList<>(batch.size() - refused.size());
    for (int i = 0; i < batch.size(); i++) {
      if (!refused.containsKey(i)) {
        rest.add(batch.get(i));
      }
    }
    LOG.error("gateway {} refused {} of {} events (400), counted as failed{}: {}", gateway, refused.size(),
        batch.size(), rest.isEmpty() ? "" : "; sending the other " + rest.size() + " again", reasons);
    failed(refused.size());
    if (!rest.isEmpty()) {
      deliver(rest);
    }
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> r) {
    try {
      return r.headers().firstValue("Retry-After").map(v -> Duration.ofSeconds(Long.parseLong(v.strip())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  protected void closeTransport(Duration timeout) {
    // HttpClient has no close() on Java 17; its threads are daemons and die with their last reference.
  }

  public static final class Builder {
    private final URI gateway;
    private String token;
    private int queueCapacity = 10_000;
    private int maxBatch = 500;
    private Duration linger = Duration.ofMillis(200);
    private Duration requestTimeout = Duration.ofSeconds(15);
    private Duration retryFor = Duration.ofSeconds(30);
    private Duration closeTimeout = Duration.ofSeconds(10);

    private Builder(URI gateway) {
      this.gateway = gateway;
    }

    public Builder token(String v) { token = v; return this; }
    public Builder queueCapacity(int v) { queueCapacity = v; return this; }
    public Builder maxBatch(int v) { maxBatch = v; return this; }
    /** How long the first event of a batch may wait for more. */
    public Builder linger(Duration v) { linger = v; return this; }
    public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
    /** How long a batch is retried on 503 or connection errors before it counts as failed. */
    public Builder retryFor(Duration v) { retryFor = v; return this; }
    public Builder closeTimeout(Duration v) { closeTimeout = v; return this; }

    public HttpEmitter build() {
      return new HttpEmitter(this);
    }
  }
}
