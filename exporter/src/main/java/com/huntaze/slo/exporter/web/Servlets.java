package com.huntaze.slo.exporter.web;

import com.huntaze.slo.exporter.kafka.ConsumerProgress;
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

  /** {@code /health/live} (the consumer loop runs) and {@code /health/ready} (slo.status read to its end). */
  public static final class HealthServlet extends HttpServlet {
    private final transient ConsumerProgress progress;

    public HealthServlet(ConsumerProgress progress) {
      this.progress = progress;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String which = req.getPathInfo() == null ? "" : req.getPathInfo();
      switch (which) {
        case "/live" -> {
          if (progress.alive()) {
            write(resp, 200, "application/json", "{\"status\":\"UP\"}\n");
          } else {
            write(resp, 503, "application/json", "{\"status\":\"DOWN\",\"reason\":" + quote("consumer stopped: "
                + progress.failure()) + "}\n");
          }
        }
        case "/ready" -> {
          if (progress.ready()) {
            write(resp, 200, "application/json", "{\"status\":\"UP\"}\n");
          } else {
            String reason = !progress.alive() ? "consumer stopped: " + progress.failure()
                : "still reading slo.status up to its end offsets";
            write(resp, 503, "application/json", "{\"status\":\"DOWN\",\"reason\":" + quote(reason) + "}\n");
          }
        }
        default -> write(resp, 404, "text/plain", "use /health/live or /health/ready\n");
      }
    }
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
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
