package com.huntaze.slo.ingest.gateway;

import static com.huntaze.slo.ingest.otlp.Spans.attr;
import static com.huntaze.slo.ingest.otlp.Spans.request;
import static com.huntaze.slo.ingest.otlp.Spans.resource;
import static com.huntaze.slo.ingest.otlp.Spans.span;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.ingest.testing.Http;
import com.huntaze.slo.schemas.avro.Topic;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import com.huntaze.slo.testing.TopicReader;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /v1/traces} on a real gateway and broker: the real OpenTelemetry Java SDK exports
 * (protobuf and JSON, gzip) and the events read back from Kafka match its spans exactly; bad input
 * gets OTLP's answers and publishes nothing; gzip and its bounds on both endpoints; tokens.
 */
class TracesIT {
  private static final int MAX_BODY = 256 * 1024;
  private static final Topic<String, RequestEvent> TOPIC = Topics.defaults().requestEvents();
  private static KafkaFixture kafka;
  private static Gateway gateway;
  private static Gateway authGateway;

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaFixture.start();
    kafka.createTopics(3, TOPIC.name());
    gateway = Gateway.start(GatewayConfig.builder(kafka.bootstrapServers()).bindAddress("127.0.0.1").port(0)
        .maxBodyBytes(MAX_BODY).build(), new PrometheusRegistry());
    authGateway = Gateway.start(GatewayConfig.builder(kafka.bootstrapServers()).bindAddress("127.0.0.1").port(0)
        .tokens(BearerTokens.of(Map.of("tok-web", Set.of("web")))).build(), new PrometheusRegistry());
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {gateway, authGateway, kafka}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private record Expected(String name, SpanKind kind, Map<String, Object> attrs, StatusCode status, long millis,
      String operation, int httpStatus) {
  }

  @ParameterizedTest(name = "json={0}")
  @ValueSource(booleans = {false, true})
  void shouldTurnTheRealSdksServerSpansIntoExactlyTheseEvents(boolean json) {
    String service = "sdk-" + (json ? "json-" : "proto-") + UUID.randomUUID().toString().substring(0, 8);
    List<Expected> spans = List.of(
        new Expected("GET /api/users", SpanKind.SERVER, Map.of("http.request.method", "GET", "http.route", "/api/users",
            "http.response.status_code", 200L), StatusCode.UNSET, 12, "GET /api/users", 200),
        new Expected("GET /api/users/{id}", SpanKind.SERVER, Map.of("http.request.method", "GET",
            "http.route", "/api/users/{id}", "http.response.status_code", 404L), StatusCode.UNSET, 3,
            "GET /api/users/{id}", 404),
        new Expected("POST /api/orders", SpanKind.SERVER, Map.of("http.method", "POST", "http.route", "/api/orders",
            "http.status_code", 500L), StatusCode.ERROR, 1234, "POST /api/orders", 500),
        new Expected("nightly-report", SpanKind.SERVER, Map.of(), StatusCode.ERROR, 7, "nightly-report", 500),
        new Expected("GET", SpanKind.CLIENT, Map.of("http.request.method", "GET"), StatusCode.UNSET, 5, null, 0),
        new Expected("render", SpanKind.INTERNAL, Map.of(), StatusCode.UNSET, 1, null, 0));
    Instant t0 = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);

