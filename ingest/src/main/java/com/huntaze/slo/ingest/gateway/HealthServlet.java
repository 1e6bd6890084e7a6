package com.huntaze.slo.ingest.gateway;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready} (Kafka reachable and the
 * event topic exists, so a 202 is possible). The readiness check itself lives in {@link KafkaReadiness}.
 */
final class HealthServlet extends HttpServlet {
  private final transient Supplier<String> notReadyReason; // null when ready

  HealthServlet(Supplier<String> notReadyReason) {
    this.notReadyReason = notReadyReason;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
      resp.setHeader("Allow", "GET, HEAD");
      JsonResponses.write(resp, 405, JsonResponses.error("method " + req.getMethod() + " not allowed: use GET"));
      return;
    }
    String path = req.getServletPath();
    if ("/health/live".equals(path)) {
      JsonResponses.write(resp, 200, Map.of("status", "live"));
    } else {
      String reason = notReadyReason.get();
      if (reason == null) {
        JsonResponses.write(resp, 200, Map.of("status", "ready"));
      } else {
        JsonResponses.write(resp, 503, Map.of("status", "not ready", "reason", reason));
      }
    }
  }
}
