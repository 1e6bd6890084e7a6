package com.huntaze.slo.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.state.StatusStore;
import com.huntaze.slo.exporter.testing.StatusJson;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SloMetricsCollectorTest {
  static final Instant NOW = Instant.parse("2026-11-24T10:00:30Z");
  final List<SloStatus> seed = StatusJson.readResource("metrics/seed-slos/in.json");
  final StatusStore store = new StatusStore();
  final SloMetricsCollector collector = new SloMetricsCollector(store, Clock.fixed(NOW, ZoneOffset.UTC));

  static Optional<GaugeDataPointSnapshot> sample(MetricSnapshots snapshots, String metric, String slo) {
    return snapshots.stream().filter(m -> m.getMetadata().getPrometheusName().equals(metric))
        .flatMap(m -> m.getDataPoints().stream())
        .filter((DataPointSnapshot p) -> slo.equals(p.getLabels().get(MetricNames.NAME)))
        .map(GaugeDataPointSnapshot.class::cast).findFirst();
  }

  @Test
  void shouldReadTheHeldViewsAtEveryScrapeWithTheAgeFromTheScrapesClock() {
    seed.forEach(s -> store.apply(s.getName(), s));
    assertEquals(30.0, sample(collector.collect(), "slo_status_age_seconds", "api-availability").orElseThrow().getValue());
    MetricSnapshots later = collector.snapshots(store.snapshot(), NOW.plusSeconds(10));
    assertEquals(40.0, sample(later, "slo_status_age_seconds", "api-availability").orElseThrow().getValue());

    SloStatus update = StatusJson.readResource("metrics/seed-slos/in.json").get(0);
    update.setBudgetRemaining(0.4);
    store.apply(update.getName(), update);
    GaugeDataPointSnapshot updated = sample(collector.collect(), "sli_error_budget", "api-availability").orElseThrow();
    assertEquals(0.4, updated.getValue());
    assertSame(sample(later, "sli_error_budget", "api-availability").orElseThrow().getLabels(), updated.getLabels(),
        "an SLO's label sets outlive its statuses");

    store.apply("api-availability", null);
    MetricSnapshots removed = collector.collect();
    assertTrue(sample(removed, "sli_error_budget", "api-availability").isEmpty(), "a tombstone leaves no series");
    assertTrue(sample(removed, "sli_error_budget", "api-latency").isPresent());
  }
}
