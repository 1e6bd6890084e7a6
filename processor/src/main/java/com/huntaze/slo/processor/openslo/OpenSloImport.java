package com.huntaze.slo.processor.openslo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.schemas.slo.SloConfigException;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OpenSLO v1 objects to slos.yaml: one SLO per objective of each OpenSLO SLO, built as an ordered
 * map (the file's syntax, including calendar windows and budgeting methods), each checked by
 * {@link SloConfigLoader} before it is kept. Everything not carried is in the {@link Report}.
 */
public final class OpenSloImport {
  static final ObjectMapper YAML = YamlText.mapper(false);

  private static final Set<String> SLO_KEYS = new java.util.TreeSet<>(List.of("description", "service", "indicator", "indicatorRef",
      "timeWindow", "budgetingMethod", "objectives", "alertPolicies"));
  private static final Set<String> OBJECTIVE_KEYS = new java.util.TreeSet<>(List.of("displayName", "op", "value", "target",
      "targetPercent", "timeSliceTarget", "timeSliceWindow", "indicator", "indicatorRef", "compositeWeight"));

  private final OpenSloDocs docs = new OpenSloDocs();
  private final Report report = new Report();
  private final Refs refs = new Refs(docs, report);
  private final IndicatorMapping indicators = new IndicatorMapping(refs, docs, report);
  private final WindowMapping windows = new WindowMapping(report);
  private final AlertMapping alerts = new AlertMapping(refs, report);
  private final List<Map<String, Object>> slos = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private boolean checkingOnly;

  /** Adds a file's objects; a file that is not YAML throws with the parser's message. */
  public void read(String file, String text) throws JsonProcessingException {
    docs.read(file, text, report);
  }

  /** Translates every SLO read so far. */
  public void translate() {
    for (OpenSloDocs.Doc doc : docs.all()) {
      if (doc.kind().equals("SLO")) {
        slo(doc);
      }
    }
    checkingOnly = true; // an SLO whose name was taken: its other problems too, in the same run
    docs.duplicateSlos().forEach(this::slo);
    checkingOnly = false;
    for (OpenSloDocs.Doc doc : docs.all()) {
      Report.At at = new Report.At(doc, "");
      switch (doc.kind()) {
        case "SLO" -> { }
        case "Service" -> report.note(at, "a Service only groups SLOs; each SLO names its service (spec.service)");
        case "DataSource" -> report.note(at, "connection details are not used: events come from the event topic");
        default -> {
          if (!refs.used(doc)) {
            report.note(at, "not used by any translated SLO: nothing to translate on its own");
            if (doc.kind().equals("AlertPolicy")) {
              alerts.check(doc);
            }
          }
        }
      }
    }
  }

  /** Whether any file given holds an OpenSLO SLO document (read as openslo/v1). */
  boolean hasSloDocuments() {
    return docs.all().stream().anyMatch(d -> d.kind().equals("SLO"));
  }

  public List<Map<String, Object>> slos() {
    return List.copyOf(slos);
  }

  Report report() {
    return report;
  }

  /** The translated SLOs as slos.yaml text, or an empty string when there are none. */
  public String yaml() {
    if (slos.isEmpty()) {
      return "";
    }
    try {
      return "# Translated from OpenSLO v1 by 'processor openslo import' (docs/openslo.md)\n" + YAML.writeValueAsString(Map.of("slos", slos));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void slo(OpenSloDocs.Doc doc) {
    Report.At at = new Report.At(doc, "");
    JsonNode spec = doc.node().path("spec");
    unknownKeys(spec, SLO_KEYS, at.field("spec"));
    Optional<IndicatorMapping.Source> source = indicators.read(doc);
    if (source.isEmpty()) {
      return;
    }
    if (source.get().service() == null) {
      report.skipped(at.field("spec.service"), "missing: no service says whose events count",
          "write spec.service, or service in the huntaze source's spec");
      return;
    }
    // A refused window is reported and the objectives are still read: one run names every problem.
    WindowMapping.Window window = windows.window(spec, at).orElse(null);
    JsonNode objectives = spec.path("objectives");
    if (!objectives.isArray() || objectives.isEmpty()) {
      report.skipped(at.field("spec.objectives"), "missing: an SLO needs at least one objective with a target",
          "add objectives: [{target: 0.999}]");
      return;
    }
    Map<String, Object> alerting = alerts.alerting(doc, window != null && window.yaml() instanceof String s ? s : null);
    for (int i = 0; i < objectives.size(); i++) {
      objective(doc, source.get(), window, alerting, objectives.get(i), at.field("spec.objectives").item(i), objectives.size() > 1 ? i + 1 : 0);
    }
  }

  private void objective(OpenSloDocs.Doc doc, IndicatorMapping.Source source, WindowMapping.Window window, Map<String, Object> alerting,
                         JsonNode objective, Report.At at, int number) {
    boolean several = number > 0;
    if (objective.has("indicator") || objective.has("indicatorRef")) {
      report.skipped(at.field(objective.has("indicator") ? "indicator" : "indicatorRef"),
          "a composite objective (its own indicator) has no equivalent here", "define it as an SLO of its own");
      return;
    }
    unknownKeys(objective, OBJECTIVE_KEYS, at);
    // Every part is read, and each problem reported, before giving up: one run names them all.
    BigDecimal percent = target(objective, at);
    Optional<Optional<Object>> budgeting = windows.budgeting(doc.node().path("spec"), new Report.At(doc, ""), objective, at);
    Optional<Map<String, Object>> sli = indicators.sli(source, objective, at);
    String name = several ? doc.name() + "-" + suffix(objective, number) : doc.name();
    // A part already refused (null window or target, empty budgeting or SLI) gets a valid stand-in:
    // the loader then judges the rest, so its refusals are reported in the same run.
    boolean complete = window != null && !window.refused() && percent != null && budgeting.isPresent() && sli.isPresent();
    if (several && complete) {
      report.note(at, "becomes the SLO '" + name + "' (slos.yaml has one objective per SLO)");
    }
    Map<String, Object> slo = new LinkedHashMap<>();
    slo.put("name", name);
    slo.put("service", source.service());
    source.operation().ifPresent(o -> slo.put("operation", o));
    if (doc.node().path("spec").path("description").isTextual()) {
      slo.put("description", doc.node().path("spec").path("description").asText());
    }
    slo.put("objective", percent != null ? percent : 99);
    if (window != null) {
      slo.put("window", window.yaml());
    }
    budgeting.flatMap(b -> b).ifPresent(b -> slo.put("budgeting", b));
    slo.put("sli", sli.orElse(Map.of("availability", Map.of())));
    if (!alerting.isEmpty()) {
      slo.put("alerting", alerting);
    }
    grouping(doc, slo);
    if (validate(slo, at, complete) && complete && !checkingOnly && unique(name, at)) {
      slos.add(slo);
    }
  }

  /** The objective as a percentage, or null after reporting why there is none. */
  private BigDecimal target(JsonNode objective, Report.At at) {
    if (objective.has("target") == objective.has("targetPercent")) {
      report.skipped(at.field("target"), objective.has("target") ? "both target and targetPercent are given"
          : "missing (target 0..1 or targetPercent)", "write one of them, e.g. target: 0.999");
      return null;
    }
    String field = objective.has("target") ? "target" : "targetPercent";
    if (!objective.get(field).isNumber()) {
      report.skipped(at.field(field), objective.get(field) + " is not a number",
          field.equals("target") ? "write e.g. target: 0.999" : "write e.g. targetPercent: 99.9");
      return null;
    }
    double value = objective.get(field).asDouble();
    if (field.equals("target") && !(value > 0 && value < 1)) {
      // Said here, in the user's own number: translated first, "target: 99.9" was refused as "objective: 9990".
      // 50..100 reads as a percent written where a fraction goes; anything else gets no guess.
      report.skipped(at.field(field), objective.get(field) + " is not between 0 and 1 (exclusive): target is a fraction",
          value >= 50 && value < 100 ? "write target: " + Convention.number(value / 100).toPlainString()
              + ", or targetPercent: " + objective.get(field) : "write e.g. target: 0.999");
      return null;
    }
    return field.equals("target") ? Convention.percent(value) : Convention.number(value);
  }

  /** {@code groupBy}, {@code maxGroups} and {@code attribution} from the SLO's annotations; the loader checks them. */
  private void grouping(OpenSloDocs.Doc doc, Map<String, Object> slo) {
    JsonNode ann = doc.node().path("metadata").path("annotations");
    for (String[] key : new String[][] {{Convention.ANN_GROUP_BY, "groupBy"}, {Convention.ANN_ATTRIBUTION, "attribution"}}) {
      if (ann.path(key[0]).isValueNode()) {
        slo.put(key[1], List.of(ann.get(key[0]).asText().split("\\s*,\\s*")));
      }
    }
    if (ann.path(Convention.ANN_MAX_GROUPS).isValueNode()) {
      String text = ann.get(Convention.ANN_MAX_GROUPS).asText().trim();
      slo.put("maxGroups", text.matches("[0-9]{1,9}") ? (Object) Integer.valueOf(text) : text);
    }
  }

  /** Fields OpenSLO v1 does not define are reported, not ignored: a misspelt budgetingMethod must not pass unseen. */
  private void unknownKeys(JsonNode node, Set<String> known, Report.At at) {
    node.fieldNames().forEachRemaining(k -> {
      if (!known.contains(k)) {
        report.leftOut(at.field(k), "not an OpenSLO v1 field, not read", "check its spelling; the fields: " + String.join(", ", known));
      }
    });
  }

  private static String suffix(JsonNode objective, int number) {
    String display = objective.path("displayName").asText("").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
    return display.isEmpty() ? String.valueOf(number) : display;
  }

  private boolean unique(String name, Report.At at) {
    if (!names.add(name)) {
      report.skipped(at, "another translated SLO is already named '" + name + "'", "rename one of the OpenSLO SLOs");
      return false;
    }
    return true;
  }

  /**
   * Runs the SLO through the loader, calendar window and budgeting included: the output always
   * loads. Each refusal is reported at the OpenSLO field it comes from, so that the user knows what
   * to change there.
   */
  private boolean validate(Map<String, Object> slo, Report.At at, boolean complete) {
    try {
      SloConfig config = SloConfigLoader.parse(at.doc().where(), YAML.writeValueAsString(Map.of("slos", List.of(slo))));
      if (complete) {
        config.warnings().forEach(w -> report.note(at, w));
      }
      return true;
    } catch (SloConfigException e) {
      e.errors().forEach(error -> refused(error, at));
      return false;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The annotation a loader error's field was translated from, or null. */
  private static String annotationOf(String error) {
    return error.contains(": groupBy") ? Convention.ANN_GROUP_BY : error.contains(": maxGroups") ? Convention.ANN_MAX_GROUPS
        : error.contains(": attribution") ? Convention.ANN_ATTRIBUTION : null;
  }

  /** One loader error, at the field of the OpenSLO document that produced the slos.yaml field it names. */
  private void refused(String error, Report.At objectiveAt) {
    String message = "slos.yaml refuses the translation: " + error;
    Report.At window = new Report.At(objectiveAt.doc(), "spec.timeWindow").item(0);
    if (error.contains(": window.timeZone")) {
      report.skipped(window.field("calendar.timeZone"), message, "use a time zone with whole-hour offsets (or UTC)");
    } else if (error.contains(": window")) {
      report.skipped(window, message, "fix the window");
    } else if (error.contains(": budgeting") && error.contains("goodIf")) {
      report.skipped(objectiveAt.field("timeSliceTarget"), message, "write timeSliceTarget in (0, 1], e.g. 0.99");
    } else if (error.contains(": budgeting")) {
      report.skipped(objectiveAt.field("timeSliceWindow"), message, "use a timeSliceWindow of 1m, 10m or 1h that the window can hold "
          + "(a longer slice for a longer window)");
    } else if (annotationOf(error) != null) {
      report.skipped(new Report.At(objectiveAt.doc(), "metadata.annotations[" + annotationOf(error) + "]"), message, "fix the annotation");
    } else if (error.contains(": objective:")) {
      report.skipped(objectiveAt, message, "write target in (0, 1), e.g. 0.999, or targetPercent in (0, 100)");
    } else if (error.contains(": name")) {
      report.skipped(new Report.At(objectiveAt.doc(), "metadata.name"), message, "rename the SLO");
    } else {
      report.skipped(objectiveAt, message, "fix the OpenSLO document");
    }
  }
}
