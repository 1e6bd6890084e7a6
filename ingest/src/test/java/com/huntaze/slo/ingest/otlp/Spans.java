package com.huntaze.slo.ingest.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;
import java.util.List;

/** Builds OTLP messages for tests, as an instrumented service would send them. */
public final class Spans {
  private Spans() {
  }

  public static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  public static KeyValue attr(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  public static Span.Builder span(Span.SpanKind kind, String name, Instant start, long durationNanos, KeyValue... attrs) {
    long startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
    return Span.newBuilder().setName(name).setKind(kind).setStartTimeUnixNano(startNanos)
        .setEndTimeUnixNano(startNanos + durationNanos).addAllAttributes(List.of(attrs));
  }

  /** One resource (null service = a resource without {@code service.name}) holding the spans. */
  public static ResourceSpans resource(String service, List<KeyValue> resourceAttrs, Span.Builder... spans) {
    Resource.Builder r = Resource.newBuilder().addAllAttributes(resourceAttrs);
    if (service != null) {
      r.addAttributes(attr("service.name", service));
    }
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span.Builder s : spans) {
      scope.addSpans(s);
    }
    return ResourceSpans.newBuilder().setResource(r).addScopeSpans(scope).build();
  }

  public static ExportTraceServiceRequest request(ResourceSpans... resources) {
    return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(List.of(resources)).build();
  }
}
