package com.huntaze.slo.exporter.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.huntaze.slo.avro.AlertState;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import com.huntaze.slo.exporter.alerting.AlertBook;
import com.huntaze.slo.exporter.metrics.HealthScore;
import com.huntaze.slo.exporter.metrics.Windows;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** {@code GET /api/slos}: the status page's data as JSON. No data is {@code null}, never 0. */
public final class SlosJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SlosJson() {
  }

  public static String render(Overview o) {
    ObjectNode root = JSON.createObjectNode();
    root.put("generatedAt", o.now().toString());
    root.put("ready", o.ready());
    Map<String, Double> services = HealthScore.perService(o.slos());
    OptionalDouble overall = HealthScore.overall(services);
    putNum(root, "overallHealth", overall.isPresent() ? overall.getAsDouble() : null);
    ObjectNode svc = root.putObject("serviceHealth");
    services.forEach(svc::put);

    ArrayNode slos = root.putArray("slos");
    for (SloStatus s : o.slos()) {
      ObjectNode n = slos.addObject();
      n.put("name", s.getName());
      n.put("service", s.getService());
      n.put("operation", s.getOperation());
      n.put("sliKind", s.getSliKind());
      putNum(n, "objective", s.getObjective() > 0 ? s.getObjective() : null);
      n.put("window", Windows.label(s.getWindowSeconds()));
      n.put("windowSeconds", s.getWindowSeconds());
      putNum(n, "sli", s.getSli());
      putNum(n, "budgetRemaining", s.getBudgetRemaining());
      OptionalDouble score = HealthScore.ofSlo(s);
      putNum(n, "healthScore", score.isPresent() ? score.getAsDouble() : null);
      putNum(n, "latencyThresholdMs", s.getLatencyThresholdMs());
      putNum(n, "minRps", s.getMinRps());
      putNum(n, "throughputRps", s.getThroughputRps());
      ObjectNode q = n.putObject("latencyMs");
      new TreeMap<>(s.getLatencyQuantiles()).forEach(q::put);
      ArrayNode windows = n.putArray("windows");
      for (WindowStats w : Overview.windows(s)) {
        ObjectNode wn = windows.addObject();
        wn.put("window", w.getWindow());
        wn.put("seconds", w.getSeconds());
        wn.put("good", w.getGood());
        wn.put("bad", w.getTotal() - w.getGood());
        wn.put("total", w.getTotal());
        putNum(wn, "burnRate", w.getBurnRate());
      }
      ArrayNode alerts = n.putArray("alerts");
      for (AlertState a : s.getAlerts()) {
        ObjectNode an = alerts.addObject();
        an.put("alertName", a.getAlertName());
        an.put("severity", a.getSeverity());
        an.put("firing", a.getFiring());
        putInstant(an, "since", a.getSince());
      }
      ArrayNode burnDown = n.putArray("burnDown");
      for (BurnDown.Point p : BurnDown.points(s)) {
        ObjectNode pn = burnDown.addObject();
        pn.put("window", p.window());
        pn.put("secondsAgo", p.secondsAgo());
        pn.put("budgetRemaining", p.remaining());
        pn.put("uniformBurn", p.uniform());
      }
      putInstant(n, "asOf", s.getAsOf());
      n.put("ageSeconds", Overview.ageSeconds(s, o.now()));
      n.put("stale", o.stale(s));
      n.put("lateEventsDropped", s.getLateEventsDropped());
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
    for (AlertBook.AlertView v : o.heldAlerts()) {
      ObjectNode hn = held.addObject();
      hn.put("alertname", v.key().alertName());
      hn.put("slo", v.key().slo());
      hn.put("service", v.key().service());
      hn.put("severity", v.key().severity());
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
