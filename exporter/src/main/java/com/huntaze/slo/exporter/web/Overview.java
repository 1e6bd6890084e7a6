package com.huntaze.slo.exporter.web;

import com.huntaze.slo.exporter.alerting.AlertBook;
import com.huntaze.slo.exporter.alerting.AlertView;
import com.huntaze.slo.exporter.view.GroupedSlo;
import com.huntaze.slo.exporter.view.HealthScore;
import com.huntaze.slo.exporter.view.SloView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the status page and {@code /api/slos} show, taken at one instant.
 *
 * @param grouped each SLO with its groups; an SLO whose whole status has not arrived yet (its groups
 *     may sit in other partitions) is held but not shown
 * @param ready whether the latest status of every SLO is held yet (else the page says values may be incomplete)
 * @param staleAfter a status older than this is flagged stale (the processor publishes every few seconds)
 */
public record Overview(Instant now, boolean ready, List<GroupedSlo> grouped, List<AlertBook.TargetStats> alertmanagers,
                       List<AlertView> heldAlerts, Duration staleAfter) {

  public Overview {
    grouped = grouped.stream().filter(g -> g.whole() != null).toList();
    alertmanagers = List.copyOf(alertmanagers);
    heldAlerts = List.copyOf(heldAlerts);
  }

  /** @param instances SLOs as a whole and groups, each SLO's instances together ({@code StatusStore#snapshot}) */
  public static Overview of(Instant now, boolean ready, List<SloView> instances, List<AlertBook.TargetStats> alertmanagers,
                            List<AlertView> heldAlerts, Duration staleAfter) {
    return new Overview(now, ready, GroupedSlo.of(instances), alertmanagers, heldAlerts, staleAfter);
  }

  /** The SLOs as a whole, by name. */
  public List<SloView> slos() {
    return grouped.stream().map(GroupedSlo::whole).toList();
  }

  public Optional<GroupedSlo> slo(String name) {
    return grouped.stream().filter(g -> Objects.equals(g.name(), name)).findFirst();
  }

  /** Service and overall scores of the SLOs shown (as a whole: groups are part of their SLO). */
  public HealthScore.Summary health() {
    return HealthScore.summarize(slos());
  }

  public double ageSeconds(SloView s) {
    return s.ageSeconds(now);
  }

  public boolean stale(SloView s) {
    return s.stale(now, staleAfter);
  }
}