    String endpoint = gateway.uri() + "/v1/traces";
    SpanExporter exporter = json ? new SdkJsonSpanExporter(endpoint, "gzip")
        : OtlpHttpSpanExporter.builder().setEndpoint(endpoint).setCompression("gzip").build();
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().toBuilder().put("service.name", service).build())
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
    try {
      Tracer tracer = provider.get("traces-it");
      for (int i = 0; i < spans.size(); i++) {
        Expected e = spans.get(i);
        Instant start = t0.plusMillis(i);
        var b = tracer.spanBuilder(e.name()).setSpanKind(e.kind()).setStartTimestamp(start);
        e.attrs().forEach((k, v) -> {
          if (v instanceof Long l) {
            b.setAttribute(k, l);
          } else {
            b.setAttribute(k, (String) v);
          }
        });
        var span = b.startSpan();
        span.setStatus(e.status());
        // a sub-millisecond part, kept: latency is a double
        span.end(start.plusMillis(e.millis()).plusNanos(250_000));
      }
      assertTrue(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess(), "the SDK's export succeeded");
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    List<Expected> server = spans.stream().filter(e -> e.kind() == SpanKind.SERVER).toList();
    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(kafka, TOPIC,
        e -> e.getService().equals(service), server.size(), Duration.ofSeconds(30));
    Map<String, RequestEvent> byOperation = new HashMap<>();
    for (ConsumerRecord<String, RequestEvent> r : got) {
      assertEquals(service, r.key());
      assertEquals(r.value().getEventTime().toEpochMilli(), r.timestamp(), "record timestamp = span start");
      byOperation.put(r.value().getOperation(), r.value());
    }
    assertEquals(server.size(), got.size(), "one event per server span, none for client/internal: " + got);
    for (int i = 0; i < server.size(); i++) {
      Expected e = server.get(i);
      assertEquals(RequestEvent.newBuilder().setService(service).setOperation(e.operation()).setStatus(e.httpStatus())
          .setLatencyMs(e.millis() + 0.25).setEventTime(t0.plusMillis(spans.indexOf(e))).build(),
          byOperation.get(e.operation()));
    }
  }

  private static HttpResponse<byte[]> post(URI base, String path, String contentType, byte[] body, String... headers) {
    return new Http(base).postForBytes(path, contentType, body, headers);
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static ExportTraceServiceRequest serverSpans(String service, String... operations) {
    Instant t = Instant.now().minusSeconds(5);
    return request(resource(service, List.of(), Arrays.stream(operations)
        .map(op -> span(SPAN_KIND_SERVER, op, t, 1_000_000, attr("http.response.status_code", 200)))
        .toArray(io.opentelemetry.proto.trace.v1.Span.Builder[]::new)));
  }

  @Test
  void shouldAnswerBadInputAsOtlpSaysAndPublishNothingOfIt() throws Exception {
    String service = "bad-" + UUID.randomUUID().toString().substring(0, 8);
    URI base = gateway.uri();
    byte[] valid = serverSpans(service, "GET /never-1", "GET /never-2").toByteArray();

    HttpResponse<byte[]> r = post(base, "/v1/traces", "application/x-protobuf", new byte[] {0x0f, (byte) 0xff, 0x01});
    assertEquals(400, r.statusCode(), text(r));
    assertEquals("application/x-protobuf", r.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(text(r).contains("undecodable OTLP application/x-protobuf ExportTraceServiceRequest"), text(r));

    r = post(base, "/v1/traces", "application/x-protobuf", Arrays.copyOf(valid, valid.length / 2));
    assertEquals(400, r.statusCode(), text(r));
    r = post(base, "/v1/traces", "application/json", "{\"resourceSpans\":[{".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, r.statusCode(), text(r));
    assertTrue(text(r).startsWith("{\"code\":3,") || text(r).contains("\"code\":3"), text(r));
    r = post(base, "/v1/traces", "application/json", new byte[0]);
    assertEquals(400, r.statusCode(), text(r));
    assertTrue(text(r).contains("empty body: expected an OTLP ExportTraceServiceRequest in JSON"), text(r));

    r = post(base, "/v1/traces", "text/plain", valid);
    assertEquals(415, r.statusCode(), text(r));
    assertTrue(text(r).contains("use application/x-protobuf or application/json"), text(r));
    r = post(base, "/v1/traces", "application/x-protobuf", valid, "Content-Encoding", "br");
    assertEquals(415, r.statusCode(), text(r));

    byte[] bomb = gzip(new byte[64 * 1024 * 1024]); // 64 MiB of zeros in ~64 kB
    assertTrue(bomb.length < MAX_BODY);
    r = post(base, "/v1/traces", "application/x-protobuf", bomb, "Content-Encoding", "gzip");
    assertEquals(413, r.statusCode(), text(r));
    assertTrue(text(r).contains("once decompressed"), text(r));
    r = post(base, "/v1/traces", "application/x-protobuf", Arrays.copyOf(gzip(valid), 20), "Content-Encoding", "gzip");
    assertEquals(400, r.statusCode(), text(r));

    // The sentinel, sent last on the same key: everything before it was refused, so nothing precedes it.
    r = post(base, "/v1/traces", "application/x-protobuf", serverSpans(service, "GET /sentinel").toByteArray());
    assertEquals(200, r.statusCode(), text(r));
    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.readUntil(kafka, TOPIC,
        rs -> rs.stream().anyMatch(x -> x.value().getOperation().equals("GET /sentinel")
            && x.value().getService().equals(service)), Duration.ofSeconds(30));
    assertEquals(List.of("GET /sentinel"), got.stream().filter(x -> x.value().getService().equals(service))
        .map(x -> x.value().getOperation()).toList());
  }

  @Test
  void shouldPublishTheGoodSpansAndReportTheRejectedOnesAsPartialSuccess() throws Exception {
    String service = "partial-" + UUID.randomUUID().toString().substring(0, 8);
    Instant t = Instant.now().minusSeconds(5);
    var backwards = span(SPAN_KIND_SERVER, "GET /backwards", t, 0);
    backwards.setEndTimeUnixNano(backwards.getStartTimeUnixNano() - 1_000);
    ExportTraceServiceRequest mixed = request(
        resource(null, List.of(), span(SPAN_KIND_SERVER, "GET /nameless", t, 1)),
        resource(service, List.of(), backwards, span(SPAN_KIND_SERVER, "GET /good", t, 2_000_000)));

    HttpResponse<byte[]> r = post(gateway.uri(), "/v1/traces", "application/x-protobuf", mixed.toByteArray());
    assertEquals(200, r.statusCode());
    ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(r.body());
    assertEquals(2, answer.getPartialSuccess().getRejectedSpans());
    assertTrue(answer.getPartialSuccess().getErrorMessage().contains("resource has no service.name"), answer.toString());
    assertTrue(answer.getPartialSuccess().getErrorMessage().contains("ends before it starts"), answer.toString());

    r = post(gateway.uri(), "/v1/traces", "application/json",
        com.google.protobuf.util.JsonFormat.printer().print(serverSpans(service, "GET /json")).getBytes(StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode(), text(r));
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("{}", text(r), "full success: an empty ExportTraceServiceResponse");

    // Same key, same partition: once the later request's event is there, the first one's are too.
    List<String> all = TopicReader.readUntil(kafka, TOPIC, rs -> rs.stream().anyMatch(x ->
            x.value().getService().equals(service) && x.value().getOperation().equals("GET /json")),
        Duration.ofSeconds(30)).stream()
        .filter(x -> x.value().getService().equals(service)).map(x -> x.value().getOperation()).toList();
    assertEquals(List.of("GET /good", "GET /json"), all);
  }

  @Test
  void shouldAcceptGzipOnTheEventsEndpointToo() {
    String service = "gz-" + UUID.randomUUID().toString().substring(0, 8);
    byte[] json = ("[{\"service\":\"" + service + "\",\"operation\":\"GET /gz\",\"status\":200,\"latencyMs\":1}]")
        .getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> r = post(gateway.uri(), "/v1/events", "application/json", gzip(json), "Content-Encoding", "gzip");
    assertEquals(202, r.statusCode(), text(r));
    r = post(gateway.uri(), "/v1/events", "application/json", gzip(new byte[MAX_BODY + 1]), "Content-Encoding", "gzip");
    assertEquals(413, r.statusCode(), text(r));
    r = post(gateway.uri(), "/v1/events", "application/json", json, "Content-Encoding", "gzip");
    assertEquals(400, r.statusCode(), text(r));
    assertTrue(text(r).contains("not valid gzip"), text(r));
    assertEquals(1, TopicReader.awaitMatching(kafka, TOPIC, e -> e.getService().equals(service), 1,
        Duration.ofSeconds(30)).size());
  }

  @Test
  void shouldApplyTheTokensOfTheEventsEndpointWithServiceNameAsTheService() {
    URI base = authGateway.uri();
    byte[] web = serverSpans("web", "GET /auth").toByteArray();
    HttpResponse<byte[]> r = post(base, "/v1/traces", "application/x-protobuf", web);
    assertEquals(401, r.statusCode(), text(r));
    assertTrue(r.headers().firstValue("WWW-Authenticate").isPresent());
    r = post(base, "/v1/traces", "application/x-protobuf", web, "Authorization", "Bearer nope");
    assertEquals(401, r.statusCode(), text(r));
    r = post(base, "/v1/traces", "application/x-protobuf", serverSpans("billing", "GET /x").toByteArray(),
        "Authorization", "Bearer tok-web");
    assertEquals(403, r.statusCode(), text(r));
    assertTrue(text(r).contains("may not publish for service 'billing'"), text(r));
    r = post(base, "/v1/traces", "application/x-protobuf", web, "Authorization", "Bearer tok-web");
    assertEquals(200, r.statusCode(), text(r));
  }
}
