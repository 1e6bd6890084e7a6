package com.huntaze.slo.exporter.web;

import static com.huntaze.slo.exporter.web.Html.escape;

import com.huntaze.slo.exporter.alerting.AlertBook;
import com.huntaze.slo.exporter.view.AlertStatus;
import com.huntaze.slo.exporter.view.EventAdmissions;
import com.huntaze.slo.exporter.view.SloSpec;
import com.huntaze.slo.exporter.view.SloView;
import com.huntaze.slo.exporter.view.SloWindow;
import com.huntaze.slo.schemas.slo.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * The status page ({@code GET /}): one card per SLO with objective, SLI, budget left, health, burn
 * rates and events per window, alert state, data freshness and the budget burn-down chart. One
 * self-contained HTML document (inline CSS and SVG, no script, no external asset) that reflows to a
 * single column on a phone.
 */
public final class StatusPage {
  private static final String CSS = """
      :root{color-scheme:light dark;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--mute:#6e7781}
      *{box-sizing:border-box}body{margin:0;font:15px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif}
      header,footer{padding:12px 16px}header h1{margin:0;font-size:1.3em}.meta{color:var(--mute);margin:4px 0 0}
      main{display:grid;gap:12px;padding:0 12px 12px;grid-template-columns:repeat(auto-fill,minmax(320px,1fr))}
      .slo{border:1px solid #d0d7de;border-radius:8px;padding:12px;min-width:0}
      .slo h2{margin:0 0 2px;font-size:1.1em;overflow-wrap:anywhere}.sub{color:var(--mute);font-size:.85em;margin:0 0 8px}
      .kpis{display:grid;grid-template-columns:repeat(2,1fr);gap:6px;margin:0 0 8px}.kpis div{margin:0}
      .kpis dt{color:var(--mute);font-size:.8em}.kpis dd{margin:0;font-size:1.15em;font-weight:600}
      .good{color:var(--ok)}.warn{color:var(--warn)}.bad{color:var(--bad)}.nodata{color:var(--mute);font-weight:400}
      .badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:.75em;font-weight:600;color:#fff;vertical-align:middle}
      .badge.page{background:var(--bad)}.badge.ticket{background:var(--warn)}.badge.stale{background:var(--mute)}
      .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.85em}
      th,td{text-align:right;padding:2px 6px;border-bottom:1px solid #eaeef2;white-space:nowrap}th:first-child,td:first-child{text-align:left}
      svg.burndown{width:100%;height:auto;max-height:220px}.legend{font-size:.75em;color:var(--mute);margin:0 0 6px}
      ul.alerts{margin:6px 0 0;padding-left:18px;font-size:.85em}
      """;

  private StatusPage() {
  }

  public static String render(Overview o) {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta http-equiv=\"refresh\" content=\"30\">")
        .append("<title>SLO status</title><style>").append(CSS).append("</style></head><body>");

    Double overall = o.health().overall();
    h.append("<header><h1>SLO status</h1><p class=\"meta\">").append(o.slos().size()).append(" SLO")
        .append(o.slos().size() == 1 ? "" : "s").append(" · health ")
        .append(overall != null ? "<span id=\"overall-health\">" + num(overall, 0) + "/100</span>"
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
    for (SloView s : o.slos()) {
      card(h, o, s);
    }
    h.append("</main><footer>");
    alertmanagers(h, o);
    h.append("<p class=\"meta\">Same data as JSON: <a href=\"api/slos\">/api/slos</a> · Prometheus: ")
        .append("<a href=\"metrics\">/metrics</a> · burn-down: budget left through the window or calendar period ")
        .append("(solid, exact per hour) against a uniform burn of the whole budget (dashed); time to scale.")
        .append("</p></footer>");
    h.append("</body></html>");
    return h.toString();
  }

