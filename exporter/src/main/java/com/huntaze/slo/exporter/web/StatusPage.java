package com.huntaze.slo.exporter.web;

import static com.huntaze.slo.exporter.web.Html.escape;

import com.huntaze.slo.exporter.alerting.AlertBook;
import com.huntaze.slo.exporter.alerting.AlertView;
import com.huntaze.slo.exporter.view.GroupedSlo;
import com.huntaze.slo.exporter.view.SloLinks;

/**
 * The status page ({@code GET /}): one card per SLO ({@link SloCard}), for a grouped SLO its worst
 * groups and a link to its own page ({@link SloPage}). Every page is one self-contained HTML document
 * (inline CSS and SVG, no script, no external asset) that reflows to a single column on a phone.
 */
public final class StatusPage {
  private static final String CSS = """
      :root{color-scheme:light dark;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--mute:#6e7781}
      *{box-sizing:border-box}body{margin:0;font:15px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif}
      header,footer{padding:12px 16px}header h1{margin:0;font-size:1.3em;overflow-wrap:anywhere}.meta{color:var(--mute);margin:4px 0 0}
      main{display:grid;gap:12px;padding:0 12px 12px;grid-template-columns:repeat(auto-fill,minmax(320px,1fr))}
      .slo{border:1px solid #d0d7de;border-radius:8px;padding:12px;min-width:0}
      .slo h2{margin:0 0 2px;font-size:1.1em;overflow-wrap:anywhere}.slo h2 a{color:inherit}.sub{color:var(--mute);font-size:.85em;margin:0 0 8px;overflow-wrap:anywhere}
      .kpis{display:grid;grid-template-columns:repeat(2,1fr);gap:6px;margin:0 0 8px}.kpis div{margin:0}
      .kpis dt{color:var(--mute);font-size:.8em}.kpis dd{margin:0;font-size:1.15em;font-weight:600}
      .good{color:var(--ok)}.warn{color:var(--warn)}.bad{color:var(--bad)}.nodata{color:var(--mute);font-weight:400}
      .badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:.75em;font-weight:600;color:#fff;vertical-align:middle}
      .badge.page{background:var(--bad)}.badge.ticket{background:var(--warn)}.badge.stale{background:var(--mute)}
      .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.85em}
      th,td{text-align:right;padding:2px 6px;border-bottom:1px solid #eaeef2;white-space:nowrap}th:first-child,td:first-child{text-align:left}
      svg.burndown{width:100%;height:auto;max-height:220px}.legend{font-size:.75em;color:var(--mute);margin:0 0 6px}
      ul.alerts{margin:6px 0 0;padding-left:18px;font-size:.85em;overflow-wrap:anywhere}ul.excluded{overflow-wrap:anywhere}
      .group{font-weight:400;color:var(--mute);font-size:.85em}h3{font-size:1em;margin:10px 0 4px}
      main.detail{grid-template-columns:minmax(0,1fr)}td.label{white-space:normal;overflow-wrap:anywhere;text-align:left;min-width:10em}
      """;

  private StatusPage() {
  }

  public static String render(Overview o) {
    StringBuilder h = open("SLO status", "");
    Double overall = o.health().overall();
    h.append("<header><h1>SLO status</h1><p class=\"meta\">").append(o.slos().size()).append(" SLO")
        .append(o.slos().size() == 1 ? "" : "s").append(" · health ")
        .append(overall != null ? "<span id=\"overall-health\">" + SloCard.num(overall, 0) + "/100</span>"
            : "<span id=\"overall-health\" class=\"nodata\">no data</span>")
        .append(" · as of <time datetime=\"").append(o.now()).append("\">")
        .append(o.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).append("</time>");
    if (!o.ready()) {
      h.append(" · <strong class=\"warn\" id=\"not-ready\">still reading slo.status: values may be incomplete</strong>");
    }
    h.append("</p></header><main>");
    if (o.slos().isEmpty()) {
      h.append("<p id=\"no-slos\">No SLO status received yet.</p>");
    }
    for (GroupedSlo g : o.grouped()) {
      SloCard.card(h, o, g.whole(), SloLinks.path(g.name(), java.util.Map.of()), SloPage.summary(g, ""));
    }
    h.append("</main><footer>");
    alertmanagers(h, o);
    return close(h, "");
  }

  /**
   * The start of a page, up to {@code <body>}.
   *
   * @param root the way back to the exporter's root from the page ({@code ""} or {@code "../"}): links stay
   *     relative so the exporter also works behind a path prefix
   */
  static StringBuilder open(String title, String root) {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta http-equiv=\"refresh\" content=\"30\">")
        .append("<title>").append(escape(title)).append("</title><style>").append(CSS).append("</style></head><body>");
    return h;
  }

  /** The end of a page, from inside {@code <footer>}. */
  static String close(StringBuilder h, String root) {
    h.append("<p class=\"meta\">Same data as JSON: <a href=\"").append(root).append("api/slos\">/api/slos</a> · Prometheus: ")
        .append("<a href=\"").append(root).append("metrics\">/metrics</a> · burn-down: budget left through the window or calendar period ")
        .append("(solid, exact per hour) against a uniform burn of the whole budget (dashed); time to scale.")
        .append("</p></footer>");
    h.append("</body></html>");
    return h.toString();
  }

  private static void alertmanagers(StringBuilder h, Overview o) {
    if (o.alertmanagers().isEmpty()) {
      h.append("<p class=\"meta\" id=\"alertmanagers\">Alertmanager: none configured (alerts are not pushed).</p>");
      return;
    }
    h.append("<div class=\"scroll\"><table id=\"alertmanagers\"><thead><tr><th>Alertmanager</th><th>State</th>")
        .append("<th>Pending</th><th>Sent</th></tr></thead><tbody>");
    for (AlertBook.TargetStats t : o.alertmanagers()) {
      h.append("<tr><td>").append(escape(t.target())).append("</td><td class=\"").append(t.up() ? "good" : "bad")
          .append("\" title=\"").append(escape(t.lastError())).append("\">")
          .append(t.up() ? "up" : "failing (" + t.consecutiveFailures() + "x)").append("</td><td>").append(t.pending())
          .append("</td><td>").append(t.alertsSent()).append("</td></tr>");
    }
    h.append("</tbody></table></div>");
    if (!o.heldAlerts().isEmpty()) {
      h.append("<ul class=\"alerts\" id=\"held-alerts\">");
      for (AlertView v : o.heldAlerts()) {
        h.append("<li>").append(escape(v.key().toString())).append(": ").append(v.firing() ? "firing" : "resolved")
            .append(v.firing() && !v.renewing() ? " (source silent, lease not renewed)" : "")
            .append(", delivered to ").append(v.targetsDelivered()).append('/').append(o.alertmanagers().size())
            .append("</li>");
      }
      h.append("</ul>");
    }
  }
}
