package com.huntaze.slo.ingest.gateway;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Everything outside the gateway's paths: a JSON 404 that lists what exists. */
final class NotFoundServlet extends HttpServlet {
  private final transient GatewayMetrics metrics;

  NotFoundServlet(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    metrics.request(Outcome.NOT_FOUND);
    JsonResponses.write(resp, 404, JsonResponses.error("no such path '" + req.getRequestURI()
        + "': the gateway serves POST /v1/events, POST /v1/traces (OTLP/HTTP), GET /health/live, GET /health/ready, GET /metrics"));
  }
}
