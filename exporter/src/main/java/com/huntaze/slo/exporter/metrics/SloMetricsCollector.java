package com.huntaze.slo.exporter.metrics;

import static com.huntaze.slo.exporter.metrics.MetricNames.*;

import com.huntaze.slo.exporter.state.StatusStore;
import com.huntaze.slo.exporter.view.AlertStatus;
import com.huntaze.slo.exporter.view.BudgetPeriod;
import com.huntaze.slo.exporter.view.EventAdmissions;
import com.huntaze.slo.exporter.view.HealthScore;
import com.huntaze.slo.exporter.view.SloSpec;
import com.huntaze.slo.exporter.view.SloView;
import com.huntaze.slo.exporter.view.SloWindow;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Maps the held {@link SloView}s to Prometheus samples at scrape time. Values are read from the store
 * on every scrape, so an SLO that disappears (tombstone) leaves no stale series.
 *
 * <p>No data is no sample: a null SLI, budget, burn rate, throughput or score, an empty quantile map,
 * an SLO without objective emit nothing for that metric; a window's event counts are facts (0 events
 * is a count, not a guess) and are always emitted.
 */
public final class SloMetricsCollector implements MultiCollector {
  private static final List<String> STATIC_NAMES = List.of(
      SLI_CURRENT_VALUE, SLI_TARGET, SLI_ERROR_BUDGET, HEALTH_SCORE_OVERALL, SLO_INFO, SLO_BURN_RATE,
      SLO_EVENTS, SLO_LATENCY_MS, SLO_LATENCY_THRESHOLD_MS, SLO_THROUGHPUT_RPS, SLO_THROUGHPUT_TARGET_RPS,
      SLO_ALERT_FIRING, SLO_ALERT_STATE, SLO_STATUS_AGE_SECONDS, SLO_LATE_EVENTS_DROPPED, SLO_LATE_EVENTS_APPLIED,
      SLO_LAST_LATE_EVENT_LATENESS_SECONDS, SLO_EVENTS_REJECTED, SLO_EVENTS_EXCLUDED, SLO_EXCLUDED_NOW, SLO_HEALTH_SCORE,
      SLO_SERVICE_HEALTH_SCORE, SLO_PERIOD_START_SECONDS, SLO_PERIOD_END_SECONDS, SLO_PERIOD_ELAPSED_RATIO,
      SLO_ERROR_BUDGET_PROJECTED);

  private final StatusStore store;
  private final Clock clock;
  private volatile Map<String, SeriesLabels> labelsBySlo = Map.of();

  public SloMetricsCollector(StatusStore store, Clock clock) {
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public MetricSnapshots collect() {
    return snapshots(store.snapshot(), clock.instant());
  }

  @Override
  public List<String> getPrometheusNames() {
    return STATIC_NAMES;
  }

  /** The samples for these SLOs as of {@code now}. */
  MetricSnapshots snapshots(List<SloView> slos, Instant now) {
    Map<String, SeriesLabels> previousLabels = labelsBySlo;
    Map<String, SeriesLabels> currentLabels = new HashMap<>(slos.size() * 2);
    Gauges g = new Gauges();
    List<InfoDataPointSnapshot> info = new ArrayList<>();
    for (SloView s : slos) {
      SloSpec spec = s.spec();
      SeriesLabels labels = previousLabels.get(spec.name());
      if (labels == null) {
        labels = new SeriesLabels(spec.name());
      }
      currentLabels.put(spec.name(), labels);
      Labels name = labels.name();
      info.add(InfoDataPointSnapshot.builder().labels(Labels.of(
          NAME, spec.name(), SERVICE, spec.service(), OPERATION, spec.operation() == null ? "" : spec.operation(),
          SLI_KIND, spec.sliKind(), WINDOW, s.windowLabel())).build());

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
      g.add(SLO_HEALTH_SCORE, s.healthScore(), name);
      BudgetPeriod period = s.period();
      if (period.isCalendar()) {
        g.add(SLO_PERIOD_START_SECONDS, period.start().getEpochSecond() + 0.0, name);
        g.add(SLO_PERIOD_END_SECONDS, period.end().getEpochSecond() + 0.0, name);
        g.add(SLO_PERIOD_ELAPSED_RATIO, period.elapsed(), name);
        g.add(SLO_ERROR_BUDGET_PROJECTED, period.projected(), name);
      }
    }
    labelsBySlo = currentLabels; // an SLO that went away takes its labels with it

    HealthScore.Summary health = HealthScore.summarize(slos);
    Map<String, Double> parts = new TreeMap<>();
    health.perService().forEach((service, score) -> {
      g.add(SLO_SERVICE_HEALTH_SCORE, score, Labels.of(SERVICE, service));
      parts.merge(healthScorePart(service), score, Math::min);
    });
    g.add(HEALTH_SCORE_OVERALL, health.overall(), Labels.EMPTY);
    parts.forEach((part, score) -> g.add(part, score, Labels.EMPTY));

    List<MetricSnapshot> out = new ArrayList<>(g.build());
    if (!info.isEmpty()) {
      InfoSnapshot.Builder b = InfoSnapshot.builder().name("slo")
          .help("One series per SLO: its service, operation glob, SLI kind and window (value always 1)");
      info.forEach(b::dataPoint);
      out.add(b.build());
    }
    return new MetricSnapshots(out);
  }

  private static final Map<String, String> HELP = Map.ofEntries(
      Map.entry(SLI_CURRENT_VALUE, "SLI over the SLO window: good/total events, 0..1 (absent = no data)"),
      Map.entry(SLI_TARGET, "SLO objective as a ratio of good events, 0..1"),
      Map.entry(SLI_ERROR_BUDGET, "Error budget left as a fraction of the whole: 1 untouched, 0 spent, negative overspent"),
      Map.entry(HEALTH_SCORE_OVERALL, "Mean of the per-service health scores, 0..100 (docs/exporter.md)"),
      Map.entry(SLO_BURN_RATE, "Error budget burn rate over the window (1 = spending exactly the budget)"),
      Map.entry(SLO_EVENTS, "Events in the trailing window by result"),
      Map.entry(SLO_LATENCY_MS, "Latency quantile in milliseconds over the threshold-evaluation window"),
      Map.entry(SLO_LATENCY_THRESHOLD_MS, "Latency SLO: the threshold under which an event is good, in milliseconds"),
      Map.entry(SLO_THROUGHPUT_RPS, "Requests per second over the threshold-evaluation window"),
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
      Map.entry(SLO_ERROR_BUDGET_PROJECTED, "Calendar window: error budget left at the period's end if the last day's burn rate holds"));

  /** Collects gauge samples by metric name, in first-seen order. */
  private static final class Gauges {
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
}
