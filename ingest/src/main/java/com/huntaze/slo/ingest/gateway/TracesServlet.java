package com.huntaze.slo.ingest.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import com.huntaze.slo.ingest.events.JsonEventReader;
import com.huntaze.slo.ingest.gateway.GatewayMetrics.RejectReason;
import com.huntaze.slo.ingest.otlp.OtlpCodec;
import com.huntaze.slo.ingest.otlp.SpanBatch;
import com.huntaze.slo.ingest.otlp.SpanEvents;
import com.huntaze.slo.schemas.event.Violation;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * {@code POST /v1/traces}, OTLP/HTTP: request spans become events ({@link SpanEvents}), published
 * like those of {@code /v1/events}; answers are OTLP's (200 with {@code partial_success} when
 * spans were rejected, a {@code google.rpc.Status} body on failure) in the request's encoding.
 */
final class TracesServlet extends IngestServlet {
  private final transient SpanEvents spans;

  TracesServlet(SpanEvents spans, KafkaPublisher publisher, GatewayMetrics metrics, GatewayConfig config,
      Executor responder, Clock clock) {
    super("/v1/traces", publisher, metrics, config, responder, clock);
    this.spans = spans;
  }

  @Override
  protected boolean accepts(String mediaType) {
    return OtlpCodec.PROTOBUF.equals(mediaType) || OtlpCodec.JSON.equals(mediaType);
  }

  @Override
  protected String acceptedTypes() {
    return OtlpCodec.PROTOBUF + " or " + OtlpCodec.JSON + " (OTLP/HTTP)";
  }

  @Override
  protected void handle(HttpServletRequest req, HttpServletResponse resp, String mediaType, byte[] body,
      Set<String> allowed, Instant receivedAt) throws IOException {
    ExportTraceServiceRequest request;
    if (mediaType.equals(OtlpCodec.JSON) && JsonEventReader.isBlank(body, 0, body.length)) {
      // (An empty protobuf body is a valid request with no spans; an empty JSON body is no JSON at all.)
      refuse(resp, mediaType, Outcome.INVALID, "empty body: expected an OTLP ExportTraceServiceRequest in JSON ({} has no spans); "
          + "nothing was published");
      return;
    }
    try {
      request = OtlpCodec.decode(mediaType, body);
    } catch (InvalidProtocolBufferException e) {
      refuse(resp, mediaType, Outcome.INVALID, "undecodable OTLP " + mediaType + " ExportTraceServiceRequest: "
          + e.getMessage() + "; nothing was published");
      return;
    }
    SpanBatch batch = spans.map(request, receivedAt);
    metrics.spans(batch.events().size(), batch.skipped(), batch.rejected());
    metrics.rejected(RejectReason.INVALID, batch.rejected());
    List<Violation> forbidden = forbidden(batch.events(), allowed);
    if (!forbidden.isEmpty()) {
      metrics.rejected(RejectReason.FORBIDDEN, batch.events().size());
      refuse(resp, mediaType, Outcome.FORBIDDEN, "this token may not publish for service '"
          + batch.events().get(forbidden.get(0).index()).getService() + "': nothing was published");
      return;
    }
    publish(req, resp, mediaType, batch.events(), (r, count) -> {
      byte[] answer = OtlpCodec.response(mediaType, batch);
      r.setStatus(200); // OTLP/HTTP success (full or partial) is 200, not /v1/events' 202
      r.setContentType(mediaType);
      r.setContentLength(answer.length);
      r.getOutputStream().write(answer);
    });
  }

  @Override
  protected void writeRefusal(HttpServletResponse resp, String mediaType, Outcome outcome, String message)
      throws IOException {
    // Before the content type is known to be OTLP's (405, 401, 415), answer in JSON.
    String type = OtlpCodec.PROTOBUF.equals(mediaType) ? OtlpCodec.PROTOBUF : OtlpCodec.JSON;
    byte[] body = OtlpCodec.status(type, outcome.status(), message);
    resp.setStatus(outcome.status());
    resp.setContentType(type);
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
