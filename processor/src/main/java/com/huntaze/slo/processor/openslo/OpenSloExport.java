package com.huntaze.slo.processor.openslo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.huntaze.slo.schemas.slo.BurnRateWindow;
import com.huntaze.slo.schemas.slo.Dimension;
import com.huntaze.slo.schemas.slo.Durations;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Our SLOs as OpenSLO v1 by the convention of {@link Convention}: per SLO one {@code SLO} with an
 * inline indicator (a {@code huntaze} ratio of good to total events), one {@code AlertPolicy}
 * per burn-rate row (OpenSLO v1 allows one condition per policy) with its condition inline, and
 * one {@code AlertNotificationTarget} {@code alertmanager} they all refer to. Importing the
 * result gives the same definitions back.
 */
public final class OpenSloExport {
  private static final ObjectMapper YAML = YamlText.mapper(true);
  private static final Duration DEFAULT_THRESHOLD_WINDOW = Duration.ofMinutes(5);
  /** OpenSLO v1 names are DNS labels (RFC 1123). */
  static final int MAX_NAME = 63;

  private final Report report = new Report();
  private final List<Map<String, Object>> docs = new ArrayList<>();
  private int exported;

  /** Exports every SLO of the file; what cannot be exported is in {@link #report()}. */
  public OpenSloExport(SloConfig config) {
    boolean anyPolicy = false;
    for (SloDefinition slo : config.slos()) {
      anyPolicy |= export(config.source(), slo);
    }
    if (anyPolicy) {
      docs.add(object("AlertNotificationTarget", Convention.ALERTMANAGER, Map.of(), ordered(
          "description", "The exporter pushes every alert to Alertmanager with the labels slo, service and severity; "
              + "Alertmanager routes it", "target", Convention.ALERTMANAGER)));
    }
  }

