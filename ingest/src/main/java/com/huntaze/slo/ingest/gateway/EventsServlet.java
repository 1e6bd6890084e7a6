package com.huntaze.slo.ingest.gateway;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.ingest.events.AvroEventReader;
import com.huntaze.slo.ingest.events.Decoded;
import com.huntaze.slo.ingest.events.JsonEventReader;
import com.huntaze.slo.ingest.gateway.GatewayMetrics.RejectReason;
import com.huntaze.slo.schemas.event.Violation;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/events}: a thin adapter. Checks come cheapest first (token, content type, size),
 * the body is decoded and validated by the plain readers, and the answer waits for Kafka without
 * holding a thread (async servlet).
 */
final class EventsServlet extends HttpServlet {
  private static final Logger LOG = LoggerFactory.getLogger(EventsServlet.class);
  static final String JSON = "application/json";
  static final String NDJSON = "application/x-ndjson";
  static final String AVRO = "application/avro";

  private final transient JsonEventReader json;
  private final transient AvroEventReader avro;
  private final transient KafkaPublisher publisher;
  private final transient GatewayMetrics metrics;
  private final transient Optional<BearerTokens> tokens;
  private final transient Executor responder;
  private final transient Clock clock;
  private static final int DRAIN_FACTOR = 4;
  private final int maxBodyBytes;
  private final String retryAfterSeconds;

  EventsServlet(JsonEventReader json, AvroEventReader avro, KafkaPublisher publisher, GatewayMetrics metrics,
      GatewayConfig config, Executor responder, Clock clock) {
    this.json = json;
    this.avro = avro;
    this.publisher = publisher;
    this.metrics = metrics;
    this.tokens = config.tokens();
    this.responder = responder;
    this.clock = clock;
    this.maxBodyBytes = config.maxBodyBytes();
    this.retryAfterSeconds = String.valueOf(Math.max(1, config.retryAfter().toSeconds()));
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!"POST".equals(req.getMethod())) {
      resp.setHeader("Allow", "POST");
      answer(resp, Outcome.METHOD_NOT_ALLOWED, JsonResponses.error("method " + req.getMethod()
          + " not allowed on /v1/events: use POST"));
      return;
    }
    Instant receivedAt = clock.instant();

    Set<String> allowedServices = null;
    if (tokens.isPresent()) {
      Optional<Set<String>> services = tokens.get().authenticate(req.getHeader("Authorization"));
      if (services.isEmpty()) {
        resp.setHeader("WWW-Authenticate", "Bearer realm=\"slo-ingest\"");
        answer(resp, Outcome.UNAUTHORIZED, JsonResponses.error(req.getHeader("Authorization") == null
            ? "missing bearer token (Authorization: Bearer <token>)" : "unknown bearer token"));
        return;
      }
      allowedServices = services.get();
    }

    String mediaType = mediaType(req.getContentType());
    if (!JSON.equals(mediaType) && !NDJSON.equals(mediaType) && !AVRO.equals(mediaType)) {
      answer(resp, Outcome.UNSUPPORTED_MEDIA_TYPE, JsonResponses.error("unsupported content type "
          + (req.getContentType() == null ? "(none)" : "'" + req.getContentType() + "'")
          + ": use " + JSON + " (object or array), " + NDJSON + " or " + AVRO));
      return;
    }

    byte[] body = readBody(req);
    if (body == null) {
      answer(resp, Outcome.TOO_LARGE, JsonResponses.error("body larger than " + maxBodyBytes
          + " bytes: split the batch"));
      return;
    }

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
    if (allowedServices != null) {
      List<Violation> forbidden = forbidden(events, allowedServices);
      if (!forbidden.isEmpty()) {
        metrics.rejected(RejectReason.FORBIDDEN, events.size());
        answer(resp, Outcome.FORBIDDEN, JsonResponses.violations(
            "this token may not publish for some of these services: nothing was published", forbidden,
            forbidden.size()));
        return;
      }
    }
    publish(req, resp, events);
  }

  private void publish(HttpServletRequest req, HttpServletResponse resp, List<RequestEvent> events) {
    AsyncContext async = req.startAsync();
    async.setTimeout(0); // the publisher bounds the wait itself and always completes
    long start = System.nanoTime();
    publisher.publish(events).whenCompleteAsync((count, error) -> {
      try {
        if (error == null) {
          metrics.accepted(count, (System.nanoTime() - start) / 1e9);
          answer(resp, Outcome.ACCEPTED, Map.of("accepted", count));
        } else {
          unavailable(resp, events.size(), error);
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("cannot answer {} (client gone?)", req.getRemoteAddr(), e);
      } finally {
        async.complete();
      }
    }, responder);
  }

  private void unavailable(HttpServletResponse resp, int events, Throwable error) throws IOException {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    boolean overloaded = cause instanceof PublishException p && p.overloaded();
    metrics.rejected(overloaded ? RejectReason.OVERLOADED : RejectReason.KAFKA_UNAVAILABLE, events);
    LOG.warn("answering 503 for {} events: {}", events, cause.getMessage());
    resp.setHeader("Retry-After", retryAfterSeconds);
    Map<String, Object> body = JsonResponses.error((overloaded ? "" : "Kafka unavailable: ") + cause.getMessage()
        + "; not accepted, retry later");
    body.put("retryAfterSeconds", Integer.parseInt(retryAfterSeconds));
    answer(resp, overloaded ? Outcome.OVERLOADED : Outcome.UNAVAILABLE, body);
  }

  private static List<Violation> forbidden(List<RequestEvent> events, Set<String> allowed) {
    List<Violation> out = new ArrayList<>(0);
    for (int i = 0; i < events.size(); i++) {
      String service = events.get(i).getService();
      if (!BearerTokens.allows(allowed, service)) {
        out.add(new Violation(i, "service", "this token may not publish events for service '" + service + "'"));
      }
    }
    return out;
  }

  /**
   * The body, or null if it is larger than the limit. A refused body is still read and thrown away
   * up to {@link #DRAIN_FACTOR} times the limit: a client that is still writing it then reads the
   * 413, where closing the connection under it would show as a reset. Beyond that, no reading.
   */
  private byte[] readBody(HttpServletRequest req) throws IOException {
    long declared = req.getContentLengthLong();
    long drainLimit = (long) maxBodyBytes * DRAIN_FACTOR;
    try (InputStream in = req.getInputStream()) {
      if (declared > maxBodyBytes) {
        if (declared <= drainLimit) {
          discard(in, declared);
        }
        return null;
      }
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        discard(in, drainLimit);
        return null;
      }
      return body;
    }
  }

  private static void discard(InputStream in, long limit) {
    byte[] buffer = new byte[8192];
    try {
      for (long left = limit; left > 0; ) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          return;
        }
        left -= n;
      }
    } catch (IOException gone) {
      // The client stopped sending: nothing left to be polite about.
    }
  }

  private void answer(HttpServletResponse resp, Outcome outcome, Map<String, ?> body) throws IOException {
    metrics.request(outcome);
    JsonResponses.write(resp, outcome.status(), body);
  }

  static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }
}
