package com.huntaze.slo.ingest.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.huntaze.slo.schemas.event.Violation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gateway's JSON answers, so every status comes with a body a client can read. */
final class JsonResponses {
  /** A 400 for a 10 000-event batch lists this many problems and says how many more there were. */
  static final int MAX_LISTED_ERRORS = 100;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonResponses() {
  }

  static void write(HttpServletResponse response, int status, Map<String, ?> body) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /**
   * The body of an error Jetty answers itself (a bad or too long URI, bad HTTP), as every other of the gateway:
   * {@code {"error": ...}}, Jetty's message or else the status's reason phrase (a 414 has no message of its own).
   */
  static String errorBody(int status, String message) {
    try {
      return MAPPER.writeValueAsString(error(message == null || message.isBlank() ? org.eclipse.jetty.http.HttpStatus.getMessage(status) : message));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Map<String, Object> error(String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    return body;
  }

  static Map<String, Object> violations(String message, List<Violation> violations, long invalidEvents) {
    Map<String, Object> body = error(message);
    body.put("invalidEvents", invalidEvents);
    body.put("errors", violations.stream().limit(MAX_LISTED_ERRORS).map(v -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("index", v.index());
      e.put("field", v.field());
      e.put("reason", v.reason());
      return e;
    }).toList());
    if (violations.size() > MAX_LISTED_ERRORS) {
      body.put("moreErrors", violations.size() - MAX_LISTED_ERRORS);
    }
    return body;
  }
}
