import { registerOTel } from '@vercel/otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

// The OpenTelemetry exporter, not @vercel/otel's built-in one: it retries a 503 after the
// gateway's Retry-After, gzips, and gives up after OTEL_EXPORTER_OTLP_TIMEOUT (10 s). It reads the
// standard variables: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://<gateway>:8088/v1/traces,
// OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20<token>, OTEL_EXPORTER_OTLP_COMPRESSION=gzip.
// Spans are queued and sent by the batch processor, off the request path: a slow or stopped
// gateway never delays or fails a response (a full queue drops spans, never blocks).
registerOTel({
  serviceName: process.env.OTEL_SERVICE_NAME ?? 'huntaze-api',
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
});
