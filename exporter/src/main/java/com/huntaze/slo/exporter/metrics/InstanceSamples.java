package com.huntaze.slo.exporter.metrics;

import static com.huntaze.slo.exporter.metrics.MetricNames.*;

import com.huntaze.slo.exporter.view.AlertStatus;
import com.huntaze.slo.exporter.view.BudgetPeriod;
import com.huntaze.slo.exporter.view.Contributor;
import com.huntaze.slo.exporter.view.EventAdmissions;
import com.huntaze.slo.exporter.view.SloSpec;
import com.huntaze.slo.exporter.view.SloView;
import com.huntaze.slo.exporter.view.SloWindow;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The samples of one SLO instance: every per-SLO metric, labelled {@code name} plus, for a group, the
 * group's labels. What only the SLO as a whole has (its health score, group counts, attribution) is
 * emitted for the whole SLO only: a group's score would pull its service's score down twice, and the
 * processor attributes bad events for the whole SLO.
 */
final class InstanceSamples {
  private InstanceSamples() {
  }

  static void add(Gauges g, SloView s, SeriesLabels labels, Instant now) {
    SloSpec spec = s.spec();
    Labels name = labels.name();
    g.add(SLI_CURRENT_VALUE, s.sli(), name);
    g.add(SLI_TARGET, spec.objective(), name);
    g.add(SLI_ERROR_BUDGET, s.budgetRemaining(), name);
    for (SloWindow w : s.windows()) {
      g.add(SLO_BURN_RATE, w.burnRate(), labels.burnRate(w.label()));
      g.add(SLO_EVENTS, (double) w.good(), labels.events(RESULT_GOOD, w.label()));
      g.add(SLO_EVENTS, (double) w.bad(), labels.events(RESULT_BAD, w.label()));
    }
    for (Map.Entry<String, Double> q : s.latencyQuantiles().entrySet()) {
      g.add(SLO_LATENCY_MS, q.getValue(), labels.quantile(q.getKey()));
    }
    g.add(SLO_LATENCY_THRESHOLD_MS, spec.latencyThresholdMs(), name);
    g.add(SLO_THROUGHPUT_RPS, s.throughputRps(), name);
    g.add(SLO_THROUGHPUT_TARGET_RPS, spec.minRps(), name);
    for (AlertStatus a : s.alerts()) {
      g.add(SLO_ALERT_STATE, a.firing() ? 1.0 : 0.0, labels.alert(a.alertName(), a.severity()));
    }
    for (Map.Entry<String, Boolean> f : s.firingBySeverity().entrySet()) {
      g.add(SLO_ALERT_FIRING, f.getValue() ? 1.0 : 0.0, labels.severity(f.getKey()));
    }
    g.add(SLO_STATUS_AGE_SECONDS, s.ageSeconds(now), name);
    EventAdmissions admitted = s.admissions();
    g.add(SLO_LATE_EVENTS_DROPPED, (double) admitted.rejected(), name);
    g.add(SLO_LATE_EVENTS_APPLIED, (double) admitted.lateApplied(), name);
    g.add(SLO_LAST_LATE_EVENT_LATENESS_SECONDS, admitted.lastLatenessMs() == null ? null : admitted.lastLatenessMs() / 1000.0, name);
    g.add(SLO_EVENTS_REJECTED, (double) admitted.rejectedTooOld(), labels.rejected(true));
    g.add(SLO_EVENTS_REJECTED, (double) admitted.rejectedTooFarAhead(), labels.rejected(false));
    g.add(SLO_EVENTS_EXCLUDED, (double) admitted.excluded(), name);
    g.add(SLO_EXCLUDED_NOW, admitted.excludedAt(s.asOf()) ? 1.0 : 0.0, name);
    BudgetPeriod period = s.period();
    if (period.isCalendar()) {
      g.add(SLO_PERIOD_START_SECONDS, period.start().getEpochSecond() + 0.0, name);
      g.add(SLO_PERIOD_END_SECONDS, period.end().getEpochSecond() + 0.0, name);
      g.add(SLO_PERIOD_ELAPSED_RATIO, period.elapsed(), name);
      g.add(SLO_ERROR_BUDGET_PROJECTED, period.projected(), name);
    }
    if (s.grouping().isWhole()) {
      wholeOnly(g, s, labels);
    }
  }

  private static void wholeOnly(Gauges g, SloView s, SeriesLabels labels) {
    g.add(SLO_HEALTH_SCORE, s.healthScore(), labels.name());
    if (s.grouping().grouped()) {
      g.add(SLO_GROUPS, (double) s.grouping().tracked(), labels.name());
      g.add(SLO_GROUPS_OVERFLOWED, (double) s.grouping().overflowed(), labels.name());
    }
    List<Labels> top = labels.contributors(s);
    for (int i = 0; i < top.size(); i++) {
      Contributor c = s.topContributors().get(i);
      g.add(SLO_BAD_EVENTS_TOP, (double) c.bad(), top.get(i));
      g.add(SLO_BAD_EVENTS_TOP_SHARE, c.share(), top.get(i));
    }
  }
}