  private boolean export(String source, SloDefinition slo) {
    String where = source + " slo '" + slo.name() + "'";
    Optional<String> sliText = Convention.text(slo.sli());
    if (sliText.isEmpty() || slo.objective().isEmpty()) {
      report.add(Report.Level.SKIPPED, where, "sli", "a " + slo.sli().kind() + " SLO has no OpenSLO form here: OpenSLO needs an "
          + "objective over a ratio of good to total events", "keep it in slos.yaml");
      return false;
    }
    if (slo.name().length() > MAX_NAME) {
      report.add(Report.Level.NOTE, where, "metadata.name", "exported as it is, " + slo.name().length() + " characters: OpenSLO v1 names "
          + "are DNS labels of at most " + MAX_NAME + ", so tools that check names refuse it", null);
    }
    if (!slo.exclusions().isEmpty()) {
      report.add(Report.Level.LEFT_OUT, where, "exclude", slo.exclusions().size() + " excluded periods are not exported: "
          + "OpenSLO v1 has no exclusions", "keep them in slos.yaml and add them again after an import");
    }
    Map<String, Object> annotations = new LinkedHashMap<>();
    SloDefinition.Alerting alerting = slo.alerting();
    alerting.burnRate().filter(p -> p.name().equals("default")).ifPresent(p -> annotations.put(Convention.ANN_BURN_RATE, "default"));
    if (alerting.threshold().isPresent()) {
      annotations.put(Convention.ANN_THRESHOLD, Convention.percent(alerting.threshold().getAsDouble()).toPlainString());
    }
    if (!alerting.thresholdWindow().equals(DEFAULT_THRESHOLD_WINDOW)) {
      annotations.put(Convention.ANN_THRESHOLD_WINDOW, Durations.format(alerting.thresholdWindow()));
    }
    if (slo.grouping().isGrouped()) {
      annotations.put(Convention.ANN_GROUP_BY, sources(slo.grouping().keys()));
      annotations.put(Convention.ANN_MAX_GROUPS, String.valueOf(slo.grouping().maxGroups()));
    }
    if (!slo.attribution().equals(List.of(Dimension.operation()))) {
      annotations.put(Convention.ANN_ATTRIBUTION, sources(slo.attribution()));
    }
    Map<String, Object> events = new LinkedHashMap<>();
    events.put("service", slo.service());
    slo.operation().ifPresent(o -> events.put("operation", o));
    Map<String, Object> good = new LinkedHashMap<>(events);
    good.put("sli", sliText.get());
    Map<String, Object> ratio = ordered("counter", true,
        "good", Map.of("metricSource", ordered("type", Convention.SOURCE_TYPE, "spec", good)),
        "total", Map.of("metricSource", ordered("type", Convention.SOURCE_TYPE, "spec", events)));
    String percent = Convention.percent(slo.objective().getAsDouble()).toPlainString();
    Map<String, Object> objective = ordered("displayName", percent + " % good", "target", Convention.number(slo.objective().getAsDouble()));
    Map<String, Object> spec = ordered(
        "service", slo.service(),
        "indicator", ordered("metadata", Map.of("name", slo.name()), "spec", Map.of("ratioMetric", ratio)),
        "timeWindow", List.of(slo.calendar().map(WindowExport::calendar).orElseGet(() -> WindowExport.rolling(slo.window()))),
        "budgetingMethod", null,
        "objectives", List.of(objective));
    WindowExport.budgeting(spec, objective, slo.budgeting());
    List<BurnRateWindow> rows = alerting.burnRate().map(p -> p.windows()).orElse(List.of());
    List<Map<String, Object>> refs = new ArrayList<>();
    List<Map<String, Object>> policies = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String name = policyName(slo.name(), i + 1);
      refs.add(Map.of("alertPolicyRef", name));
      policies.add(policy(name, rows.get(i)));
    }
    if (!refs.isEmpty()) {
      spec.put("alertPolicies", refs);
    }
    docs.add(object("SLO", slo.name(), annotations, spec));
    docs.addAll(policies);
    exported++;
    return !rows.isEmpty();
  }

  /**
   * {@code <slo>-burn-rate-<row>}, within OpenSLO's {@value #MAX_NAME} characters: a long SLO name
   * keeps its start and a hash of the whole, so policies of different SLOs keep different names.
   */
  static String policyName(String slo, int row) {
    String suffix = "-burn-rate-" + row;
    if (slo.length() + suffix.length() <= MAX_NAME) {
      return slo + suffix;
    }
    String hash = String.format(Locale.ROOT, "%08x", slo.hashCode());
    String head = slo.substring(0, MAX_NAME - suffix.length() - hash.length() - 1).replaceAll("-+$", "");
    return head + "-" + hash + suffix;
  }

  private static String sources(List<Dimension> keys) {
    return String.join(",", keys.stream().map(Dimension::source).toList());
  }

  private static Map<String, Object> policy(String name, BurnRateWindow row) {
    Map<String, Object> condition = ordered("kind", "AlertCondition", "metadata", Map.of("name", name), "spec", ordered(
        "description", row.why(),
        "severity", row.severity().name().toLowerCase(Locale.ROOT),
        "condition", ordered("kind", "burnrate", "op", "gt", "threshold", Convention.number(row.factor()),
            "lookbackWindow", Durations.format(row.longWindow()), "alertAfter", Durations.format(row.shortWindow()))));
    return object("AlertPolicy", name, Map.of(), ordered(
        "description", row.why(),
        "alertWhenBreaching", true,
        "alertWhenResolved", true,
        "alertWhenNoData", false,
        "conditions", List.of(condition),
        "notificationTargets", List.of(Map.of("targetRef", Convention.ALERTMANAGER))));
  }

  private static Map<String, Object> object(String kind, String name, Map<String, Object> annotations, Map<String, Object> spec) {
    Map<String, Object> metadata = ordered("name", name);
    if (!annotations.isEmpty()) {
      metadata.put("annotations", annotations);
    }
    return ordered("apiVersion", Convention.API_VERSION, "kind", kind, "metadata", metadata, "spec", spec);
  }

  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  Report report() {
    return report;
  }

  public int exported() {
    return exported;
  }

  /** The documents as one YAML stream ({@code ---} before each). */
  public String yaml() {
    if (docs.isEmpty()) {
      return ""; // nothing exportable: the report says why (an empty sequence is not a YAML stream the writer can emit)
    }
    StringWriter out = new StringWriter();
    try (SequenceWriter w = YAML.writer().writeValues(out)) {
      w.writeAll(docs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
