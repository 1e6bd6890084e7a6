package com.huntaze.slo.processor.openslo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An OpenSLO indicator to the events of one service (and operation glob) and our SLI, by the
 * convention of {@link Convention}: a {@code huntaze} metric source, or {@code huntaze.com/sli}
 * annotations. Any other indicator is a metric query this pipeline cannot recount from events,
 * and is reported with what to write instead.
 */
final class IndicatorMapping {
  static final String WHAT_TO_DO = "this pipeline counts request events, not metric queries: send the service's events "
      + "(POST /v1/events) and set metricSource.type: huntaze with spec.sli: " + Convention.SLI_CHOICES
      + " (optional spec.operation: a glob), or annotate the SLO with huntaze.com/sli (docs/openslo.md)";

  /**
   * What counts: the service and operation of the events and the SLI text; {@code bareLatency}
   * when a threshold metric says {@code sli: latency} and the objective's op and value give the
   * threshold. {@code sliAt} is where the SLI text was written.
   */
  record Source(String service, Optional<String> operation, String sliText, boolean thresholdMetric, Report.At sliAt) {
  }

  private final Refs refs;
  private final OpenSloDocs docs;
  private final Report report;

  IndicatorMapping(Refs refs, OpenSloDocs docs, Report report) {
    this.refs = refs;
    this.docs = docs;
    this.report = report;
  }

  Optional<Source> read(OpenSloDocs.Doc slo) {
    JsonNode spec = slo.node().path("spec");
    Report.At sloAt = new Report.At(slo, "");
    Optional<Refs.Found> indicator;
    if (spec.has("indicator")) {
      indicator = Optional.of(new Refs.Found(spec.get("indicator"), sloAt.field("spec.indicator")));
    } else if (spec.has("indicatorRef")) {
      indicator = refs.resolve(spec, sloAt.field("spec"), "indicatorRef", "SLI", true);
    } else {
      report.skipped(sloAt.field("spec.indicator"), "missing (one of indicator or indicatorRef is required)", "add the SLO's SLI");
      return Optional.empty();
    }
    if (indicator.isEmpty()) {
      return Optional.empty();
    }
    JsonNode sloAnn = slo.node().path("metadata").path("annotations");
    JsonNode sliAnn = indicator.get().object().path("metadata").path("annotations");
    JsonNode ann = sloAnn.has(Convention.ANN_SLI) ? sloAnn : sliAnn;
    Report.At sloAnnAt = sloAt.field("metadata.annotations");
    Report.At annotationsAt = ann == sloAnn ? sloAnnAt : indicator.get().at().field("metadata.annotations");
    if (notText(spec, "service", sloAt.field("spec")) | notText(sloAnn, Convention.ANN_SERVICE, sloAnnAt)
        | notText(sloAnn, Convention.ANN_OPERATION, sloAnnAt) | ann != sloAnn && (notText(ann, Convention.ANN_SERVICE, annotationsAt)
        | notText(ann, Convention.ANN_OPERATION, annotationsAt))) {
      return Optional.empty();
    }
    String defaultService = spec.path("service").asText(null);
    if (ann.has(Convention.ANN_SLI)) {
      Report.At annAt = annotationsAt.field(Convention.ANN_SLI);
      String service = text(ann, Convention.ANN_SERVICE, text(sloAnn, Convention.ANN_SERVICE, defaultService));
      Optional<String> operation = Optional.ofNullable(text(ann, Convention.ANN_OPERATION, text(sloAnn, Convention.ANN_OPERATION, null)));
      JsonNode ispec = indicator.get().object().path("spec");
      if (!ispec.isMissingNode() && !isHuntaze(firstSource(ispec))) {
        report.note(indicator.get().at().field("spec"), "the indicator (" + describe(firstSource(ispec))
            + ") is not read: the " + Convention.ANN_SLI + " annotation says which events count");
      }
      return Optional.of(new Source(service, operation, ann.get(Convention.ANN_SLI).asText(), false, annAt));
    }
    Optional<Source> source = fromSpec(indicator.get().object().path("spec"), indicator.get().at().field("spec"), defaultService);
    if (source.isEmpty() && indicator.get().at().doc() != slo) {
      report.skipped(sloAt.field("spec.indicatorRef"), "the SLI '" + indicator.get().at().doc().name() + "' is not translated",
          "see the report's entry for " + indicator.get().at().doc().where());
    }
    return source;
  }

