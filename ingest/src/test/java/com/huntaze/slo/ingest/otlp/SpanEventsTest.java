package com.huntaze.slo.ingest.otlp;

import static com.huntaze.slo.ingest.otlp.Spans.attr;
import static com.huntaze.slo.ingest.otlp.Spans.request;
import static com.huntaze.slo.ingest.otlp.Spans.resource;
import static com.huntaze.slo.ingest.otlp.Spans.span;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CONSUMER;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL;
import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.event.EventRules;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpanEventsTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00.123456789Z");
  private static final Instant NOW = T0.plusSeconds(60);
  private final SpanEvents mapper = new SpanEvents(EventRules.defaults(), OtlpSettings.DEFAULTS);

  private static RequestEvent only(SpanBatch batch) {
    assertEquals(0, batch.rejected(), batch.errorMessage());
    assertEquals(1, batch.events().size());
    return batch.events().get(0);
  }

  @Test
  void shouldMapServerSpanWithCurrentConventionNames() {
    RequestEvent e = only(mapper.map(request(resource("huntaze-api", List.of(),
        span(SPAN_KIND_SERVER, "GET /api/users/{id}", T0, 87_400_000L, attr("http.request.method", "GET"),
            attr("http.route", "/api/users/{id}"), attr("http.response.status_code", 404)))), NOW));
    assertEquals(RequestEvent.newBuilder().setService("huntaze-api").setOperation("GET /api/users/{id}").setStatus(404)
        .setLatencyMs(87.4).setEventTime(Instant.parse("2026-11-30T10:00:00.123Z")).build(), e);
  }

  @Test
  void shouldReadOlderNamesAsNextJsSendsThem() {
    RequestEvent e = only(mapper.map(request(resource("web", List.of(),
        span(SPAN_KIND_SERVER, "POST /api/orders", T0, 2_000_000L, attr("http.method", "POST"),
            attr("http.target", "/api/orders?x=1"), attr("http.route", "/api/orders"), attr("http.status_code", "500")))),
        NOW));
    assertEquals("POST /api/orders", e.getOperation());
    assertEquals(500, e.getStatus());
    assertEquals(2.0, e.getLatencyMs());
  }

  @Test
  void shouldFallBackToSpanNameThenToMethodAndPathWithoutQuery() {
    SpanBatch b = mapper.map(request(resource("web", List.of(),
        span(SPAN_KIND_SERVER, "checkout", T0, 1, attr("http.method", "GET")),
        span(SPAN_KIND_SERVER, "GET", T0, 1, attr("http.method", "GET"), attr("http.target", "/health?verbose")),
        span(SPAN_KIND_SERVER, "PUT", T0, 1, attr("http.request.method", "PUT"), attr("url.path", "/items")))), NOW);
    assertEquals(List.of("checkout", "GET /health", "PUT /items"),
        b.events().stream().map(RequestEvent::getOperation).toList());
  }

  @Test
  void shouldTakeStatusFromSpanStatusWhenNoHttpStatus() {
    SpanBatch b = mapper.map(request(resource("jobs", List.of(),
        span(SPAN_KIND_SERVER, "failing", T0, 1).setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)),
        span(SPAN_KIND_SERVER, "fine", T0, 1).setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK)),
        span(SPAN_KIND_SERVER, "unset", T0, 1))), NOW);
    assertEquals(List.of(500, 200, 200), b.events().stream().map(RequestEvent::getStatus).toList());
  }

  /** A status sent as a double counts as that status; one that is no status at all is rejected, not guessed from the span status. */
  @Test
  void shouldReadAWholeDoubleStatusAndRejectAStatusThatIsNoNumber() {
    SpanBatch b = mapper.map(request(resource("web", List.of(),
        span(SPAN_KIND_SERVER, "GET /double", T0, 1, KeyValue.newBuilder().setKey("http.response.status_code")
            .setValue(AnyValue.newBuilder().setDoubleValue(503.0)).build()),
        span(SPAN_KIND_SERVER, "GET /string", T0, 1, attr("http.status_code", " 404 ")),
        span(SPAN_KIND_SERVER, "GET /words", T0, 1, attr("http.response.status_code", "five hundred"))
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK)),
        span(SPAN_KIND_SERVER, "GET /fraction", T0, 1, KeyValue.newBuilder().setKey("http.status_code")
            .setValue(AnyValue.newBuilder().setDoubleValue(503.5)).build()),
        span(SPAN_KIND_SERVER, "GET /bool", T0, 1, KeyValue.newBuilder().setKey("http.response.status_code")
            .setValue(AnyValue.newBuilder().setBoolValue(true)).build()))), NOW);
    assertEquals(List.of(503, 404), b.events().stream().map(RequestEvent::getStatus).toList());
    assertEquals(3, b.rejected());
    String message = b.errorMessage();
    assertTrue(message.contains("span 2 'GET /words': http.response.status_code: not an HTTP status code (got 'five hundred')"), message);
    assertTrue(message.contains("span 3 'GET /fraction': http.status_code: not an HTTP status code (got 503.5)"), message);
    assertTrue(message.contains("span 4 'GET /bool': http.response.status_code: not an HTTP status code (got true)"), message);
  }

  @Test
  void shouldSkipNonServerSpansWithoutRejectingThem() {
    SpanBatch b = mapper.map(request(resource("web", List.of(),
        span(SPAN_KIND_CLIENT, "GET", T0, 1), span(SPAN_KIND_INTERNAL, "render", T0, 1),
        span(SPAN_KIND_CONSUMER, "orders process", T0, 1), span(SPAN_KIND_SERVER, "GET /", T0, 1))), NOW);
    assertEquals(1, b.events().size());
    assertEquals(3, b.skipped());
    assertEquals(0, b.rejected());
    assertEquals("", b.errorMessage());
  }

  @Test
  void shouldTakeConsumerSpansWhenConfigured() {
    SpanEvents consumers = new SpanEvents(EventRules.defaults(),
        new OtlpSettings(OtlpSettings.parseKinds("server, consumer"), List.of()));
    SpanBatch b = consumers.map(request(resource("worker", List.of(),
        span(SPAN_KIND_CONSUMER, "orders process", T0, 1), span(SPAN_KIND_CLIENT, "GET", T0, 1))), NOW);
    assertEquals(List.of("orders process"), b.events().stream().map(RequestEvent::getOperation).toList());
    assertEquals(1, b.skipped());
  }

  @Test
  void shouldRejectSpansWithoutServiceNameOrEndingBeforeStartAndKeepTheOthers() {
    Span.Builder backwards = span(SPAN_KIND_SERVER, "GET /late", T0, 0);
    backwards.setEndTimeUnixNano(backwards.getStartTimeUnixNano() - 1);
    SpanBatch b = mapper.map(request(
        resource(null, List.of(), span(SPAN_KIND_SERVER, "GET /a", T0, 1)),
        resource("web", List.of(), backwards, span(SPAN_KIND_SERVER, "GET /ok", T0, 1),
            span(SPAN_KIND_SERVER, "GET /bad", T0, 1, attr("http.response.status_code", 42)))), NOW);
    assertEquals(List.of("GET /ok"), b.events().stream().map(RequestEvent::getOperation).toList());
    assertEquals(3, b.rejected());
    String message = b.errorMessage();
    assertTrue(message.startsWith("3 span(s) rejected: span 0 'GET /a': resource has no service.name"), message);
    assertTrue(message.contains("span 1 'GET /late': ends before it starts"), message);
    assertTrue(message.contains("span 3 'GET /bad': status must be an HTTP status between 100 and 599 (got 42)"), message);
  }

  @Test
  void shouldListTheFirstTenRejectionsAndCountTheRest() {
    Span.Builder[] spans = new Span.Builder[25];
    java.util.Arrays.setAll(spans, i -> span(SPAN_KIND_SERVER, "GET /" + i, T0, 1, attr("http.response.status_code", 1)));
    SpanBatch b = mapper.map(request(resource("web", List.of(), spans)), NOW);
    assertEquals(25, b.rejected());
    assertTrue(b.errorMessage().startsWith("25 span(s) rejected: span 0 'GET /0': status"), b.errorMessage());
    assertTrue(b.errorMessage().contains("span 9 'GET /9'") && !b.errorMessage().contains("span 10 "), b.errorMessage());
    assertTrue(b.errorMessage().endsWith("; and 15 more"), b.errorMessage());
  }

  @Test
  void shouldRejectSpansTheEventContractRefuses() {
    SpanBatch b = mapper.map(request(resource("web", List.of(),
        span(SPAN_KIND_SERVER, "GET /future", NOW.plusSeconds(3600), 1),
        span(SPAN_KIND_SERVER, "GET /epoch", Instant.EPOCH, 1),
        span(SPAN_KIND_SERVER, "x".repeat(300), T0, 1))), NOW);
    assertEquals(0, b.events().size());
    assertEquals(3, b.rejected());
    assertTrue(b.errorMessage().contains("timestamp is 3599s in the future"), b.errorMessage());
    assertTrue(b.errorMessage().contains("timestamp is before 2000-01-01"), b.errorMessage());
    assertTrue(b.errorMessage().contains("operation longer than 256 characters"), b.errorMessage());
  }

  @Test
  void shouldCopyConfiguredAttributesFromSpanFirstThenResource() {
    SpanEvents withAttrs = new SpanEvents(EventRules.defaults(),
        new OtlpSettings(Set.of(SPAN_KIND_SERVER), List.of("deployment.environment", "cloud.region", "tenant.id")));
    RequestEvent e = only(withAttrs.map(request(resource("web",
        List.of(attr("deployment.environment", "prod"), attr("cloud.region", "eu-west-1")),
        span(SPAN_KIND_SERVER, "GET /", T0, 1, attr("cloud.region", "eu-west-3"), attr("tenant.id", 42)))), NOW));
    assertEquals(Map.of("deployment.environment", "prod", "cloud.region", "eu-west-3", "tenant.id", "42"),
        e.getAttributes());
  }

  /** The example of the OTLP spec (docs/specs/otlp, "JSON Protobuf Encoding"): hex ids, int enums, int64 as strings. */
  @Test
  void shouldDecodeTheSpecsJsonExample() throws Exception {
    long start = T0.getEpochSecond() * 1_000_000_000L + T0.getNano();
    String json = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"my.service"}}]},
          "scopeSpans":[{"scope":{"name":"my.library","version":"1.0.0","attributes":[{"key":"my.scope.attribute",
            "value":{"stringValue":"some scope attribute"}}]},
          "spans":[{"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174",
            "parentSpanId":"EEE19B7EC3C1B173","name":"I'm a server span","startTimeUnixNano":"%d",
            "endTimeUnixNano":"%d","kind":2,"attributes":[{"key":"my.span.attr","value":{"stringValue":"some value"}},
            {"key":"http.response.status_code","value":{"intValue":"503"}}],"unknownField":true}]}]}]}
        """.formatted(start, start + 1_500_000);
    ExportTraceServiceRequest r = OtlpCodec.decode(OtlpCodec.JSON, json.getBytes(StandardCharsets.UTF_8));
    RequestEvent e = only(mapper.map(r, NOW));
    assertEquals("my.service", e.getService());
    assertEquals("I'm a server span", e.getOperation());
    assertEquals(503, e.getStatus());
    assertEquals(1.5, e.getLatencyMs());
    // the original (snake_case) field names are read too
    ExportTraceServiceRequest snake = OtlpCodec.decode(OtlpCodec.JSON, json.replace("resourceSpans", "resource_spans")
        .replace("scopeSpans", "scope_spans").replace("startTimeUnixNano", "start_time_unix_nano")
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(r.getResourceSpans(0).getScopeSpans(0).getSpans(0).getStartTimeUnixNano(),
        snake.getResourceSpans(0).getScopeSpans(0).getSpans(0).getStartTimeUnixNano());
  }
}
