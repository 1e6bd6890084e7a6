package com.huntaze.slo.exporter.web;

import static com.huntaze.slo.exporter.web.Html.escape;

import com.huntaze.slo.exporter.view.AlertStatus;
import com.huntaze.slo.exporter.view.EventAdmissions;
import com.huntaze.slo.exporter.view.GroupLabel;
import com.huntaze.slo.exporter.view.SloSpec;
import com.huntaze.slo.exporter.view.SloView;
import com.huntaze.slo.exporter.view.SloWindow;
import com.huntaze.slo.schemas.slo.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * One SLO instance's card on the status pages: objective, SLI, budget left, health, burn rates and
 * events per window, alert state, data freshness, the budget burn-down chart, late, refused and
 * excluded events. The same card for the SLO as a whole and for each group.
 */
final class SloCard {
  private SloCard() {
  }

  /**
   * The card of one instance: for the SLO as a whole anchored {@code #slo-<name>} (alerts link there),
   * for a group headed with the group's labels.
   *
   * @param link where the name links to (the SLO's own page, from the overview); null = no link (on that page itself)
   * @param extra HTML put at the end of the card (groups, attribution)
   */
  static void card(StringBuilder h, Overview o, SloView s, String link, String extra) {
    SloSpec spec = s.spec();
    String name = spec.name();
    boolean whole = s.grouping().isWhole();
    h.append("<section class=\"slo\"").append(whole ? " id=\"slo-" + escape(name) + "\"" : "")
        .append(" data-slo=\"").append(escape(name)).append("\"");
    if (!whole) {
      h.append(" data-group=\"").append(escape(s.key().group())).append('"');
    }
    h.append("><h2>").append(link == null ? escape(name)
        : "<a class=\"slo-name\" href=\"" + escape(link) + "\">" + escape(name) + "</a>");
    if (!whole) {
      h.append(" <span class=\"group\">").append(escape(GroupLabel.describe(s.grouping().group()))).append("</span>");
    }
    java.util.Set<String> shown = new java.util.HashSet<>(); // a page from two alerts (burn rate, threshold) is one PAGE badge
    for (AlertStatus a : s.alerts()) {
      if (a.firing() && shown.add(a.severity())) {
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
    h.append(extra).append("</section>");
  }

  /** Late events (counted), refused ones and excluded periods: what a reader should know the numbers include or leave out. */
  private static void admissions(StringBuilder h, EventAdmissions a) {
    if (a.lateApplied() > 0) {
      h.append("<p class=\"sub\">").append(String.format(Locale.ROOT, "%,d", a.lateApplied()))
          .append(" late event(s) counted in the windows still covering them (latest ")
          .append(lateness(a.lastLatenessMs() == null ? 0 : a.lastLatenessMs())).append(" late)</p>");
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
      boolean errors = "errorRate".equals(spec.sliKind()); // read as errors, as the SLO is written: "error rate < 0.1 %"
      kpi(h, "objective", "Objective", objective == null ? null : errors ? "error rate < " + pct(1 - objective, 3) : pct(objective, 3), "");
      kpi(h, "sli", errors ? "Error rate" : "SLI", sli == null ? null : pct(errors ? 1 - sli : sli, 3),
          sli == null ? "" : objective == null || sli >= objective ? "good" : "bad");
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

  /** A whole number of minutes as written in slos.yaml (45m, 2h); anything else rounded for a reader (72.9 h), not in milliseconds. */
  private static String lateness(long millis) {
    return millis % 60_000 == 0 ? Durations.format(Duration.ofMillis(millis)) : age(millis / 1000.0);
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
