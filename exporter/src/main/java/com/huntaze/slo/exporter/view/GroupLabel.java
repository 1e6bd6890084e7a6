package com.huntaze.slo.exporter.view;

import com.huntaze.slo.schemas.slo.InstanceKeys;
import com.huntaze.slo.schemas.slo.ReadableValues;
import com.huntaze.slo.schemas.slo.Dimension;
import java.util.List;
import java.util.Objects;

/**
 * One key of a group of a grouped SLO and the group's value for it.
 *
 * @param label the Prometheus label the value goes under ({@code operation}, {@code region}); the
 *     processor sanitised it ({@code schemas.slo.Dimension})
 * @param source as in slos.yaml: {@code operation} or {@code attributes.<name>}
 * @param value the group's value; {@code ""} for events without the attribute, {@code _other} for the overflow
 */
public record GroupLabel(String label, String source, String value) {
  /**
   * What an empty value becomes in a Prometheus or Alertmanager label: both treat an empty label as
   * absent, so a group of events without the attribute would otherwise carry the labels of the SLO as a
   * whole (same series, same alert). The status page and {@code /api/slos} keep {@code ""}.
   */
  public static final String EMPTY_VALUE_LABEL = "_none";

  public GroupLabel {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(value, "value");
  }

  /** Whether this group's label may go on series and alerts ({@link #exportableLabel}). */
  public boolean exportable() {
    return exportableLabel(label);
  }

  /**
   * Whether a group label may go on series and alerts: never over one the exporter sets itself
   * ({@link Dimension#RESERVED_LABELS}), except {@code operation}, which only the operation itself may
   * be exported under (the processor's loader refuses the rest; this guards a scrape or a push against
   * a record that slipped through).
   */
  public static boolean exportableLabel(String label) {
    return !Dimension.RESERVED_LABELS.contains(label) || Dimension.OPERATION.equals(label);
  }

  /** The value as a label value: {@link #EMPTY_VALUE_LABEL} for {@code ""}. */
  public String labelValue() {
    return asLabelValue(value);
  }

  /**
   * Any group or attribution value as a label value: {@link #EMPTY_VALUE_LABEL} for {@code ""}, and
   * one more leading underscore for a real {@code _none} ({@code __none}, ...), so two values never
   * share a series (a duplicate series fails the whole scrape).
   */
  public static String asLabelValue(String value) {
    return value.isEmpty() ? EMPTY_VALUE_LABEL : InstanceKeys.escapeReserved(value, EMPTY_VALUE_LABEL);
  }

  /**
   * The group part of an instance key, {@code {label="value",...}} in groupBy order with values escaped
   * like Prometheus label values (backslash, double quote, newline) and any other character below
   * U+0020 as {@code \xhh} ({@link InstanceKeys}); {@code ""} for the SLO as a whole.
   * The processor keys {@code slo.status} by {@code name + groupKey(group)}.
   */
  public static String groupKey(List<GroupLabel> group) {
    return InstanceKeys.groupPart(group.stream().map(GroupLabel::label).toList(), group.stream().map(GroupLabel::value).toList());
  }

  /**
   * "operation=GET /x, region=eu" for people; "(none)" stands for an empty value. A value that could
   * read as another (spaces around it, which HTML collapses; "(none)"; quotes, backslashes, a comma that
   * would read as a second label; characters one cannot see, such as a newline, a zero-width space or a
   * right-to-left override) is quoted, {@code \\} and {@code \"} escaped, {@code \n}, and the unseen
   * characters as {@code \\uXXXX}: two groups never read the same.
   */
  public static String describe(List<GroupLabel> group) {
    StringBuilder b = new StringBuilder();
    for (GroupLabel g : group) {
      b.append(b.length() == 0 ? "" : ", ").append(g.label()).append('=').append(ReadableValues.readable(g.value()));
    }
    return b.toString();
  }
}
