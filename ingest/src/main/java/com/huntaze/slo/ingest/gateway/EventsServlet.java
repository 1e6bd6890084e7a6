package com.huntaze.slo.ingest.gateway;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.ingest.events.AvroEventReader;
import com.huntaze.slo.ingest.events.Decoded;
import com.huntaze.slo.ingest.events.JsonEventReader;
import com.huntaze.slo.ingest.gateway.GatewayMetrics.RejectReason;
import com.huntaze.slo.schemas.event.Violation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /v1/events}: the event readers decide, this adapter answers in the gateway's JSON. */
final class EventsServlet extends IngestServlet {
  private static final Logger LOG = LoggerFactory.getLogger(EventsServlet.class);
  static final String JSON = "application/json";
  static final String NDJSON = "application/x-ndjson";
  static final String AVRO = "application/avro";

  private final transient JsonEventReader json;
  private final transient AvroEventReader avro;

  EventsServlet(JsonEventReader json, AvroEventReader avro, KafkaPublisher publisher, GatewayMetrics metrics,
      GatewayConfig config, Executor responder, Clock clock) {
    super("/v1/events", publisher, metrics, config, responder, clock);
    this.json = json;
    this.avro = avro;
  }

  @Override
  protected boolean accepts(String mediaType) {
    return JSON.equals(mediaType) || NDJSON.equals(mediaType) || AVRO.equals(mediaType);
  }

  @Override
  protected String acceptedTypes() {
    return JSON + " (object or array), " + NDJSON + " or " + AVRO;
  }

  @Override
  protected void handle(HttpServletRequest req, HttpServletResponse resp, String mediaType, byte[] body,
      Set<String> allowed, Instant receivedAt) throws IOException {
    Decoded decoded = switch (mediaType) {
      case JSON -> json.readJson(body, receivedAt);
      case NDJSON -> json.readNdjson(body, receivedAt);
      default -> avro.read(body, receivedAt);
    };
    if (!decoded.isValid()) {
      metrics.rejected(RejectReason.INVALID, decoded.eventCount());
      LOG.debug("refused {} events from {}: {}", decoded.eventCount(), req.getRemoteAddr(), decoded.violations());
      answer(resp, Outcome.INVALID, JsonResponses.violations("invalid events: nothing was published",
          decoded.violations(), decoded.invalidEventCount()));
      return;
    }
    List<RequestEvent> events = decoded.events();
    List<Violation> forbidden = forbidden(events, allowed);
    if (!forbidden.isEmpty()) {
      metrics.rejected(RejectReason.FORBIDDEN, events.size());
      answer(resp, Outcome.FORBIDDEN, JsonResponses.violations(
          "this token may not publish for some of these services: nothing was published", forbidden,
          forbidden.size()));
      return;
    }
    publish(req, resp, mediaType, events,
        (r, count) -> JsonResponses.write(r, Outcome.ACCEPTED.status(), Map.of("accepted", count)));
  }

  @Override
  protected void writeRefusal(HttpServletResponse resp, String mediaType, Outcome outcome, String message)
      throws IOException {
    // A body refused as a whole (not gzip, say) is event -1, "body", as an empty body is: one shape for every 400.
    Map<String, Object> body = outcome == Outcome.INVALID
        ? JsonResponses.violations(message, List.of(new Violation(-1, "body", message)), 1)
        : JsonResponses.error(message);
    if (outcome.status() == 503) {
      body.put("retryAfterSeconds", Integer.parseInt(retryAfterSeconds));
    }
    JsonResponses.write(resp, outcome.status(), body);
  }

  private void answer(HttpServletResponse resp, Outcome outcome, Map<String, ?> body) throws IOException {
    metrics.request(outcome);
    JsonResponses.write(resp, outcome.status(), body);
  }
}
