package com.huntaze.slo.processor.openslo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Objects given inline or by reference ({@code indicatorRef}, {@code alertPolicyRef}, {@code conditionRef}, {@code targetRef}). */
final class Refs {
  /** An object and where it lives: inline, the path inside the referring document; by reference, its own document. */
  record Found(JsonNode object, Report.At at) {
  }

  private final OpenSloDocs docs;
  private final Report report;
  private final Set<OpenSloDocs.Doc> used = new HashSet<>();

  Refs(OpenSloDocs docs, Report report) {
    this.docs = docs;
    this.report = report;
  }

  /**
   * The object of {@code entry} (an inline object, or a mapping with {@code refField}). A reference
   * that does not resolve, or an inline object of another kind, is reported, as skipping the whole
   * SLO when {@code whole} and as leaving out this part otherwise.
   */
  Optional<Found> resolve(JsonNode entry, Report.At at, String refField, String kind, boolean whole) {
    JsonNode ref = entry.get(refField);
    if (ref != null) {
      Optional<OpenSloDocs.Doc> doc = ref.isTextual() ? docs.find(kind, ref.asText()) : Optional.empty();
      if (doc.isEmpty()) {
        fail(at.field(refField), whole, "'" + ref.asText() + "' does not resolve: no " + kind + " of that name in the files given",
            "pass the file that defines it too, or define it inline");
        return Optional.empty();
      }
      used.add(doc.get());
      return Optional.of(new Found(doc.get().node(), new Report.At(doc.get(), "")));
    }
    if (!entry.isObject() || !entry.has("spec")) {
      fail(at, whole, "expected an inline " + kind + " (metadata, spec) or " + refField,
          "define it inline with metadata and spec, or write " + refField + ": <name>");
      return Optional.empty();
    }
    if (entry.has("kind") && !kind.equals(entry.get("kind").asText())) {
      fail(at.field("kind"), whole, "'" + entry.get("kind").asText() + "' where a " + kind + " belongs", "write kind: " + kind);
      return Optional.empty();
    }
    return Optional.of(new Found(entry, at));
  }

  /** Whether some SLO referred to this object. */
  boolean used(OpenSloDocs.Doc doc) {
    return used.contains(doc);
  }

  private void fail(Report.At at, boolean whole, String message, String todo) {
    if (whole) {
      report.skipped(at, message, todo);
    } else {
      report.leftOut(at, message, todo);
    }
  }
}
