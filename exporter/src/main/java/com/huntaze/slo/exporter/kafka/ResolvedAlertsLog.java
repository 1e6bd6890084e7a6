package com.huntaze.slo.exporter.kafka;

import java.util.List;

/**
 * What the log says of alerts the exporter resolves itself: their SLO instance is gone, or a newer
 * status says they stopped firing. At every start the exporter reads days of alerts and statuses
 * again, and resolves once more the alerts of instances gone long ago; a line for each filled the
 * log at every restart. Until it has caught up they are counted and summed up in one line (each
 * still at debug level); from then on each gets its line.
 */
final class ResolvedAlertsLog {
  private long whileReading;
  private boolean summarized;

  /** The lines to log as information for alerts just resolved; while reading history, none (they are counted). */
  List<String> lines(List<String> resolved, boolean caughtUp) {
    if (caughtUp) {
      return resolved;
    }
    whileReading += resolved.size();
    return List.of();
  }

  /** Once caught up, the one line for the alerts resolved while reading history; null when none were, or said already. */
  String summary() {
    if (summarized || whileReading == 0) {
      return null;
    }
    summarized = true;
    return "resolved " + whileReading + (whileReading == 1 ? " alert" : " alerts") + " found firing in the alert history whose SLO "
        + "instance is gone or whose status says it stopped firing; Alertmanager is told (one it resolved already stays resolved); "
        + "each is logged at debug level";
  }
}
