package com.huntaze.slo.ingest.bench;

import com.huntaze.slo.avro.RequestEvent;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark's events as an SDK would export them: one ResourceSpans per service, SERVER spans
 * with random trace and span ids, method, route, status and region, so the gateway decodes what a
 * real export carries and produces the same events.
 */
final class OtlpBatches {
  private OtlpBatches() {
  }

  static ExportTraceServiceRequest request(List<RequestEvent> events, Random random) {
    Map<String, ScopeSpans.Builder> byService = new LinkedHashMap<>();
    for (RequestEvent e : events) {
      String[] methodAndRoute = e.getOperation().split(" ", 2);
      long start = e.getEventTime().getEpochSecond() * 1_000_000_000L + e.getEventTime().getNano();
      byte[] traceId = new byte[16];
      byte[] spanId = new byte[8];
      random.nextBytes(traceId);
      random.nextBytes(spanId);
      byService.computeIfAbsent(e.getService(), s -> ScopeSpans.newBuilder()
          .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.jetty-12.0").setVersion("2.10.0")))
          .addSpans(Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId))
              .setName(e.getOperation()).setKind(Span.SpanKind.SPAN_KIND_SERVER).setStartTimeUnixNano(start)
              .setEndTimeUnixNano(start + (long) (e.getLatencyMs() * 1_000_000))
              .addAttributes(attr("http.request.method", methodAndRoute[0]))
              .addAttributes(attr("http.route", methodAndRoute[1]))
              .addAttributes(KeyValue.newBuilder().setKey("http.response.status_code")
                  .setValue(AnyValue.newBuilder().setIntValue(e.getStatus())))
              .addAttributes(attr("cloud.region", e.getAttributes().get("region"))));
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    byService.forEach((service, spans) -> request.addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attr("service.name", service))
            .addAttributes(attr("telemetry.sdk.language", "java")))
        .addScopeSpans(spans)));
    return request.build();
  }

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
