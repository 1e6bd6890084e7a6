package com.huntaze.slo.exporter.metrics;

import static com.huntaze.slo.exporter.metrics.MetricNames.*;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects one scrape's gauge samples by metric name, in first-seen order, with each metric's help. */
final class Gauges {
  private static final Map<String, String> HELP = Map.ofEntries(
      Map.entry(SLI_CURRENT_VALUE, "SLI over the SLO window: good/total events, 0..1 (absent = no data)"),
      Map.entry(SLI_TARGET, "SLO objective as a ratio of good events, 0..1"),
      Map.entry(SLI_ERROR_BUDGET, "Error budget left as a fraction of the whole: 1 untouched, 0 spent, negative overspent"),
      Map.entry(HEALTH_SCORE_OVERALL, "Mean of the per-service health scores, 0..100 (docs/exporter.md)"),
      Map.entry(SLO_BURN_RATE, "Error budget burn rate over the window (1 = spending exactly the budget)"),
      Map.entry(SLO_EVENTS, "Events in the trailing window by result"),
      Map.entry(SLO_LATENCY_MS, "Latency quantile in milliseconds over the threshold-evaluation window"),
      Map.entry(SLO_LATENCY_THRESHOLD_MS, "Latency SLO: the threshold under which an event is good, in milliseconds"),
      Map.entry(SLO_THROUGHPUT_RPS, "Requests per second of the last complete minute (absent until one has completed, 0 when traffic stops)"),
      Map.entry(SLO_THROUGHPUT_TARGET_RPS, "Throughput SLO: the minimum requests per second"),
      Map.entry(SLO_ALERT_FIRING, "1 while any alert of this severity fires for the SLO, else 0"),
      Map.entry(SLO_ALERT_STATE, "Per alert the processor evaluates: 1 firing, 0 not"),
      Map.entry(SLO_STATUS_AGE_SECONDS, "Seconds since the SLO was last evaluated (data freshness)"),
      Map.entry(SLO_LATE_EVENTS_DROPPED, "Events refused, counted not applied: too old or too far ahead (sum of slo_events_rejected)"),
      Map.entry(SLO_LATE_EVENTS_APPLIED, "Events applied more than a minute behind the newest event of the SLO (they count in every window still covering them)"),
      Map.entry(SLO_LAST_LATE_EVENT_LATENESS_SECONDS, "How far behind the newest event the latest late event was (absent = none yet)"),
      Map.entry(SLO_EVENTS_REJECTED, "Events refused by reason: too_old (older than every window of the SLO), too_far_ahead (clock skew)"),
      Map.entry(SLO_EVENTS_EXCLUDED, "Events inside an excluded period (maintenance, corrections): counted neither good nor bad"),
      Map.entry(SLO_EXCLUDED_NOW, "1 while an excluded period covers the evaluation time (alerts hold their fire), else 0"),
      Map.entry(SLO_HEALTH_SCORE, "SLO health score 0..100 (docs/exporter.md)"),
      Map.entry(SLO_SERVICE_HEALTH_SCORE, "Service health score 0..100: its lowest SLO score"),
      Map.entry(SLO_PERIOD_START_SECONDS, "Calendar window: start of the current period, Unix seconds (the budget reset)"),
      Map.entry(SLO_PERIOD_END_SECONDS, "Calendar window: end of the current period, Unix seconds"),
      Map.entry(SLO_PERIOD_ELAPSED_RATIO, "Calendar window: share of the current period gone by, 0..1"),
      Map.entry(SLO_ERROR_BUDGET_PROJECTED, "Calendar window: error budget left at the period's end if the last day's burn rate holds"),
      Map.entry(SLO_GROUPS, "Grouped SLO: group instances tracked now"),
      Map.entry(SLO_GROUPS_OVERFLOWED, "Grouped SLO: distinct groups counted in _other because maxGroups was reached"),
      Map.entry(SLO_BAD_EVENTS_TOP, "Bad events of the top 10 contributors per window and attribution key"),
      Map.entry(SLO_BAD_EVENTS_TOP_SHARE, "Share of the SLO's bad events in the window of each top contributor, 0..1"));

  private final Map<String, List<GaugeDataPointSnapshot>> byName = new LinkedHashMap<>();

  void add(String metric, Double value, Labels labels) {
    if (value == null || !Double.isFinite(value)) {
      return; // no data: no sample
    }
    byName.computeIfAbsent(metric, k -> new ArrayList<>())
        .add(GaugeDataPointSnapshot.builder().value(value).labels(labels).build());
  }

  List<MetricSnapshot> build() {
    List<MetricSnapshot> out = new ArrayList<>();
    byName.forEach((metric, points) -> {
      GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(metric)
          .help(HELP.getOrDefault(metric, "Health score of one service, 0..100 (docs/exporter.md)"));
      points.forEach(b::dataPoint);
      out.add(b.build());
    });
    return out;
  }
}
