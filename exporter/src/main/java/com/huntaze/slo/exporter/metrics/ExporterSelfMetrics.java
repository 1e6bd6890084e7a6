package com.huntaze.slo.exporter.metrics;

import static com.huntaze.slo.exporter.metrics.MetricNames.*;

import com.huntaze.slo.exporter.alerting.AlertBook;
import com.huntaze.slo.exporter.state.StatusStore;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;

/**
 * The exporter's own health: how far it has read, what it rejected, and what it owes Alertmanager.
 * Read from the live objects at scrape time.
 */
public final class ExporterSelfMetrics {
  private ExporterSelfMetrics() {
  }

  public static void register(PrometheusRegistry registry, StatusStore store, TopicReading progress,
                              AlertBook book, Clock clock) {
    GaugeWithCallback.builder().name(EXPORTER_SLOS).help("SLOs whose latest status the exporter holds")
        .callback(cb -> cb.call(store.size())).register(registry);
    GaugeWithCallback.builder().name(EXPORTER_STATUS_CAUGHT_UP)
        .help("1 once slo.status was read up to its end offsets at start (ready), else 0")
        .callback(cb -> cb.call(progress.caughtUp() ? 1 : 0)).register(registry);
    GaugeWithCallback.builder().name(EXPORTER_STATUS_LAG).help("Records of slo.status not read yet")
        .callback(cb -> {
          if (progress.statusLag() >= 0) {
            cb.call(progress.statusLag());
          }
        }).register(registry);
    CounterWithCallback.builder().name(EXPORTER_RECORDS_CONSUMED).help("Records read per topic")
        .labelNames(TOPIC)
        .callback(cb -> progress.consumedByTopic().forEach((t, n) -> cb.call(n, t))).register(registry);
    CounterWithCallback.builder().name(EXPORTER_RECORDS_REJECTED)
        .help("Records skipped per topic because they could not be decoded (logged with their offset)")
        .labelNames(TOPIC)
        .callback(cb -> progress.rejectedByTopic().forEach((t, n) -> cb.call(n, t))).register(registry);

    GaugeWithCallback.builder().name(EXPORTER_ALERTS_ACTIVE).help("Firing alerts held in memory")
        .callback(cb -> cb.call(book.activeCount())).register(registry);
    CounterWithCallback.builder().name(EXPORTER_ALERTS_EXPIRED)
        .help("Firing alerts no longer renewed because their source fell silent")
        .callback(cb -> cb.call(book.expiredCount())).register(registry);
    GaugeWithCallback.builder().name(EXPORTER_ALERTS_PENDING)
        .help("Alerts waiting to be delivered (new, changed, due for lease renewal or retried) per Alertmanager")
        .labelNames(ALERTMANAGER)
        .callback(cb -> book.stats(clock.instant()).forEach(s -> cb.call(s.pending(), s.target()))).register(registry);
    GaugeWithCallback.builder().name(EXPORTER_ALERTMANAGER_UP)
        .help("1 when the last request to the Alertmanager succeeded (or none was needed yet), else 0")
        .labelNames(ALERTMANAGER)
        .callback(cb -> book.stats(clock.instant()).forEach(s -> cb.call(s.up() ? 1 : 0, s.target()))).register(registry);
    GaugeWithCallback.builder().name(EXPORTER_ALERTMANAGER_FAILURES)
        .help("Consecutive failed requests to the Alertmanager (0 after a success)")
        .labelNames(ALERTMANAGER)
        .callback(cb -> book.stats(clock.instant()).forEach(s -> cb.call(s.consecutiveFailures(), s.target())))
        .register(registry);
    CounterWithCallback.builder().name(EXPORTER_ALERTMANAGER_REQUESTS).help("Requests to the Alertmanager by result")
        .labelNames(ALERTMANAGER, RESULT)
        .callback(cb -> book.stats(clock.instant()).forEach(s -> {
          cb.call(s.requestsOk(), s.target(), RESULT_SUCCESS);
          cb.call(s.requestsFailed(), s.target(), RESULT_FAILURE);
        })).register(registry);
    CounterWithCallback.builder().name(EXPORTER_ALERTS_SENT).help("Alerts delivered to the Alertmanager (resends included)")
        .labelNames(ALERTMANAGER)
        .callback(cb -> book.stats(clock.instant()).forEach(s -> cb.call(s.alertsSent(), s.target()))).register(registry);
  }
}
