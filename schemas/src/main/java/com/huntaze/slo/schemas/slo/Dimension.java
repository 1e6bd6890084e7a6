package com.huntaze.slo.schemas.slo;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One thing an event can be told apart by, as named in {@code groupBy:} and {@code attribution:}:
 * its {@code operation}, or one of its attributes ({@code attributes.region}). An event without
 * the attribute has the value {@code ""}.
 *
 * @param source as written in slos.yaml: {@code operation} or {@code attributes.<name>}
 * @param attribute the attribute's name; empty for the operation
 * @param label the Prometheus label the value is exported under: the attribute's name with every
 *     character outside {@code [a-zA-Z0-9_]} replaced by {@code _}, and {@code _} in front of a
 *     leading digit ({@code attributes.region} -> {@code region}, {@code attributes.k8s.pod} ->
 *     {@code k8s_pod})
 */
public record Dimension(String source, Optional<String> attribute, String label) {
  public static final String OPERATION = "operation";
  public static final String ATTRIBUTE_PREFIX = "attributes.";

  /**
   * Labels the exporter puts on an SLO's series itself (or Prometheus and Alertmanager give
   * meaning to): a group key exported under one of them would overwrite it. {@code operation} is
   * allowed only for the operation itself.
   */
  public static final Set<String> RESERVED_LABELS = Set.of(
      "name", "service", "operation", "sli_kind", "window", "result", "reason", "quantile", "severity",
      "alertname", "slo", "key", "value", "le", "job", "instance", "topic", "alertmanager");

  private static final Pattern INVALID_LABEL_CHARACTER = Pattern.compile("[^a-zA-Z0-9_]");

  public static Dimension operation() {
    return new Dimension(OPERATION, Optional.empty(), OPERATION);
  }

  public static Dimension attribute(String name) {
    return new Dimension(ATTRIBUTE_PREFIX + name, Optional.of(name), labelOf(name));
  }

  public boolean isOperation() {
    return attribute.isEmpty();
  }

  /** The Prometheus label name for an attribute name, by the rule in the class comment. */
  static String labelOf(String attributeName) {
    String label = INVALID_LABEL_CHARACTER.matcher(attributeName).replaceAll("_");
    return Character.isDigit(label.charAt(0)) ? "_" + label : label;
  }
}
