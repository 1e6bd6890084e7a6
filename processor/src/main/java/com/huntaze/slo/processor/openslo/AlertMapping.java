package com.huntaze.slo.processor.openslo;

import com.fasterxml.jackson.databind.JsonNode;
import com.huntaze.slo.schemas.slo.BurnRatePolicy;
import com.huntaze.slo.schemas.slo.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An SLO's alert policies to {@code alerting:}: each burn-rate condition is one row of our
 * multiwindow table ({@code lookbackWindow} the long window, {@code alertAfter} the short one,
 * {@code threshold} the factor, {@code severity} page or ticket). Notification targets other
 * than {@code alertmanager} and conditions that mean nothing here are reported.
 */
final class AlertMapping {
  private final Refs refs;
  private final Report report;

  AlertMapping(Refs refs, Report report) {
    this.refs = refs;
    this.report = report;
  }

  /** @param rollingWindow the SLO's rolling window ("28d"), or null for a calendar one */
  Map<String, Object> alerting(OpenSloDocs.Doc slo, String rollingWindow) {
    Report.At at = new Report.At(slo, "spec.alertPolicies");
    JsonNode policies = slo.node().path("spec").path("alertPolicies");
    JsonNode ann = slo.node().path("metadata").path("annotations");
    Map<String, Object> alerting = new LinkedHashMap<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < policies.size() && policies.isArray(); i++) {
      refs.resolve(policies.get(i), at.item(i), "alertPolicyRef", "AlertPolicy", false)
          .ifPresent(p -> policy(p.object().path("spec"), p.at().field("spec"), rows));
    }
    boolean isDefault = "default".equals(ann.path(Convention.ANN_BURN_RATE).asText());
    List<Map<String, Object>> withoutWhy = rows.stream().map(r -> {
      Map<String, Object> copy = new LinkedHashMap<>(r);
      copy.remove("why");
      return copy;
    }).toList();
    if (isDefault && (rollingWindow == null || rows.isEmpty() || withoutWhy.equals(defaultRows(rollingWindow)))) {
      alerting.put("burnRate", "default");
    } else if (!rows.isEmpty()) {
      if (isDefault) {
        report.note(at, "the conditions differ from our default table for " + rollingWindow + ", so they are kept as written");
      }
      alerting.put("burnRate", rows);
    } else {
      report.note(at, (policies.size() == 0 ? "no alert policies" : "no burn-rate condition translated")
          + ": burn-rate alerts are off (burnRate: none); remove that line for our default table");
      alerting.put("burnRate", "none");
    }
    Report.At annAt = new Report.At(slo, "metadata.annotations");
    if (ann.path(Convention.ANN_THRESHOLD).isValueNode()) {
      try {
        alerting.put("threshold", new BigDecimal(ann.get(Convention.ANN_THRESHOLD).asText().trim()));
      } catch (NumberFormatException e) {
        report.leftOut(annAt.field(Convention.ANN_THRESHOLD), "'" + ann.get(Convention.ANN_THRESHOLD).asText() + "' is not a number",
            "write the percent of good events (e.g. \"99.5\") or requests/s of alerting.threshold");
      }
    }
    if (ann.path(Convention.ANN_THRESHOLD_WINDOW).isTextual()) {
      alerting.put("thresholdWindow", ann.get(Convention.ANN_THRESHOLD_WINDOW).asText());
    }
    return alerting;
  }

  /** Checks a policy no SLO refers to, so its broken references are reported too. */
  void check(OpenSloDocs.Doc policy) {
    policy(policy.node().path("spec"), new Report.At(policy, "spec"), new ArrayList<>());
  }

  private void policy(JsonNode spec, Report.At at, List<Map<String, Object>> rows) {
    if (spec.has("alertWhenBreaching") && !spec.get("alertWhenBreaching").asBoolean()) {
      report.leftOut(at.field("alertWhenBreaching"), "false: this policy never alerts on a breach", "drop the policy, or set it to true");
      return;
    }
    if (spec.path("alertWhenNoData").asBoolean(false)) {
      report.leftOut(at.field("alertWhenNoData"), "true is not carried: no traffic is 'no data' here and never alerts",
          "watch slo_status_age_seconds or the throughput SLI instead");
    }
    if (spec.has("alertWhenResolved") && !spec.get("alertWhenResolved").asBoolean()) {
      report.note(at.field("alertWhenResolved"), "false: Alertmanager is always told when an alert resolves; "
          + "set send_resolved: false on its receiver to stay quiet");
    }
    JsonNode targets = spec.path("notificationTargets");
    for (int i = 0; i < targets.size(); i++) {
      refs.resolve(targets.get(i), at.field("notificationTargets").item(i), "targetRef", "AlertNotificationTarget", false)
          .ifPresent(t -> target(t));
    }
    JsonNode conditions = spec.path("conditions");
    if (conditions.size() == 0) {
      report.leftOut(at.field("conditions"), "missing: the policy has no condition", "add one burnrate condition (inline or conditionRef)");
    }
    for (int i = 0; i < conditions.size(); i++) {
      refs.resolve(conditions.get(i), at.field("conditions").item(i), "conditionRef", "AlertCondition", false)
          .flatMap(c -> condition(c.object(), c.at())).ifPresent(rows::add);
    }
  }

  private void target(Refs.Found t) {
    String target = t.object().path("spec").path("target").asText("");
    if (!target.equalsIgnoreCase(Convention.ALERTMANAGER)) {
      report.leftOut(t.at().field("spec.target"), "'" + target + "' (" + t.object().path("metadata").path("name").asText()
          + ") is not carried: alerts go to Alertmanager with the labels slo, service and severity",
          "add an Alertmanager route that sends them to " + (target.isEmpty() ? "this target" : target));
    }
  }

  private Optional<Map<String, Object>> condition(JsonNode object, Report.At objectAt) {
    JsonNode spec = object.path("spec");
    Report.At at = objectAt.field("spec");
    JsonNode c = spec.path("condition");
    String kind = c.path("kind").asText("burnrate");
    if (!kind.equals("burnrate")) {
      report.leftOut(at.field("condition.kind"), "'" + kind + "': only burnrate conditions are read", "write kind: burnrate");
      return Optional.empty();
    }
    String op = c.path("op").asText("");
    if (op.equals("lt") || op.equals("lte")) {
      report.leftOut(at.field("condition.op"), "'" + op + "': an alert on a burn rate below its threshold means nothing here",
          "use gt (alert when the budget burns faster than threshold)");
      return Optional.empty();
    }
    if (op.equals("gte")) {
      report.note(at.field("condition.op"), "gte is read as gt: the alert fires when the burn rate exceeds the threshold");
    }
    Optional<String> severity = severity(spec.path("severity").asText(""), at.field("severity"));
    Optional<Duration> longWindow = Convention.fixedDuration(c.path("lookbackWindow").asText(null));
    if (longWindow.isEmpty()) {
      report.leftOut(at.field("condition.lookbackWindow"), "'" + c.path("lookbackWindow").asText("") + "' is not a duration in m, h, d or w",
          "write e.g. lookbackWindow: 1h");
    }
    if (!c.path("threshold").isNumber() || !(c.get("threshold").asDouble() > 0)) {
      report.leftOut(at.field("condition.threshold"), c.path("threshold") + " is not a positive burn rate", "write e.g. threshold: 14.4");
      return Optional.empty();
    }
    if (severity.isEmpty() || longWindow.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> after = Convention.fixedDuration(c.path("alertAfter").asText(null)).filter(d -> !d.isZero());
    Duration shortWindow;
    if (after.isPresent() && after.get().compareTo(longWindow.get()) < 0) {
      shortWindow = after.get();
    } else {
      shortWindow = Duration.ofMinutes(Math.max(1, Math.round(longWindow.get().toMinutes() / 12.0)));
      String given = c.path("alertAfter").asText("");
      Optional<Duration> parsed = Convention.fixedDuration(given);
      String why = !c.hasNonNull("alertAfter") || given.isBlank() ? "absent"
          : parsed.isEmpty() ? "'" + given + "' is not a duration in m, h, d or w"
          : parsed.get().isZero() ? "'" + given + "' is zero"
          : "'" + given + "' is not shorter than lookbackWindow";
      report.note(at.field("condition.alertAfter"), why + ": the short window is lookbackWindow/12 = " + Durations.format(shortWindow)
          + " (SRE Workbook)");
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("severity", severity.get());
    row.put("long", Durations.format(longWindow.get()));
    row.put("short", Durations.format(shortWindow));
    row.put("factor", Convention.number(c.get("threshold").asDouble()));
    String why = spec.path("description").asText("");
    if (!why.isEmpty()) {
      row.put("why", why);
    }
    return Optional.of(row);
  }

  private Optional<String> severity(String text, Report.At at) {
    String s = text.toLowerCase(Locale.ROOT);
    if (s.equals("page") || s.equals("ticket")) {
      return Optional.of(s);
    }
    if (s.equals("critical") || s.equals("warning")) {
      String ours = s.equals("critical") ? "page" : "ticket";
      report.note(at, "'" + text + "' is read as " + ours);
      return Optional.of(ours);
    }
    report.leftOut(at, "'" + text + "' is neither page nor ticket (nor critical/warning)", "write severity: page or ticket");
    return Optional.empty();
  }

  /** Our default table for a rolling window, as rows without their reasons (what an import compares). */
  static List<Map<String, Object>> defaultRows(String window) {
    return BurnRatePolicy.DEFAULT.scaledTo(Durations.parse(window).orElseThrow()).windows().stream().map(w -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("severity", w.severity().name().toLowerCase(Locale.ROOT));
      row.put("long", Durations.format(w.longWindow()));
      row.put("short", Durations.format(w.shortWindow()));
      row.put("factor", Convention.number(w.factor()));
      return row;
    }).toList();
  }
}
