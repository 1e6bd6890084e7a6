package com.huntaze.slo.ingest.gateway;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.internal.HttpExporter;
import io.opentelemetry.exporter.otlp.internal.HttpExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.internal.StandardComponentId;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * The Java SDK's own OTLP/HTTP exporter in its JSON mode. The public {@code OtlpHttpSpanExporter}
 * builder only offers protobuf; the JSON encoding lives in the same internal exporter it wraps,
 * so this does exactly what {@code OtlpHttpSpanExporter} does, with {@code exportAsJson()}.
 */
final class SdkJsonSpanExporter implements SpanExporter {
  private final HttpExporter exporter;

  SdkJsonSpanExporter(String endpoint, String compression) {
    exporter = new HttpExporterBuilder(StandardComponentId.ExporterType.OTLP_HTTP_JSON_SPAN_EXPORTER, endpoint)
        .exportAsJson().setCompression(compression).build();
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return exporter.export(TraceRequestMarshaler.create(spans), spans.size());
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return exporter.shutdown();
  }
}
