package com.huntaze.slo.exporter.metrics;

/** Window labels as the pipeline writes them (5m, 1h, 30d). */
public final class Windows {
  private Windows() {
  }

  /** The label of a window of {@code seconds}: whole days, hours or minutes where it divides. */
  public static String label(long seconds) {
    if (seconds > 0 && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds > 0 && seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds > 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
