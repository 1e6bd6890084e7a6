package com.huntaze.slo.schemas.slo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Errors and warnings found while reading slos.yaml, each with the SLO and field it concerns, and the words for values. */
final class SloValidation {
  final List<String> errors = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();

  void error(String message) {
    errors.add(message);
  }

  void warning(String message) {
    warnings.add(message);
  }

  void unknownKeys(String prefix, JsonNode node, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        error(prefix + "unknown key '" + key + "'" + (allowed.isEmpty() ? " (this takes no options: {})" : " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")"));
      }
    }
  }

  /**
   * A window counts whole buckets of its length (minutes up to 6h, ten minutes up to 3d, hours
   * beyond), so a written 605m counts 610m under the label 605m. Said, not refused: the counts are
   * exact for what is covered, but the user would not guess it from the label.
   */
  void wholeBuckets(String at, Duration window) {
    Duration covered = WindowBuckets.covered(window);
    if (!covered.equals(window)) {
      Duration bucket = WindowBuckets.bucketOf(window);
      warning(at + ": " + Durations.format(window) + " is counted in whole " + WindowBuckets.bucketName(window)
          + " buckets, so it covers " + Durations.format(covered) + " while labelled " + Durations.format(window)
          + "; write " + Durations.format(covered.minus(bucket)) + " or " + Durations.format(covered));
    }
  }

  /** A time zone by its IANA name; null, with the error at {@code at}, when there is none such. */
  ZoneId zone(String at, JsonNode node) {
    try {
      return ZoneId.of(node.asText());
    } catch (DateTimeException e) {
      error(at + ": " + describe(node) + " is not a time zone (use an IANA name such as Europe/Paris, or UTC)");
      return null;
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
  }

  static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "nothing";
    }
    if (node.isTextual()) {
      return ReadableValues.quoted(node.asText()); // on one line, whatever the text holds
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return node.isEmpty() ? "an empty mapping" : "a mapping with keys " + fieldNames(node);
    }
    return node.asText();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * A percentage as written (99.9) as a fraction (0.999): divided in decimal, so it is the double
   * nearest to what the user wrote; 99.9 / 100 in binary is 0.9990000000000001, which users would
   * read in sli_target and /api/slos.
   */
  static double fraction(JsonNode percent) {
    return percent.decimalValue().movePointLeft(2).doubleValue();
  }

  static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(Math.round(d * 1e6) / 1e6);
  }
}
