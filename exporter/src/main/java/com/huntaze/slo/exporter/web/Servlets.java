package com.huntaze.slo.exporter.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.huntaze.slo.exporter.view.GroupedSlo;
import com.huntaze.slo.exporter.view.SloLinks;
import com.huntaze.slo.exporter.view.SloView;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** The HTTP adapters: each takes its data from a supplier and writes it out. */
public final class Servlets {
  private Servlets() {
  }

  /** {@code GET /}: the status page; {@code GET /slo/...}: an SLO's or a group's page. Everything else under / is a 404. */
  public static final class StatusPageServlet extends HttpServlet {
    private final transient Supplier<Overview> overview;

    public StatusPageServlet(Supplier<Overview> overview) {
      this.overview = overview;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      // Decoded once and normalised by Jetty, as every other path: '+' is a plus, no ;params, no dot segments.
      String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
      if ("/".equals(path) || "/index.html".equals(path)) {
        write(resp, 200, "text/html", StatusPage.render(overview.get()));
      } else if (path.startsWith("/" + SloLinks.SLO_PATH)) {
        sloPage(req, resp, path.substring(SloLinks.SLO_PATH.length() + 1));
      } else {
        write(resp, 404, "text/plain", "not found: " + path + " (try /, /api/slos, /metrics, /health/ready)\n");
      }
    }

    /** {@code /slo/<name>}: the SLO's page; with the group's labels as parameters, the group's page. */
    private void sloPage(HttpServletRequest req, HttpServletResponse resp, String name) throws IOException {
      Overview o = overview.get();
      Optional<GroupedSlo> slo = o.slo(name);
      if (slo.isEmpty() && !name.isEmpty() && !o.ready()) { // right after a start: not known yet is not "no such SLO"
        resp.setHeader("Retry-After", "5");
        write(resp, 503, "text/plain", "still reading slo.status: no SLO " + name + " yet, retry in a few seconds\n");
        return;
      }
      if (slo.isEmpty()) {
        write(resp, 404, "text/plain", name.isEmpty() ? "no SLO named: /slo/<name> (the SLOs are listed at /)\n"
            : "no SLO " + name + "\n");
        return;
      }
      Optional<String> repeated = repeated(req);
      if (repeated.isPresent()) { // which group was meant is not ours to guess
        write(resp, 400, "text/plain", repeated.get() + ": a group has one value per label\n");
        return;
      }
      Map<String, String> labels = new TreeMap<>();
      req.getParameterMap().forEach((k, v) -> labels.put(k, v.length == 0 ? "" : v[0]));
      if (labels.isEmpty()) {
        write(resp, 200, "text/html", SloPage.renderSlo(o, slo.get()));
        return;
      }
      Optional<SloView> group = slo.get().group(labels);
      if (group.isEmpty() && !o.ready() && slo.get().whole().grouping().grouped()) { // its status may come yet, as an SLO's
        resp.setHeader("Retry-After", "5");
        write(resp, 503, "text/plain", "still reading slo.status: no group " + labels + " of SLO " + name + " yet, retry in a few seconds\n");
        return;
      }
      if (group.isEmpty()) {
        // A label the SLO's groups do not have is a wrong link, not a group gone idle.
        java.util.Set<String> known = slo.get().groups().stream().flatMap(g -> g.grouping().labels().keySet().stream())
            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        java.util.Set<String> unknown = new java.util.TreeSet<>(labels.keySet());
        unknown.removeAll(known);
        java.util.Set<String> missing = new java.util.TreeSet<>(known); // a link cut short: not a group gone idle either
        missing.removeAll(labels.keySet());
        write(resp, 404, "text/plain", !slo.get().whole().grouping().grouped() ? "SLO " + name + " has no groups (no groupBy)\n"
            : !unknown.isEmpty() && !known.isEmpty() ? "SLO " + name + " has no label " + String.join(", ", unknown)
                + " (its groups are by " + String.join(", ", known) + ")\n"
            : !missing.isEmpty() ? "a group of SLO " + name + " is named by " + String.join(", ", known) + ": "
                + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " missing (an empty value as "
                + missing.iterator().next() + "=)\n"
            : "no group " + labels + " of SLO " + name + " (it may have gone idle)\n");
        return;
      }
      write(resp, 200, "text/html", SloPage.renderGroup(o, slo.get(), group.get()));
    }
  }

  /** {@code GET /api/slos[?groups=N|all]}: the pages' data as JSON, the worst N groups per SLO (default as on the page). */
  public static final class SlosApiServlet extends HttpServlet {
    private final transient Supplier<Overview> overview;

    public SlosApiServlet(Supplier<Overview> overview) {
      this.overview = overview;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String[] given = req.getParameterValues("groups");
      if (given != null && given.length > 1) {
        write(resp, 400, "application/json", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
            .put("error", "groups is given " + given.length + " times: give it once").toString());
        return;
      }
      String groups = req.getParameter("groups");
      int limit = groups == null ? SloPage.MAX_GROUPS : "all".equals(groups) ? Integer.MAX_VALUE : groupLimit(groups);
      if (limit < 0) {
        write(resp, 400, "application/json", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
            .put("error", "groups must be a number of groups per SLO (0 or more) or all, not " + groups).toString());
        return;
      }
      write(resp, 200, "application/json", SlosJson.render(overview.get(), limit));
    }
  }

  /** The first parameter given more than once, as {@code "<name> is given N times"}. */
  private static Optional<String> repeated(HttpServletRequest req) {
    return req.getParameterMap().entrySet().stream().filter(e -> e.getValue().length > 1).findFirst()
        .map(e -> e.getKey() + " is given " + e.getValue().length + " times");
  }

  /** A whole number of groups, capped at what an int holds (more than any SLO has); -1 when it is not one. */
  private static int groupLimit(String text) {
    if (!text.matches("[+-]?[0-9]{1,1000}")) { // ASCII digits only: a full-width ３ is not a number in a URL
      return -1;
    }
    return new java.math.BigInteger(text).min(java.math.BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
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
