package com.huntaze.slo.ingest.otlp;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.event.EventRules;
import com.huntaze.slo.schemas.event.Violation;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the request spans of an OTLP export into request events (the table in docs/ingest.md):
 * service = the resource's {@code service.name}; operation = method and route, else the span name;
 * status = the HTTP response status, else the span status (ERROR = 500, otherwise 200); latency =
 * end - start; event time = start. Current semantic-convention names and the older ones
 * ({@code http.method}, {@code http.status_code}, {@code http.target}) are both read. Every event
 * obeys the event contract ({@link EventRules}); a span that cannot make a valid event is rejected
 * with its reason, the others still count.
 */
public final class SpanEvents {
  static final String SERVICE_NAME = "service.name";

  private final EventRules rules;
  private final OtlpSettings settings;

  public SpanEvents(EventRules rules, OtlpSettings settings) {
    this.rules = rules;
    this.settings = settings;
  }

  public SpanBatch map(ExportTraceServiceRequest request, Instant receivedAt) {
    List<RequestEvent> events = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int skipped = 0;
    int rejected = 0;
    int index = 0;
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Resource resource = resourceSpans.getResource();
      String service = text(find(resource.getAttributesList(), SERVICE_NAME));
      for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          int spanIndex = index++;
          if (!settings.kinds().contains(span.getKind())) {
            skipped++;
            continue;
          }
          String problem = service == null
              ? "resource has no " + SERVICE_NAME + " (set it, e.g. OTEL_SERVICE_NAME)"
              : toEvent(span, service, resource, receivedAt, events);
          if (problem != null && rejected++ < SpanBatch.LISTED_PROBLEMS) { // the rest are only counted
            problems.add("span " + spanIndex + " '" + EventRules.abbreviate(span.getName()) + "': " + problem);
          }
        }
      }
    }
    return new SpanBatch(events, skipped, rejected, problems);
  }

  /** Adds the span's event to {@code out}; returns null, or why the span cannot be an event. */
  private String toEvent(Span span, String service, Resource resource, Instant receivedAt, List<RequestEvent> out) {
    HttpAttributes http = HttpAttributes.of(span.getAttributesList());
    if (Long.compareUnsigned(span.getEndTimeUnixNano(), span.getStartTimeUnixNano()) < 0) {
      return "ends before it starts (start " + span.getStartTimeUnixNano() + " ns, end "
          + span.getEndTimeUnixNano() + " ns)";
    }
    if (http.statusProblem() != null) {
      return http.statusProblem();
    }
    long status = http.status() != null ? http.status()
        : span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR ? 500 : 200;
    double latencyMs = (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6;
    Instant start = Instant.ofEpochSecond(0, span.getStartTimeUnixNano()).truncatedTo(ChronoUnit.MILLIS);
    String operation = http.operation(span.getName());
    Map<String, String> attributes = attributes(span, resource);
    List<Violation> violations = new ArrayList<>(0);
    if (!rules.validate(0, service, operation, status, latencyMs, start, receivedAt, attributes, null, violations)) {
      return String.join(", ", violations.stream().map(v -> v.field() + " " + v.reason()).toList());
    }
    out.add(RequestEvent.newBuilder().setService(service).setOperation(operation).setStatus((int) status)
        .setLatencyMs(latencyMs).setEventTime(start).setAttributes(attributes).build());
    return null;
  }

  private Map<String, String> attributes(Span span, Resource resource) {
    if (settings.attributes().isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : settings.attributes()) {
      String value = text(find(span.getAttributesList(), name));
      if (value == null) {
        value = text(find(resource.getAttributesList(), name));
      }
      if (value != null) {
        out.put(name, value);
      }
    }
    return out;
  }

  static AnyValue find(List<KeyValue> attributes, String key) {
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals(key)) {
        return kv.getValue();
      }
    }
    return null;
  }

  /** A scalar attribute as text (OTLP senders differ on whether a status is an int or a string). */
  static String text(AnyValue value) {
    if (value == null) {
      return null;
    }
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      default -> null;
    };
  }
}
