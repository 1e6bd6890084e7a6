package com.huntaze.slo.ingest.nextjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.ingest.gateway.Gateway;
import com.huntaze.slo.ingest.gateway.GatewayConfig;
import com.huntaze.slo.schemas.avro.Topic;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import com.huntaze.slo.testing.TopicReader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's Next.js integration against a real Next.js app (next build, next start): Next.js'
 * own SERVER spans, exported over OTLP/HTTP by the app's instrumentation.ts, reach Kafka through
 * the gateway with each route's real status and duration; with the gateway stopped, the app still
 * answers every request, as fast.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NextJsIT {
  private static final Topic<String, RequestEvent> TOPIC = Topics.defaults().requestEvents();
  private static final String SERVICE = "nextjs-" + UUID.randomUUID().toString().substring(0, 8);
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  /**
   * The requests, the status Next.js answers each with, and the operation: Next.js' {@code http.route}
   * for an app-router route handler is the handler's file path, {@code /api/users/[id]/route}.
   */
  private static final List<Call> CALLS = List.of(
      new Call("GET", "/api/users", 200, "GET /api/users/route"),
      new Call("GET", "/api/users/1", 200, "GET /api/users/[id]/route"),
      new Call("GET", "/api/users/42", 404, "GET /api/users/[id]/route"),
      new Call("POST", "/api/orders", 500, "POST /api/orders/route"),
      new Call("GET", "/api/boom", 500, "GET /api/boom/route"),
      new Call("GET", "/api/slow", 200, "GET /api/slow/route"));
  private static final long SLOW_ROUTE_MS = 1200;
  private static final long SPAN_END_SLACK_MS = 100;

  private static KafkaFixture kafka;
  private static Gateway gateway;
  private static NextJsApp app;

  private record Call(String method, String path, int status, String operation) {
  }

  private record Timed(Call call, int status, Instant sent, double millis) {
  }

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaFixture.start();
    kafka.createTopics(3, TOPIC.name());
    gateway = Gateway.start(GatewayConfig.builder(kafka.bootstrapServers()).bindAddress("127.0.0.1").port(0).build(),
        new PrometheusRegistry());
    app = NextJsApp.start(Map.of(
        "OTEL_SERVICE_NAME", SERVICE,
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", gateway.uri() + "/v1/traces",
        "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip",
        "OTEL_BSP_SCHEDULE_DELAY", "200")); // export every 200 ms instead of 5 s: a shorter test
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static Timed call(Call c) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(app.uri().resolve(c.path())).timeout(Duration.ofSeconds(30))
        .method(c.method(), HttpRequest.BodyPublishers.noBody()).build();
    Instant sent = Instant.now();
    long start = System.nanoTime();
    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Timed(c, r.statusCode(), sent, (System.nanoTime() - start) / 1e6);
  }

  @Test
  @Order(1)
  void shouldReportEachRoutesRealStatusAndDuration() throws Exception {
    List<Timed> done = new ArrayList<>();
    for (Call c : CALLS) {
      Timed t = call(c);
      assertEquals(c.status(), t.status(), c.method() + " " + c.path());
      done.add(t);
    }
    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(kafka, TOPIC,
        e -> e.getService().equals(SERVICE) && e.getOperation().startsWith("GET /api/slow/route"), 1, Duration.ofSeconds(60));
    List<RequestEvent> events = TopicReader.awaitMatching(kafka, TOPIC,
        e -> e.getService().equals(SERVICE) && e.getOperation().contains("/api/"), CALLS.size(), Duration.ofSeconds(30))
        .stream().map(ConsumerRecord::value).sorted(Comparator.comparing(RequestEvent::getEventTime)).toList();
    assertEquals(CALLS.size(), events.size(), "one event per API request: " + events + " (first: " + got + ")");

    for (int i = 0; i < CALLS.size(); i++) {
      Timed t = done.get(i);
      RequestEvent e = events.get(i);
      String what = t.call().method() + " " + t.call().path() + " -> " + e;
      assertEquals(t.call().operation(), e.getOperation(), what);
      assertEquals(t.call().status(), e.getStatus(), what);
      // Next.js ends its span once the response is flushed, which the client may see a little earlier.
      assertTrue(e.getLatencyMs() <= t.millis() + SPAN_END_SLACK_MS, what + ": the server's duration, client saw "
          + t.millis());
      assertTrue(!e.getEventTime().isBefore(t.sent().truncatedTo(ChronoUnit.MILLIS).minusMillis(5))
          && e.getEventTime().isBefore(t.sent().plusMillis((long) t.millis() + 5)), what + ": sent at " + t.sent());
    }
    RequestEvent slow = events.get(CALLS.size() - 1);
    assertTrue(slow.getLatencyMs() >= SLOW_ROUTE_MS, "the slow route's latency is its real duration: " + slow);
    assertTrue(events.subList(0, CALLS.size() - 1).stream().allMatch(e -> e.getLatencyMs() < SLOW_ROUTE_MS), events::toString);
  }

  @Test
  @Order(2)
  void shouldAnswerEveryRequestAsFastWithTheGatewayStopped() throws Exception {
    gateway.close();
    // Three rounds over more than the export interval: exports fail (connection refused) meanwhile.
    for (int round = 0; round < 3; round++) {
      for (Call c : CALLS) {
        Timed t = call(c);
        assertEquals(c.status(), t.status(), c.method() + " " + c.path() + " with the gateway down");
        double budget = c.path().equals("/api/slow") ? SLOW_ROUTE_MS + 1000 : 1000;
        assertTrue(t.millis() < budget, c.path() + " took " + t.millis() + " ms with the gateway down");
      }
    }
  }
}