  private static void card(StringBuilder h, Overview o, SloView s) {
    SloSpec spec = s.spec();
    String name = spec.name();
    h.append("<section class=\"slo\" id=\"slo-").append(escape(name)).append("\" data-slo=\"").append(escape(name))
        .append("\"><h2>").append(escape(name));
    for (AlertStatus a : s.alerts()) {
      if (a.firing()) {
        h.append(" <span class=\"badge ").append(escape(a.severity())).append("\">")
            .append(escape(a.severity().toUpperCase(Locale.ROOT))).append("</span>");
      }
    }
    if (o.stale(s)) {
      h.append(" <span class=\"badge stale\">STALE</span>");
    }
    h.append("</h2><p class=\"sub\">").append(escape(spec.service()));
    if (spec.operation() != null) {
      h.append(" · <code>").append(escape(spec.operation())).append("</code>");
    }
    h.append(" · ").append(escape(spec.sliKind())).append(" over ").append(s.windowLabel())
        .append("</p><dl class=\"kpis\">");
    objectiveAndSli(h, s);
    Double budget = s.budgetRemaining();
    kpi(h, "budget", "Budget left", budget == null ? null : pct(budget, 1) + (budget < 0 ? " (overspent)" : ""),
        budget == null ? "" : budget < 0 ? "bad" : budget < 0.25 ? "warn" : "good");
    kpi(h, "freshness", "Data", age(o.ageSeconds(s)) + " old", o.stale(s) ? "warn" : "");
    Double score = s.healthScore();
    kpi(h, "health", "Health", score != null ? num(score, 0) + "/100" : null,
        score == null ? "" : score >= 75 ? "good" : score >= 50 ? "warn" : "bad");
    if (!s.latencyQuantiles().isEmpty()) {
      StringBuilder q = new StringBuilder();
      s.latencyQuantiles().forEach((k, v) ->
          q.append(q.length() == 0 ? "" : " · ").append("p").append(escape(quantileLabel(k))).append(' ')
              .append(num(v, 0)).append(" ms"));
      kpi(h, "latency", "Latency", q.toString(), "");
    }
    h.append("</dl>");

    h.append(BurnDownChart.section(s));

    h.append("<div class=\"scroll\"><table class=\"windows\"><thead><tr><th>Window</th><th>Burn rate</th>")
        .append("<th>Bad</th><th>Total</th></tr></thead><tbody>");
    for (SloWindow w : s.windows()) {
      Double br = w.burnRate();
      h.append("<tr data-window=\"").append(escape(w.label())).append("\"><td>").append(escape(w.label()))
          .append("</td><td class=\"").append(br == null ? "nodata" : br >= 1 ? "bad" : "").append("\">")
          .append(br == null ? "no data" : num(br, 2) + "x").append("</td><td>").append(w.bad())
          .append("</td><td>").append(w.total()).append("</td></tr>");
    }
    h.append("</tbody></table></div>");

    if (!s.alerts().isEmpty()) {
      h.append("<ul class=\"alerts\">");
      for (AlertStatus a : s.alerts()) {
        h.append("<li class=\"").append(a.firing() ? "bad" : "").append("\">").append(escape(a.alertName()))
            .append(' ').append(escape(a.severity())).append(": ")
            .append(a.firing() ? "firing" + (a.since() == null ? "" : " since " + a.since()) : "ok")
            .append("</li>");
      }
      h.append("</ul>");
    }
    admissions(h, s.admissions());
    h.append("</section>");
  }

  /** Late events (counted), refused ones and excluded periods: what a reader should know the numbers include or leave out. */
  private static void admissions(StringBuilder h, EventAdmissions a) {
    if (a.lateApplied() > 0) {
      h.append("<p class=\"sub\">").append(String.format(Locale.ROOT, "%,d", a.lateApplied()))
          .append(" late event(s) counted in the windows still covering them (latest ")
          .append(Durations.format(Duration.ofMillis(a.lastLatenessMs() == null ? 0 : a.lastLatenessMs()))).append(" late)</p>");
    }
    if (a.rejected() > 0) {
      h.append("<p class=\"sub warn\">").append(String.format(Locale.ROOT, "%,d", a.rejected()))
          .append(" event(s) refused: ").append(a.rejectedTooOld()).append(" older than every window, ")
          .append(a.rejectedTooFarAhead()).append(" too far ahead of the clock</p>");
    }
    if (a.excluded() > 0 || !a.excludedPeriods().isEmpty()) {
      h.append("<p class=\"sub\">").append(String.format(Locale.ROOT, "%,d", a.excluded()))
          .append(" event(s) in excluded periods, not counted:</p><ul class=\"excluded\">");
      for (EventAdmissions.ExcludedPeriod p : a.excludedPeriods()) {
        h.append("<li>").append(escape(p.from().toString())).append(" .. ").append(escape(p.to().toString()))
            .append(": ").append(escape(p.reason())).append("</li>");
      }
      h.append("</ul>");
    }
  }

  /** Throughput SLOs are judged by rate against a minimum, the others by SLI against the objective. */
  private static void objectiveAndSli(StringBuilder h, SloView s) {
    SloSpec spec = s.spec();
    if (spec.throughput()) {
      Double rps = s.throughputRps();
      Double min = spec.minRps();
      kpi(h, "objective", "Minimum", min == null ? null : num(min, 2) + " rps", "");
      kpi(h, "throughput", "Throughput", rps == null ? null : num(rps, 2) + " rps",
          rps != null && min != null && rps < min ? "bad" : "good");
    } else {
      Double objective = spec.objective();
      Double sli = s.sli();
      kpi(h, "objective", "Objective", objective == null ? null : pct(objective, 3), "");
      kpi(h, "sli", "SLI", sli == null ? null : pct(sli, 3),
          sli == null ? "" : objective == null || sli >= objective ? "good" : "bad");
    }
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
      for (AlertBook.AlertView v : o.heldAlerts()) {
        h.append("<li>").append(escape(v.key().toString())).append(": ").append(v.firing() ? "firing" : "resolved")
            .append(v.firing() && !v.renewing() ? " (source silent, lease not renewed)" : "")
            .append(", delivered to ").append(v.targetsDelivered()).append('/').append(o.alertmanagers().size())
            .append("</li>");
      }
      h.append("</ul>");
    }
  }

  private static void kpi(StringBuilder h, String cls, String label, String value, String tone) {
    h.append("<div><dt>").append(label).append("</dt><dd class=\"").append(cls);
    if (value == null) {
      h.append(" nodata\">no data</dd></div>");
    } else {
      h.append(tone.isEmpty() ? "" : " " + tone).append("\">").append(escape(value)).append("</dd></div>");
    }
  }

  private static String quantileLabel(String q) {
    try {
      double d = Double.parseDouble(q) * 100;
      return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    } catch (NumberFormatException e) {
      return q;
    }
  }

  static String pct(double ratio, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f %%", ratio * 100);
  }

  static String num(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String age(double seconds) {
    if (seconds < 120) {
      return num(seconds, 0) + " s";
    }
    if (seconds < 7200) {
      return num(seconds / 60, 0) + " min";
    }
    return num(seconds / 3600, 1) + " h";
  }
}
