package com.huntaze.slo.ingest.gateway;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.ingest.gateway.GatewayMetrics.RejectReason;
import com.huntaze.slo.schemas.event.Violation;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every ingest endpoint does the same way, cheapest check first: POST only, the bearer token,
 * the content type, the body (gzip, size limits); then the endpoint decodes, and {@link #publish}
 * answers only once Kafka acknowledged every event (503 + Retry-After otherwise), without holding a
 * thread (async servlet). Endpoints differ in what they decode and how they word their answers.
 */
abstract class IngestServlet extends HttpServlet {
  private static final Logger LOG = LoggerFactory.getLogger(IngestServlet.class);

  /** Writes an answer once Kafka acknowledged the {@code published} events. */
  interface Acknowledged {
    void answer(HttpServletResponse resp, int published) throws IOException;
  }

  private final String path;
  private final transient KafkaPublisher publisher;
  protected final transient GatewayMetrics metrics;
  private final transient Optional<BearerTokens> tokens;
  private final transient RequestBodies bodies;
  private final transient Executor responder;
  private final transient Clock clock;
  private final transient RefusalLog refusals;
  protected final String retryAfterSeconds;

  IngestServlet(String path, KafkaPublisher publisher, GatewayMetrics metrics, GatewayConfig config,
      Executor responder, Clock clock) {
    this.path = path;
    this.refusals = new RefusalLog(path);
    this.publisher = publisher;
    this.metrics = metrics;
    this.tokens = config.tokens();
    this.bodies = new RequestBodies(config.maxBodyBytes());
    this.responder = responder;
    this.clock = clock;
    this.retryAfterSeconds = String.valueOf(Math.max(1, config.retryAfter().toSeconds()));
  }

  /** Whether this endpoint reads bodies of this media type (lower case, no parameters). */
  protected abstract boolean accepts(String mediaType);

  /** The accepted content types, in words, for the 415 answer. */
  protected abstract String acceptedTypes();

  /** Decodes the body and answers: a refusal, or {@link #publish}. {@code allowed} null = auth off. */
  protected abstract void handle(HttpServletRequest req, HttpServletResponse resp, String mediaType, byte[] body,
      Set<String> allowed, Instant receivedAt) throws IOException;

  /** Writes a refusal in this endpoint's format; the outcome is already counted. */
  protected abstract void writeRefusal(HttpServletResponse resp, String mediaType, Outcome outcome, String message)
      throws IOException;

  @Override
  protected final void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String mediaType = mediaType(req.getContentType());
    if (!"POST".equals(req.getMethod())) {
      resp.setHeader("Allow", "POST");
      refuseUnread(resp, mediaType, Outcome.METHOD_NOT_ALLOWED, "method " + req.getMethod() + " not allowed on "
          + path + ": use POST");
      return;
    }
    Instant receivedAt = clock.instant();
    Set<String> allowed = null;
    if (tokens.isPresent()) {
      Optional<Set<String>> services = tokens.get().authenticate(req.getHeader("Authorization"));
      if (services.isEmpty()) {
        resp.setHeader("WWW-Authenticate", "Bearer realm=\"slo-ingest\"");
        refuseUnread(resp, mediaType, Outcome.UNAUTHORIZED, req.getHeader("Authorization") == null
            ? "missing bearer token (Authorization: Bearer <token>)" : "unknown bearer token");
        return;
      }
      allowed = services.get();
    }
    if (!accepts(mediaType)) {
      refuseUnread(resp, mediaType, Outcome.UNSUPPORTED_MEDIA_TYPE, "unsupported content type "
          + (req.getContentType() == null ? "(none)" : "'" + req.getContentType() + "'") + ": use " + acceptedTypes());
      return;
    }
    String charset = charset(req.getContentType());
    if (charset != null && !java.util.Set.of("utf-8", "utf8", "us-ascii").contains(charset.toLowerCase(java.util.Locale.ROOT))) {
      // Bodies are read as UTF-8 (JSON's only encoding, RFC 8259; ASCII is part of it): another charset would fail as "malformed JSON".
      refuseUnread(resp, mediaType, Outcome.UNSUPPORTED_MEDIA_TYPE, "unsupported charset '" + charset + "': send UTF-8");
      return;
    }
    RequestBodies.Body body = bodies.read(req);
    if (body.isRefused()) {
      refuseUnread(resp, mediaType, body.refusal(), body.reason());
      return;
    }
    handle(req, resp, mediaType, body.bytes(), allowed, receivedAt);
  }

  /**
   * A refusal before the request's body was read to its end: the connection is closed after the
   * answer (HTTP/1.1 {@code Connection: close}), so a client never reuses a connection the server
   * drops while unread body bytes remain (the JDK client then fails its next request on it).
   */
  private void refuseUnread(HttpServletResponse resp, String mediaType, Outcome outcome, String message) throws IOException {
    resp.setHeader("Connection", "close");
    refuse(resp, mediaType, outcome, message);
  }

  protected final void refuse(HttpServletResponse resp, String mediaType, Outcome outcome, String message)
      throws IOException {
    metrics.request(outcome);
    writeRefusal(resp, mediaType, outcome, message);
  }

  /** One violation per event whose service the token may not publish for; empty when all may go. */
  protected static List<Violation> forbidden(List<RequestEvent> events, Set<String> allowed) {
    List<Violation> out = new ArrayList<>(0);
    if (allowed == null) {
      return out; // auth off
    }
    for (int i = 0; i < events.size(); i++) {
      String service = events.get(i).getService();
      if (!BearerTokens.allows(allowed, service)) {
        out.add(new Violation(i, "service", "this token may not publish events for service '" + service + "'"));
      }
    }
    return out;
  }

  /**
   * Publishes the events and answers once Kafka acknowledged all of them, or 503 + Retry-After; 413
   * for more events than the gateway holds for Kafka at once, which a retry could never send.
   */
  protected final void publish(HttpServletRequest req, HttpServletResponse resp, String mediaType,
      List<RequestEvent> events, Acknowledged ok) throws IOException {
    if (events.size() > publisher.maxPending()) {
      refuse(resp, mediaType, Outcome.TOO_LARGE, events.size() + " events in one request, more than the gateway holds for Kafka "
          + "at once (--max-pending-events " + publisher.maxPending() + "): split the batch");
      return;
    }
    AsyncContext async = req.startAsync();
    async.setTimeout(0); // the publisher bounds the wait itself and always completes
    long start = System.nanoTime();
    publisher.publish(events).whenCompleteAsync((count, error) -> {
      try {
        if (error == null) {
          metrics.accepted(count, (System.nanoTime() - start) / 1e9);
          metrics.request(Outcome.ACCEPTED);
          ok.answer(resp, count);
          String again = refusals.accepted();
          if (again != null) {
            LOG.info(again);
          }
        } else {
          unavailable(resp, mediaType, events.size(), error);
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("cannot answer {} on {} (client gone?)", req.getRemoteAddr(), path, e);
      } finally {
        async.complete();
      }
    }, responder);
  }

  private void unavailable(HttpServletResponse resp, String mediaType, int events, Throwable error) throws IOException {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    boolean overloaded = cause instanceof PublishException p && p.overloaded();
    metrics.rejected(overloaded ? RejectReason.OVERLOADED : RejectReason.KAFKA_UNAVAILABLE, events);
    String line = refusals.refused(events, String.valueOf(cause.getMessage()), System.nanoTime());
    if (line != null) {
      LOG.warn(line);
    }
    resp.setHeader("Retry-After", retryAfterSeconds);
    refuse(resp, mediaType, overloaded ? Outcome.OVERLOADED : Outcome.UNAVAILABLE,
        (overloaded ? "" : "Kafka unavailable: ") + cause.getMessage() + "; not accepted, retry later");
  }

  /** The charset parameter of a content type, unquoted; null when it has none. */
  static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String param : contentType.split(";")) {
      int eq = param.indexOf('=');
      if (eq > 0 && param.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        return param.substring(eq + 1).strip().replace("\"", "");
      }
    }
    return null;
  }

  static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
  }
}
