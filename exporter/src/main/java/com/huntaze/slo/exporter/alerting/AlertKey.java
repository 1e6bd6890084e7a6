package com.huntaze.slo.exporter.alerting;

import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.schemas.slo.ReadableValues;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The identity of an alert in Alertmanager: its label set. The group labels of a grouped SLO are part
 * of it, so a burn in 20 groups is 20 alerts, each resolved on its own.
 *
 * @param groupLabels label -> value of the group; empty for the SLO as a whole
 */
public record AlertKey(String alertName, String slo, String service, String severity,
                       SortedMap<String, String> groupLabels) implements Comparable<AlertKey> {
  private static final Comparator<AlertKey> ORDER = Comparator.comparing(AlertKey::slo)
      .thenComparing(AlertKey::alertName).thenComparing(AlertKey::severity).thenComparing(AlertKey::service)
      .thenComparing(k -> k.groupLabels().toString());

  public AlertKey {
    groupLabels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(groupLabels));
  }

  public AlertKey(String alertName, String slo, String service, String severity) {
    this(alertName, slo, service, severity, new TreeMap<>());
  }

  public static AlertKey of(SloAlert alert) {
    Map<String, String> group = alert.getGroupLabels();
    return new AlertKey(alert.getAlertName(), alert.getSlo(), alert.getService(), alert.getSeverity(),
        new TreeMap<>(group == null ? Map.of() : group));
  }

  @Override
  public int compareTo(AlertKey o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    // values as the status page writes a group's: one line (this names alerts in the log too), never read as another
    StringBuilder b = new StringBuilder(alertName).append("{slo=").append(slo).append(",service=")
        .append(ReadableValues.readable(service)).append(",severity=").append(severity);
    groupLabels.forEach((k, v) -> b.append(',').append(k).append('=').append(ReadableValues.readable(v)));
    return b.append('}').toString();
  }
}
