package com.huntaze.slo.processor.core;

/** Where one alert (name + severity) of one SLO stands; persisted with the SLO's state. */
public final class AlertTrack {
  final String alertName;
  final String severity;
  boolean firing;
  long sinceMillis;
  long lastSentMillis;
  /** For burn-rate alerts, the policy row that fired last: resolutions report on it. */
  int row;

  public AlertTrack(String alertName, String severity, boolean firing, long sinceMillis, long lastSentMillis, int row) {
    this.alertName = alertName;
    this.severity = severity;
    this.firing = firing;
    this.sinceMillis = sinceMillis;
    this.lastSentMillis = lastSentMillis;
    this.row = row;
  }

  public String alertName() {
    return alertName;
  }

  public String severity() {
    return severity;
  }

  public boolean firing() {
    return firing;
  }

  public long sinceMillis() {
    return sinceMillis;
  }

  public long lastSentMillis() {
    return lastSentMillis;
  }

  public int row() {
    return row;
  }

  String key() {
    return alertName + "/" + severity;
  }
}