  private Optional<Source> fromSpec(JsonNode ispec, Report.At at, String defaultService) {
    if (ispec.has("ratioMetric")) {
      JsonNode rm = ispec.get("ratioMetric");
      Report.At rat = at.field("ratioMetric");
      if (rm.has("raw")) {
        report.skipped(rat.field("raw"), "a precomputed ratio (" + describe(rm.get("raw").path("metricSource"))
            + ") cannot be recounted from request events", WHAT_TO_DO);
        return Optional.empty();
      }
      String numerator = rm.has("good") ? "good" : rm.has("bad") ? "bad" : null;
      if (numerator == null || !rm.has("total")) {
        report.skipped(rat, "needs good (or bad) and total", "give good (or bad) and total, both huntaze sources");
        return Optional.empty();
      }
      JsonNode num = rm.get(numerator).path("metricSource");
      JsonNode total = rm.get("total").path("metricSource");
      if (!isHuntaze(num)) {
        report.skipped(rat, "a ratio metric of " + describe(num) + " has no event SLI here", WHAT_TO_DO);
        return Optional.empty();
      }
      if (!isHuntaze(total)) {
        report.skipped(rat.field("total.metricSource"), "the numerator counts huntaze events but the total is " + describe(total),
            "make total a huntaze source as well (spec: the same service and operation)");
        return Optional.empty();
      }
      JsonNode nspec = num.path("spec");
      JsonNode tspec = total.path("spec");
      for (String key : new String[] {"service", "operation"}) {
        if (tspec.has(key) && !Objects.equals(tspec.get(key).asText(), nspec.path(key).asText(null))) {
          report.skipped(rat.field("total.metricSource.spec." + key), "'" + tspec.get(key).asText() + "' differs from the "
              + numerator + " events' " + key + " '" + nspec.path(key).asText("(none)") + "'", "count good and total over the same events");
          return Optional.empty();
        }
      }
      return source(nspec, rat.field(numerator + ".metricSource.spec"), defaultService, false);
    }
    if (ispec.has("thresholdMetric")) {
      JsonNode ms = ispec.get("thresholdMetric").path("metricSource");
      if (!isHuntaze(ms)) {
        report.skipped(at.field("thresholdMetric"), "a threshold metric of " + describe(ms) + " has no event SLI here", WHAT_TO_DO);
        return Optional.empty();
      }
      return source(ms.path("spec"), at.field("thresholdMetric.metricSource.spec"), defaultService, true);
    }
    report.skipped(at, "needs ratioMetric or thresholdMetric", "give a ratioMetric of huntaze sources (docs/openslo.md)");
    return Optional.empty();
  }

  private Optional<Source> source(JsonNode spec, Report.At at, String defaultService, boolean threshold) {
    if (!spec.path("sli").isTextual()) {
      report.skipped(at.field("sli"), "missing: a huntaze source says which events are good", "write sli: " + Convention.SLI_CHOICES);
      return Optional.empty();
    }
    if (notText(spec, "service", at) | notText(spec, "operation", at)) {
      return Optional.empty();
    }
    return Optional.of(new Source(text(spec, "service", defaultService), Optional.ofNullable(text(spec, "operation", null)),
        spec.get("sli").asText(), threshold, at.field("sli")));
  }

  /**
   * The slos.yaml {@code sli:} for one objective: a threshold metric with {@code sli: latency}
   * takes its threshold from the objective ({@code op: lte, value: 300} = 300 ms).
   */
  Optional<Map<String, Object>> sli(Source source, JsonNode objective, Report.At objectiveAt) {
    if (source.thresholdMetric() && source.sliText().trim().equals("latency")) {
      String op = objective.path("op").asText("");
      if (!objective.path("value").isNumber() || !op.equals("lte")) {
        report.skipped(objectiveAt, "a latency threshold metric needs op: lte and a value in milliseconds, found op '" + op
            + "', value " + objective.path("value"), "write op: lte, value: 300 (good = latency <= 300 ms)");
        return Optional.empty();
      }
      return Convention.sli("latency <= " + objective.get("value").asText() + "ms");
    }
    Optional<Map<String, Object>> sli = Convention.sli(source.sliText());
    if (sli.isEmpty()) {
      report.skipped(source.sliAt(), "'" + source.sliText() + "' is not an SLI of the convention", "write " + Convention.SLI_CHOICES);
    }
    return sli;
  }

  private JsonNode firstSource(JsonNode ispec) {
    JsonNode rm = ispec.path("ratioMetric");
    for (String k : new String[] {"good", "bad", "raw"}) {
      if (rm.has(k)) {
        return rm.get(k).path("metricSource");
      }
    }
    return ispec.path("thresholdMetric").path("metricSource");
  }

  private boolean isHuntaze(JsonNode metricSource) {
    return Convention.SOURCE_TYPE.equalsIgnoreCase(type(metricSource));
  }

  /** The source's type, or that of the DataSource it refers to. */
  private String type(JsonNode metricSource) {
    if (metricSource.path("type").isTextual()) {
      return metricSource.get("type").asText();
    }
    String ref = metricSource.path("metricSourceRef").asText(null);
    return ref == null ? null : docs.find("DataSource", ref).map(d -> d.node().path("spec").path("type").asText(null)).orElse(null);
  }

  private String describe(JsonNode metricSource) {
    String type = type(metricSource);
    String query = metricSource.path("spec").path("query").asText("").trim();
    String ref = metricSource.path("metricSourceRef").asText(null);
    String what = type != null ? "type " + type : ref != null ? "metricSourceRef '" + ref + "' (no such DataSource)" : "no type";
    return what + (query.isEmpty() ? "" : ", query " + (query.length() > 80 ? query.substring(0, 77) + "..." : query));
  }

  /**
   * Whether a field that names a service or operation holds something other than text, reported:
   * YAML reads an unquoted 1e3 as the number 1000.0, so the name written cannot be known.
   */
  private boolean notText(JsonNode node, String field, Report.At at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.isTextual()) {
      return false;
    }
    report.skipped(at.field(field), "expected text, found " + (value.isArray() ? "a list" : value.isObject() ? "a mapping"
        : (value.isNumber() ? "the number " : "the value ") + value.asText()), "write it in quotes");
    return true;
  }

  private static String text(JsonNode node, String field, String otherwise) {
    return node.path(field).isTextual() ? node.get(field).asText() : otherwise;
  }
}
