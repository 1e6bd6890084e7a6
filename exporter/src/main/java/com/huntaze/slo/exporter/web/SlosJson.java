package com.huntaze.slo.exporter.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.huntaze.slo.exporter.alerting.AlertBook;
import com.huntaze.slo.exporter.alerting.AlertView;
import com.huntaze.slo.exporter.view.AlertStatus;
import com.huntaze.slo.exporter.view.BudgetPeriod;
import com.huntaze.slo.exporter.view.BurnDown;
import com.huntaze.slo.exporter.view.Contributor;
import com.huntaze.slo.exporter.view.GroupedSlo;
import com.huntaze.slo.exporter.view.HealthScore;
import com.huntaze.slo.exporter.view.SloSpec;
import com.huntaze.slo.exporter.view.EventAdmissions;
import com.huntaze.slo.exporter.view.SloView;
import com.huntaze.slo.exporter.view.SloWindow;
import java.time.Instant;

/**
 * {@code GET /api/slos}: the status pages' data as JSON. No data is {@code null}, never 0. Each SLO
 * carries its groups, worst budget first, as many as the page lists unless asked for more (a grouped
 * SLO may hold 100,000), and its top contributors.
 */
public final class SlosJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SlosJson() {
  }

  public static String render(Overview o) {
    return render(o, SloPage.MAX_GROUPS);
  }

  /** @param groupLimit groups listed per SLO, worst budget first ({@code Integer.MAX_VALUE}: all) */
  public static String render(Overview o, int groupLimit) {
    ObjectNode root = JSON.createObjectNode();
    root.put("generatedAt", o.now().toString());
    root.put("ready", o.ready());
    HealthScore.Summary health = o.health();
    putNum(root, "overallHealth", health.overall());
    ObjectNode svc = root.putObject("serviceHealth");
    health.perService().forEach(svc::put);
    ArrayNode slos = root.putArray("slos");
    for (GroupedSlo g : o.grouped()) {
      ObjectNode n = slos.addObject();
      slo(n, g.whole(), o);
      ArrayNode groups = n.putArray("groups");
      for (SloView group : g.groups().subList(0, Math.min(groupLimit, g.groups().size()))) {
        slo(groups.addObject(), group, o);
      }
      n.put("groupsNotListed", Math.max(0, g.groups().size() - groupLimit));
    }

    ArrayNode ams = root.putArray("alertmanagers");
    for (AlertBook.TargetStats t : o.alertmanagers()) {
      ObjectNode an = ams.addObject();
      an.put("url", t.target());
      an.put("up", t.up());
      an.put("pending", t.pending());
      an.put("consecutiveFailures", t.consecutiveFailures());
      an.put("alertsSent", t.alertsSent());
      putInstant(an, "lastSuccess", t.lastSuccess());
      an.put("lastError", t.lastError());
    }
    ArrayNode held = root.putArray("heldAlerts");
    for (AlertView v : o.heldAlerts()) {
      ObjectNode hn = held.addObject();
      hn.put("alertname", v.key().alertName());
      hn.put("slo", v.key().slo());
      hn.put("service", v.key().service());
      hn.put("severity", v.key().severity());
      ObjectNode gl = hn.putObject("groupLabels");
      v.key().groupLabels().forEach(gl::put);
      hn.put("state", v.firing() ? "firing" : "resolved");
      hn.put("renewing", v.renewing());
      hn.put("summary", v.latest().getSummary());
      putInstant(hn, "startsAt", v.latest().getStartsAt());
      hn.put("alertmanagersDelivered", v.targetsDelivered());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render /api/slos", e);
    }
  }

  /** One instance: the SLO as a whole (then also its groups, by the caller) or one group. */
  private static void slo(ObjectNode n, SloView s, Overview o) {
    SloSpec spec = s.spec();
    n.put("name", spec.name());
    n.put("key", s.key().toString());
    ObjectNode group = n.putObject("group");
    s.grouping().group().forEach(g -> group.put(g.label(), g.value()));
    n.put("service", spec.service());
    n.put("operation", spec.operation());
    n.put("sliKind", spec.sliKind());
    putNum(n, "objective", spec.objective());
    n.put("window", s.windowLabel());
    n.put("windowSeconds", spec.windowSeconds());
    putNum(n, "sli", s.sli());
    putNum(n, "budgetRemaining", s.budgetRemaining());
    putNum(n, "healthScore", s.healthScore());
    putNum(n, "latencyThresholdMs", spec.latencyThresholdMs());
    putNum(n, "minRps", spec.minRps());
    putNum(n, "throughputRps", s.throughputRps());
    ObjectNode q = n.putObject("latencyMs");
    s.latencyQuantiles().forEach(q::put);
    ArrayNode windows = n.putArray("windows");
    for (SloWindow w : s.windows()) {
      ObjectNode wn = windows.addObject();
      wn.put("window", w.label());
      wn.put("seconds", w.seconds());
      wn.put("good", w.good());
      wn.put("bad", w.bad());
      wn.put("total", w.total());
      putNum(wn, "burnRate", w.burnRate());
    }
    ArrayNode alerts = n.putArray("alerts");
    for (AlertStatus a : s.alerts()) {
      ObjectNode an = alerts.addObject();
      an.put("alertName", a.alertName());
      an.put("severity", a.severity());
      an.put("firing", a.firing());
      putInstant(an, "since", a.since());
    }
    BudgetPeriod period = s.period();
    n.put("budgeting", period.budgeting());
    n.put("calendar", period.calendar());
    n.put("timeZone", period.timeZone());
    putInstant(n, "periodStart", period.start());
    putInstant(n, "periodEnd", period.end());
    putNum(n, "periodElapsed", period.elapsed());
    putNum(n, "budgetProjected", period.projected());
    ArrayNode burnDown = n.putArray("burnDown");
    for (BurnDown.Point p : s.burnDown()) {
      ObjectNode pn = burnDown.addObject();
      pn.put("at", p.at().toString());
      pn.put("budgetRemaining", p.remaining());
      pn.put("uniformBurn", p.uniform());
    }
    putInstant(n, "asOf", s.asOf());
    n.put("ageSeconds", o.ageSeconds(s));
    n.put("stale", o.stale(s));
    EventAdmissions admitted = s.admissions();
    n.put("lateEventsDropped", admitted.rejected());
    n.put("lateEventsApplied", admitted.lateApplied());
    n.put("lastLatenessMs", admitted.lastLatenessMs());
    n.put("rejectedTooOld", admitted.rejectedTooOld());
    n.put("rejectedTooFarAhead", admitted.rejectedTooFarAhead());
    n.put("excludedEvents", admitted.excluded());
    var periods = n.putArray("excludedPeriods");
    for (EventAdmissions.ExcludedPeriod p : admitted.excludedPeriods()) {
      periods.addObject().put("from", p.from().toString()).put("to", p.to().toString()).put("reason", p.reason());
    }
    if (s.grouping().isWhole()) {
      grouping(n, s);
    }
  }

  /** The SLO as a whole: its grouping and its top contributors to bad events. */
  private static void grouping(ObjectNode n, SloView s) {
    ArrayNode groupBy = n.putArray("groupBy");
    s.grouping().groupBy().forEach(groupBy::add);
    n.put("groupsTracked", s.grouping().tracked());
    n.put("groupsOverflowed", s.grouping().overflowed());
    ArrayNode top = n.putArray("topContributors");
    for (Contributor c : s.topContributors()) {
      ObjectNode cn = top.addObject();
      cn.put("window", c.window());
      cn.put("key", c.key());
      cn.put("value", c.value());
      cn.put("bad", c.bad());
      cn.put("total", c.total());
      cn.put("windowBad", c.windowBad());
      putNum(cn, "share", c.share());
      cn.put("maxUndercount", c.maxUndercount());
    }
  }

  private static void putNum(ObjectNode n, String field, Double v) {
    if (v == null || !Double.isFinite(v)) {
      n.putNull(field);
    } else {
      n.put(field, v);
    }
  }

  private static void putInstant(ObjectNode n, String field, Instant t) {
    if (t == null) {
      n.putNull(field);
    } else {
      n.put(field, t.toString());
    }
  }
}
