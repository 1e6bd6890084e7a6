package com.huntaze.slo.client;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.event.EventLimits;
import com.huntaze.slo.schemas.event.EventRules;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A servlet filter that emits one {@link RequestEvent} per request: status and latency as the
 * client saw them (async requests are measured to their completion; an exception counts as 500),
 * event time = when the request arrived. The operation defaults to {@code METHOD /path} with ids
 * replaced by {@code {id}}, because one operation per user id would make every SLO key unique.
 */
public final class RequestEventFilter implements Filter {
  private static final Pattern ID_SEGMENT = Pattern.compile(
      "\\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{16,}");

  private final EventEmitter emitter;
  private final String service;
  private final Function<HttpServletRequest, String> operationNamer;
  private final Clock clock;

  public RequestEventFilter(EventEmitter emitter, String service) {
    this(emitter, service, r -> defaultOperation(r.getMethod(), r.getRequestURI()), Clock.systemUTC());
  }

  public RequestEventFilter(EventEmitter emitter, String service, Function<HttpServletRequest, String> operationNamer,
      Clock clock) {
    String problem = EventRules.checkService(Objects.requireNonNull(service, "service"));
    if (problem != null) { // fail at startup, not by counting every request of the service as invalid
      throw new IllegalArgumentException("service '" + EventRules.abbreviate(service) + "': " + problem);
    }
    this.emitter = emitter;
    this.service = service;
    this.operationNamer = operationNamer;
    this.clock = clock;
  }

  /**
   * {@code GET /api/users/{id}} for {@code GET /api/users/42}; cut to the longest operation an event
   * may carry, so a very long URL still counts for its SLO rather than being refused.
   */
  public static String defaultOperation(String method, String path) {
    StringBuilder out = new StringBuilder(method).append(' ');
    int start = 0;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      String segment = path.substring(start, end);
      out.append(ID_SEGMENT.matcher(segment).matches() ? "{id}" : segment);
      if (slash < 0) {
        break;
      }
      out.append('/');
      start = slash + 1;
    }
    // The limit counts characters (code points: an emoji is one); a cut by Java chars could split one.
    return out.codePointCount(0, out.length()) <= EventLimits.MAX_OPERATION_LENGTH ? out.toString()
        : out.substring(0, out.offsetByCodePoints(0, EventLimits.MAX_OPERATION_LENGTH));
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request) || !(resp instanceof HttpServletResponse response)) {
      chain.doFilter(req, resp);
      return;
    }
    Instant arrived = clock.instant();
    long start = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      record(request, 500, arrived, start);
      throw e;
    }
    if (request.isAsyncStarted()) {
      request.getAsyncContext().addListener(new AsyncListener() {
        @Override
        public void onComplete(AsyncEvent event) {
          record(request, response.getStatus(), arrived, start);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
          // onComplete follows with the status the timeout produced.
        }

        @Override
        public void onError(AsyncEvent event) {
          // onComplete follows; an error without a status set is a 500 there.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
          event.getAsyncContext().addListener(this);
        }
      });
    } else {
      record(request, response.getStatus(), arrived, start);
    }
  }

  private void record(HttpServletRequest request, int status, Instant arrived, long startNanos) {
    double latencyMs = (System.nanoTime() - startNanos) / 1e6;
    emitter.emit(RequestEvent.newBuilder()
        .setService(service)
        .setOperation(operationNamer.apply(request))
        .setStatus(status < 100 || status > 599 ? 500 : status)
        .setLatencyMs(latencyMs)
        .setEventTime(arrived)
        .setAttributes(Map.of())
        .build());
  }
}
