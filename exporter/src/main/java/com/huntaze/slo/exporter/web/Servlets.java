package com.huntaze.slo.exporter.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** The HTTP adapters: each takes its data from a supplier and writes it out. */
public final class Servlets {
  private Servlets() {
  }

  /** {@code GET /}: the status page. Everything else under / is a 404. */
  public static final class StatusPageServlet extends HttpServlet {
    private final transient Supplier<Overview> overview;

    public StatusPageServlet(Supplier<Overview> overview) {
      this.overview = overview;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String path = req.getRequestURI();
      if (!"/".equals(path) && !"/index.html".equals(path)) {
        write(resp, 404, "text/plain", "not found: " + path + " (try /, /api/slos, /metrics, /health/ready)\n");
        return;
      }
      write(resp, 200, "text/html", StatusPage.render(overview.get()));
    }
  }

  /** {@code GET /api/slos}: the page's data as JSON. */
  public static final class SlosApiServlet extends HttpServlet {
    private final transient Supplier<Overview> overview;

    public SlosApiServlet(Supplier<Overview> overview) {
      this.overview = overview;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      write(resp, 200, "application/json", SlosJson.render(overview.get()));
    }
  }

  static void write(HttpServletResponse resp, int status, String type, String body) throws IOException {
    resp.setStatus(status);
    resp.setContentType(type + "; charset=utf-8");
    resp.setHeader("Cache-Control", "no-store");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
