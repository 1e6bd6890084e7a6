package com.huntaze.slo.exporter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.huntaze.slo.avro.AlertState;
import com.huntaze.slo.avro.Contributor;
import com.huntaze.slo.avro.GroupLabel;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link SloStatus} records from the readable JSON of golden-file inputs: field names as in
 * SloStatus.avsc, {@code null} or an absent field for a null union, ISO-8601 instants.
 */
public final class StatusJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusJson() {
  }

  public static List<SloStatus> readResource(String resource) {
    try (InputStream in = StatusJson.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      JsonNode root = JSON.readTree(in);
      List<SloStatus> out = new ArrayList<>();
      for (JsonNode n : root) {
        out.add(status(n));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SloStatus status(JsonNode n) {
    List<WindowStats> windows = new ArrayList<>();
    for (JsonNode w : n.path("windows")) {
      windows.add(new WindowStats(w.get("window").asText(), w.get("seconds").asLong(), w.get("good").asLong(),
          w.get("total").asLong(), dbl(w, "burnRate")));
    }
    Map<String, Double> quantiles = new LinkedHashMap<>();
    n.path("latencyQuantiles").fields().forEachRemaining(e -> quantiles.put(e.getKey(), e.getValue().asDouble()));
    List<AlertState> alerts = new ArrayList<>();
    for (JsonNode a : n.path("alerts")) {
      alerts.add(new AlertState(a.get("alertName").asText(), a.get("severity").asText(), a.get("firing").asBoolean(),
          instant(a, "since")));
    }
    return SloStatus.newBuilder()
        .setName(n.get("name").asText())
        .setService(n.get("service").asText())
        .setOperation(str(n, "operation"))
        .setSliKind(n.get("sliKind").asText())
        .setObjective(n.path("objective").asDouble(0))
        .setWindowSeconds(n.get("windowSeconds").asLong())
        .setLatencyThresholdMs(dbl(n, "latencyThresholdMs"))
        .setMinRps(dbl(n, "minRps"))
        .setWindows(windows)
        .setSli(dbl(n, "sli"))
        .setBudgetRemaining(dbl(n, "budgetRemaining"))
        .setLatencyQuantiles(quantiles)
        .setThroughputRps(dbl(n, "throughputRps"))
        .setAlerts(alerts)
        .setLateEventsDropped(n.path("lateEventsDropped").asLong(0))
        .setLateEventsApplied(n.path("lateEventsApplied").asLong(0))
        .setLastLatenessMs(n.hasNonNull("lastLatenessMs") ? n.get("lastLatenessMs").asLong() : null)
        .setRejectedTooOld(n.path("rejectedTooOld").asLong(0))
        .setRejectedTooFarAhead(n.path("rejectedTooFarAhead").asLong(0))
        .setExcludedEvents(n.path("excludedEvents").asLong(0))
        .setExcludedPeriods(excludedPeriods(n.path("excludedPeriods")))
        .setAsOf(Instant.parse(n.get("asOf").asText()))
        .setGroup(group(n.path("group")))
        .setGroupBy(strings(n.path("groupBy")))
        .setGroupsTracked(n.path("groupsTracked").asLong(0))
        .setGroupsOverflowed(n.path("groupsOverflowed").asLong(0))
        .setTopContributors(contributors(n.path("topContributors")))
        .setBudgeting(n.path("budgeting").asText("occurrences"))
        .setCalendar(str(n, "calendar"))
        .setTimeZone(str(n, "timeZone"))
        .setPeriodStart(instant(n, "periodStart"))
        .setPeriodEnd(instant(n, "periodEnd"))
        .setPeriodElapsed(dbl(n, "periodElapsed"))
        .setBudgetProjected(dbl(n, "budgetProjected"))
        .setBurnDown(burnDown(n.path("burnDown")))
        .build();
  }

  private static java.util.List<com.huntaze.slo.avro.ExcludedPeriod> excludedPeriods(JsonNode list) {
    java.util.List<com.huntaze.slo.avro.ExcludedPeriod> out = new java.util.ArrayList<>();
    for (JsonNode p : list) {
      out.add(new com.huntaze.slo.avro.ExcludedPeriod(Instant.parse(p.get("from").asText()), Instant.parse(p.get("to").asText()),
          p.get("reason").asText()));
    }
    return out;
  }

  /** {@code "group": {"operation": "GET /x", "region": "eu"}}: label -> value; source = operation or attributes.<label>. */
  private static List<GroupLabel> group(JsonNode labels) {
    List<GroupLabel> out = new ArrayList<>();
    labels.fields().forEachRemaining(e -> out.add(new GroupLabel(e.getKey(),
        e.getKey().equals("operation") ? "operation" : "attributes." + e.getKey(), e.getValue().asText())));
    return out;
  }

  private static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(v -> out.add(v.asText()));
    return out;
  }

  /** A burn-down as {@code [["2026-11-01T00:00:00Z", 1.0], ...]}. */
  private static java.util.List<com.huntaze.slo.avro.BudgetPoint> burnDown(JsonNode list) {
    java.util.List<com.huntaze.slo.avro.BudgetPoint> out = new java.util.ArrayList<>();
    for (JsonNode p : list) {
      out.add(new com.huntaze.slo.avro.BudgetPoint(Instant.parse(p.get(0).asText()), p.get(1).asDouble()));
    }
    return out;
  }

  private static List<Contributor> contributors(JsonNode list) {
    List<Contributor> out = new ArrayList<>();
    for (JsonNode c : list) {
      out.add(new Contributor(c.get("window").asText(), c.get("key").asText(), c.get("value").asText(),
          c.get("bad").asLong(), c.get("total").asLong(), c.get("windowBad").asLong(), c.path("maxUndercount").asLong(0)));
    }
    return out;
  }

  /** The record key of a status on slo.status: the SLO name, or name{label="value",...} for a group. */
  public static String key(SloStatus s) {
    return com.huntaze.slo.exporter.view.StatusMapper.toView(s).key().toString();
  }

  private static Double dbl(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asDouble();
  }

  private static String str(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant instant(JsonNode n, String field) {
    String s = str(n, field);
    return s == null ? null : Instant.parse(s);
  }
}
