package com.huntaze.slo.exporter.web;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import com.huntaze.slo.exporter.alerting.AlertBook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything the status page and {@code /api/slos} show, taken at one instant.
 *
 * @param staleAfter a status older than this is flagged stale (the processor publishes every few seconds)
 */
public record Overview(Instant now, boolean ready, List<SloStatus> slos, List<AlertBook.TargetStats> alertmanagers,
                       List<AlertBook.AlertView> heldAlerts, Duration staleAfter) {

  public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(2);

  public Overview {
    slos = List.copyOf(slos);
    alertmanagers = List.copyOf(alertmanagers);
    heldAlerts = List.copyOf(heldAlerts);
  }

  public static double ageSeconds(SloStatus s, Instant now) {
    return Math.max(0, Duration.between(s.getAsOf(), now).toMillis() / 1000.0);
  }

  public boolean stale(SloStatus s) {
    return Duration.between(s.getAsOf(), now).compareTo(staleAfter) > 0;
  }

  /** The status's windows, shortest first, one per label. */
  public static List<WindowStats> windows(SloStatus s) {
    List<WindowStats> out = new ArrayList<>();
    s.getWindows().stream().sorted(Comparator.comparingLong(WindowStats::getSeconds)).forEach(w -> {
      if (out.stream().noneMatch(o -> o.getWindow().equals(w.getWindow()))) {
        out.add(w);
      }
    });
    return out;
  }
}
