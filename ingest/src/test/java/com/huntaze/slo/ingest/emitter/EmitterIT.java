package com.huntaze.slo.ingest.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.ingest.testing.Http;
import com.huntaze.slo.ingest.testing.GatewayAndBroker;
import com.huntaze.slo.ingest.testing.TopicReader;
import com.huntaze.slo.schemas.avro.Topic;
import com.huntaze.slo.schemas.avro.Topics;
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

/** The emitters and the servlet filter against the real broker (and the real gateway). */
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
  void kafkaEmitterShouldDeliverEveryEventKeyedByService() throws Exception {
    String run = UUID.randomUUID().toString();
    List<RequestEvent> sent = events(run, 300);
    try (KafkaEmitter emitter = KafkaEmitter.builder(stack.kafka().bootstrapServers()).build()) {
      sent.forEach(e -> assertTrue(emitter.emit(e)));
      assertTrue(emitter.flush(Duration.ofSeconds(30)), () -> "not flushed: " + emitter.stats());
      assertEquals(new EmitterStats(300, 300, 0, 0), emitter.stats());
    }
    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(stack.kafka(), TOPIC,
        e -> e.getOperation().equals(run), 300, Duration.ofSeconds(30));
    assertEquals(new java.util.HashSet<>(sent), new java.util.HashSet<>(got.stream().map(ConsumerRecord::value).toList()));
    got.forEach(r -> assertEquals(r.value().getService(), r.key()));
  }

  @Test
  void httpEmitterShouldDeliverInBatchesThroughTheGateway() throws Exception {
    String run = UUID.randomUUID().toString();
    List<RequestEvent> sent = events(run, 1_200);
    try (HttpEmitter emitter = HttpEmitter.builder(stack.gateway().uri()).maxBatch(500).build()) {
      sent.forEach(emitter::emit);
      assertTrue(emitter.flush(Duration.ofSeconds(30)), () -> "not flushed: " + emitter.stats());
      assertEquals(new EmitterStats(1_200, 1_200, 0, 0), emitter.stats());
    }
    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(stack.kafka(), TOPIC,
        e -> e.getOperation().equals(run), 1_200, Duration.ofSeconds(30));
    assertEquals(new java.util.HashSet<>(sent), new java.util.HashSet<>(got.stream().map(ConsumerRecord::value).toList()));
  }

  @Test
  void httpEmitterShouldCountARefusedBatchAsFailedWithoutRetrying() throws Exception {
    RequestEvent bad = RequestEvent.newBuilder().setService("s").setOperation("o").setStatus(42).setLatencyMs(1)
        .setEventTime(Instant.now()).build();
    try (HttpEmitter emitter = HttpEmitter.builder(stack.gateway().uri()).linger(Duration.ZERO).build()) {
      emitter.emit(bad);
      assertTrue(emitter.flush(Duration.ofSeconds(10)));
      assertEquals(new EmitterStats(1, 0, 0, 1), emitter.stats());
    }
  }

  @Test
  void emitShouldNeverBlockAndShouldCountDropsWhenKafkaIsUnreachable() throws Exception {
    // Nothing listens on port 1: the emitter thread waits in send() for metadata (maxBlock), the queue fills.
    try (KafkaEmitter emitter = KafkaEmitter.builder("127.0.0.1:1").queueCapacity(10)
        .maxBlock(Duration.ofSeconds(5)).closeTimeout(Duration.ofMillis(500)).build()) {
      List<RequestEvent> many = events("unreachable", 100);
      long start = System.nanoTime();
      long accepted = many.stream().filter(emitter::emit).count();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "emit blocked: 100 calls took " + took);
      // Bounded: the queue (10), plus what the sender had already taken as one batch before it
      // blocked in send() (the first event and all 10 queued at that moment, at most).
      assertTrue(accepted <= 21, "queue of 10 (+ at most one batch of 11 in the sender's hands) accepted " + accepted);
      EmitterStats stats = emitter.stats();
      assertEquals(100, stats.emitted());
      assertEquals(100 - accepted, stats.dropped());
      assertEquals(0, stats.delivered());
    }
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
