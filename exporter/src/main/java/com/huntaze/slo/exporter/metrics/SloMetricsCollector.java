package com.huntaze.slo.exporter.metrics;

import static com.huntaze.slo.exporter.metrics.MetricNames.*;

import com.huntaze.slo.exporter.state.StatusStore;
import com.huntaze.slo.exporter.view.HealthScore;
import com.huntaze.slo.exporter.view.InstanceKey;
import com.huntaze.slo.exporter.view.SloSpec;
import com.huntaze.slo.exporter.view.SloView;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Maps the held {@link SloView}s to Prometheus samples at scrape time: each SLO as a whole and each
 * group of a grouped SLO ({@link InstanceSamples}), then the health scores of the SLOs as a whole.
 * Values are read from the store on every scrape, so an SLO or group that disappears (tombstone)
 * leaves no stale series.
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
      SLO_SERVICE_HEALTH_SCORE, SLO_GROUPS, SLO_GROUPS_OVERFLOWED, SLO_BAD_EVENTS_TOP, SLO_BAD_EVENTS_TOP_SHARE,
      SLO_PERIOD_START_SECONDS, SLO_PERIOD_END_SECONDS, SLO_PERIOD_ELAPSED_RATIO, SLO_ERROR_BUDGET_PROJECTED);

  private final StatusStore store;
  private final Clock clock;
  private volatile Map<InstanceKey, SeriesLabels> labelsByInstance = Map.of();

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

  /** The samples for these SLO instances as of {@code now}. */
  MetricSnapshots snapshots(List<SloView> instances, Instant now) {
    Map<InstanceKey, SeriesLabels> previousLabels = labelsByInstance;
    Map<InstanceKey, SeriesLabels> currentLabels = new HashMap<>(instances.size() * 2);
    Gauges g = new Gauges();
    List<InfoDataPointSnapshot> info = new ArrayList<>();
    List<SloView> wholes = new ArrayList<>();
    for (SloView s : instances) {
      SeriesLabels labels = previousLabels.get(s.key());
      if (labels == null) {
        labels = new SeriesLabels(s);
      }
      currentLabels.put(s.key(), labels);
      if (s.grouping().isWhole()) {
        // One info series per SLO, so that "* on (name) group_left (service) slo_info" stays one-to-one.
        SloSpec spec = s.spec();
        info.add(InfoDataPointSnapshot.builder().labels(Labels.of(
            NAME, spec.name(), SERVICE, spec.service(), OPERATION, spec.operation() == null ? "" : spec.operation(),
            SLI_KIND, spec.sliKind(), WINDOW, s.windowLabel())).build());
        wholes.add(s);
      }
      InstanceSamples.add(g, s, labels, now);
    }
    labelsByInstance = currentLabels; // an instance that went away takes its labels with it

    // Health summarises SLOs as a whole: a group is part of its SLO's score, not another SLO.
    HealthScore.Summary health = HealthScore.summarize(wholes);
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
}
