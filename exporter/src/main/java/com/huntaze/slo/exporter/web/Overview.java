package com.huntaze.slo.exporter.web;

import com.huntaze.slo.exporter.alerting.AlertBook;
import com.huntaze.slo.exporter.view.HealthScore;
import com.huntaze.slo.exporter.view.SloView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything the status page and {@code /api/slos} show, taken at one instant.
 *
 * @param ready whether the latest status of every SLO is held yet (else the page says values may be incomplete)
 * @param staleAfter a status older than this is flagged stale (the processor publishes every few seconds)
 */
public record Overview(Instant now, boolean ready, List<SloView> slos, List<AlertBook.TargetStats> alertmanagers,
                       List<AlertBook.AlertView> heldAlerts, Duration staleAfter) {

  public Overview {
    slos = List.copyOf(slos);
    alertmanagers = List.copyOf(alertmanagers);
    heldAlerts = List.copyOf(heldAlerts);
  }

  /** Service and overall scores of the SLOs shown. */
  public HealthScore.Summary health() {
    return HealthScore.summarize(slos);
  }

  public double ageSeconds(SloView s) {
    return s.ageSeconds(now);
  }

  public boolean stale(SloView s) {
    return s.stale(now, staleAfter);
  }
}
