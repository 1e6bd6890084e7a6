package com.huntaze.slo.ingest.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.client.EmitterStats;
import com.huntaze.slo.client.HttpEmitter;
import com.huntaze.slo.client.KafkaEmitter;
import com.huntaze.slo.client.RequestEventFilter;
import com.huntaze.slo.ingest.testing.GatewayAndBroker;
import com.huntaze.slo.ingest.testing.Http;
import com.huntaze.slo.schemas.avro.Topic;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.TopicReader;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP emitter and the servlet filter (from slo-client) against the real gateway and broker. */
class EmitterIT {
  private static final Topic<String, RequestEvent> TOPIC = Topics.defaults().requestEvents();
  @RegisterExtension
  static final GatewayAndBroker stack = new GatewayAndBroker();

  private static List<RequestEvent> events(String run, int n) {
    Instant t = Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> RequestEvent.newBuilder()
        .setService("emit-svc-" + (i % 4)).setOperation(run).setStatus(i % 10 == 0 ? 503 : 200)
        .setLatencyMs(i).setEventTime(t.plusMillis(i)).setAttributes(Map.of("i", String.valueOf(i))).build()).toList();
  }

  @Test
  void httpEmitterShouldDeliverInBatchesThroughTheGateway() throws Exception {
    String run = UUID.randomUUID().toString();
    List<RequestEvent> sent = events(run, 1_200);
    try (HttpEmitter emitter = HttpEmitter.builder(stack.gateway().uri()).maxBatch(500).build()) {
      sent.forEach(emitter::emit);
      assertTrue(emitter.flush(Duration.ofSeconds(30)), () -> "not flushed: " + emitter.stats());
      assertEquals(new EmitterStats(1_200, 1_200, 0, 0, 0), emitter.stats());
    }
    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(stack.kafka(), TOPIC,
        e -> e.getOperation().equals(run), 1_200, Duration.ofSeconds(30));
    assertEquals(new java.util.HashSet<>(sent), new java.util.HashSet<>(got.stream().map(ConsumerRecord::value).toList()));
  }

  @Test
  void httpEmitterShouldSplitABatchOfValidEventsThatIsTooLargeForOneRequest() throws Exception {
    // Valid events (the emitter checks those itself), but together far over the gateway's 5 MiB body limit: a
    // 413 for the emitter's own batch must not lose them; each of them fits in a request of its own.
    Map<String, String> big = new java.util.HashMap<>();
    for (int i = 0; i < 32; i++) {
      big.put("k" + "x".repeat(60) + i, "v".repeat(256));
    }
    String run = "too-large-" + UUID.randomUUID();
    List<RequestEvent> batch = events(run, 1_000).stream()
        .map(e -> RequestEvent.newBuilder(e).setAttributes(big).build()).toList();
    try (HttpEmitter emitter = HttpEmitter.builder(stack.gateway().uri()).maxBatch(1_000).linger(Duration.ofSeconds(5))
        .build()) {
      batch.forEach(e -> assertTrue(emitter.emit(e)));
      assertTrue(emitter.flush(Duration.ofSeconds(60)), () -> "not flushed: " + emitter.stats());
      assertEquals(new EmitterStats(1_000, 1_000, 0, 0, 0), emitter.stats());
    }
    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(stack.kafka(), TOPIC,
        e -> e.getOperation().equals(run), 1_000, Duration.ofSeconds(30));
    assertEquals(new java.util.HashSet<>(batch), new java.util.HashSet<>(got.stream().map(ConsumerRecord::value).toList()));
  }

  @Test
  void httpEmitterShouldCountARefusedBatchAsFailedWithoutRetrying() throws Exception {
    // A gateway whose body limit no single event fits in: refused for good, counted as failed, not retried.
    try (com.huntaze.slo.ingest.gateway.Gateway tiny = com.huntaze.slo.ingest.gateway.Gateway.start(
        com.huntaze.slo.ingest.gateway.GatewayConfig.builder(stack.kafka().bootstrapServers()).bindAddress("127.0.0.1")
            .port(0).maxBodyBytes(100).build(), new io.prometheus.metrics.model.registry.PrometheusRegistry());
        HttpEmitter emitter = HttpEmitter.builder(tiny.uri()).maxBatch(2).build()) {
      events("refused", 10).forEach(e -> assertTrue(emitter.emit(e)));
      assertTrue(emitter.flush(Duration.ofSeconds(30)));
      assertEquals(new EmitterStats(10, 0, 0, 10, 0), emitter.stats());
    }
  }

  @Test
  void httpEmitterShouldDeliverTheValidEventsOfABatchTheGatewayRefusesForSomeOfItsEvents() throws Exception {
    // The emitter allows 5 minutes of clock skew, this gateway 1: events 3 minutes ahead pass the emitter's
    // check and are refused by the gateway, which then refuses the whole request. 150 of them: more than
    // the 100 one answer lists, so the valid events take more than one resend.
    String run = "partly-refused-" + UUID.randomUUID();
    Instant ahead = Instant.now().plus(Duration.ofMinutes(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    List<RequestEvent> batch = events(run, 400).stream()
        .map(e -> e.getLatencyMs() % 8 < 3 ? RequestEvent.newBuilder(e).setEventTime(ahead).build() : e).toList();
    List<RequestEvent> valid = batch.stream().filter(e -> !e.getEventTime().equals(ahead)).toList();
    assertEquals(250, valid.size());
    try (com.huntaze.slo.ingest.gateway.Gateway strict = com.huntaze.slo.ingest.gateway.Gateway.start(
        com.huntaze.slo.ingest.gateway.GatewayConfig.builder(stack.kafka().bootstrapServers()).bindAddress("127.0.0.1")
            .port(0).maxFutureSkew(Duration.ofMinutes(1)).build(), new io.prometheus.metrics.model.registry.PrometheusRegistry());
        HttpEmitter emitter = HttpEmitter.builder(strict.uri()).maxBatch(400).linger(Duration.ofSeconds(5)).build()) {
      batch.forEach(e -> assertTrue(emitter.emit(e)));
      assertTrue(emitter.flush(Duration.ofSeconds(30)), () -> "not flushed: " + emitter.stats());
      assertEquals(new EmitterStats(400, 250, 0, 150, 0), emitter.stats());
    }
    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(stack.kafka(), TOPIC,
        e -> e.getOperation().equals(run), 250, Duration.ofSeconds(30));
    assertEquals(new java.util.HashSet<>(valid), new java.util.HashSet<>(got.stream().map(ConsumerRecord::value).toList()));
  }

  /** A small real web app with the filter in front: the events it records are read back from Kafka. */
  @Test
  void servletFilterShouldRecordStatusAndLatencyOfRealRequests() throws Exception {
    String service = "webapp-" + UUID.randomUUID();
    try (KafkaEmitter emitter = KafkaEmitter.builder(stack.kafka().bootstrapServers()).build()) {
      Server app = new Server();
      ServerConnector connector = new ServerConnector(app);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      app.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler("/");
      context.addFilter(new FilterHolder(new RequestEventFilter(emitter, service)), "/*", EnumSet.of(DispatcherType.REQUEST));
      context.addServlet(new ServletHolder(new HttpServlet() {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
          switch (req.getRequestURI()) {
            case "/slow" -> {
              try {
                Thread.sleep(60); // the app's own work, measured by the filter
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              resp.setStatus(200);
            }
            case "/unavailable" -> resp.sendError(503);
            case "/boom" -> throw new IllegalStateException("handler bug");
            case "/async" -> {
              var async = req.startAsync();
              async.start(() -> {
                ((HttpServletResponse) async.getResponse()).setStatus(201);
                async.complete();
              });
            }
            default -> resp.setStatus(200);
          }
        }
      }), "/*");
      app.setHandler(context);
      app.start();
      try {
        Http http = new Http(URI.create("http://127.0.0.1:" + connector.getLocalPort()));
        assertEquals(200, http.get("/api/users/42").status());
        assertEquals(200, http.get("/slow").status());
        assertEquals(503, http.get("/unavailable").status());
        assertEquals(500, http.get("/boom").status());
        assertEquals(201, http.get("/async").status());
        assertTrue(emitter.flush(Duration.ofSeconds(30)), () -> "not flushed: " + emitter.stats());
      } finally {
        app.stop();
      }
    }
    Map<String, RequestEvent> byOperation = new java.util.HashMap<>();
    TopicReader.awaitMatching(stack.kafka(), TOPIC, e -> e.getService().equals(service), 5, Duration.ofSeconds(30))
        .forEach(r -> byOperation.put(r.value().getOperation(), r.value()));
    assertEquals(java.util.Set.of("GET /api/users/{id}", "GET /slow", "GET /unavailable", "GET /boom", "GET /async"),
        byOperation.keySet());
    assertEquals(200, byOperation.get("GET /api/users/{id}").getStatus());
    assertEquals(503, byOperation.get("GET /unavailable").getStatus());
    assertEquals(500, byOperation.get("GET /boom").getStatus());
    assertEquals(201, byOperation.get("GET /async").getStatus());
    assertTrue(byOperation.get("GET /slow").getLatencyMs() >= 60, () -> "latency " + byOperation.get("GET /slow"));
    assertTrue(byOperation.values().stream().allMatch(e -> e.getLatencyMs() >= 0
        && !e.getEventTime().isAfter(Instant.now())));
  }
}
