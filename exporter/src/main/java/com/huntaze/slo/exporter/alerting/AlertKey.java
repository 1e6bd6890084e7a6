package com.huntaze.slo.exporter.alerting;

import com.huntaze.slo.avro.SloAlert;

/** The identity of an alert in Alertmanager: its label set. */
public record AlertKey(String alertName, String slo, String service, String severity) implements Comparable<AlertKey> {

  public static AlertKey of(SloAlert alert) {
    return new AlertKey(alert.getAlertName(), alert.getSlo(), alert.getService(), alert.getSeverity());
  }

  @Override
  public int compareTo(AlertKey o) {
    int c = slo.compareTo(o.slo);
    if (c == 0) {
      c = alertName.compareTo(o.alertName);
    }
    if (c == 0) {
      c = severity.compareTo(o.severity);
    }
    return c == 0 ? service.compareTo(o.service) : c;
  }

  @Override
  public String toString() {
    return alertName + "{slo=" + slo + ",service=" + service + ",severity=" + severity + "}";
  }
}
