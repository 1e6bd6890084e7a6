package com.huntaze.slo.schemas.service;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The health contract of every service: mounted at {@code /health/*}, it answers
 * {@code /health/live} and {@code /health/ready} with 200 {@code {"status":"UP"}} or 503
 * {@code {"status":"DOWN","reason":"..."}}, GET or HEAD, never cached.
 */
public final class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private final transient HealthCheck live;
  private final transient HealthCheck ready;

  public HealthServlet(HealthCheck live, HealthCheck ready) {
    this.live = live;
    this.ready = ready;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
      resp.setHeader("Allow", "GET, HEAD");
      write(resp, 405, "{\"status\":\"DOWN\",\"reason\":\"method not allowed: use GET\"}");
      return;
    }
    String which = req.getPathInfo() == null ? "" : req.getPathInfo();
    HealthCheck check = switch (which) {
      case "/live" -> live;
      case "/ready" -> ready;
      default -> null;
    };
    if (check == null) {
      write(resp, 404, "{\"status\":\"DOWN\",\"reason\":\"unknown health check: use /health/live or /health/ready\"}");
      return;
    }
    String problem = check.problem();
    write(resp, problem == null ? 200 : 503, body(problem));
  }

  /** The JSON body for a check's answer. */
  public static String body(String problem) {
    return problem == null ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\",\"reason\":" + quote(problem) + "}";
  }

  private static void write(HttpServletResponse resp, int status, String body) throws IOException {
    byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setContentType("application/json; charset=utf-8");
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
