package com.huntaze.slo.exporter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.avro.AlertState;
import com.huntaze.slo.avro.Contributor;
import com.huntaze.slo.avro.GroupLabel;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import com.huntaze.slo.exporter.metrics.SloMetricsCollector;
import com.huntaze.slo.exporter.state.StatusStore;
import com.huntaze.slo.exporter.view.StatusMapper;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a timed test (no threshold; run on demand, see docs/exporter.md):
 * {@code /metrics} rendering for N SLOs (default 1,000) by the exporter's collector, which maps the
 * held SLO views to samples at scrape time, against a baseline in the same run: the Prometheus client
 * rendering the same series as plain pre-set {@link Gauge}s. Prints both, the ratio, and the size,
 * and what converting the N statuses into views costs (paid once per arriving status, not per scrape).
 *
 * <pre>mvn -B -q -pl exporter -am test -Dtest=MetricsRenderBench -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.slos=1000] [-Dbench.groups=0]</pre>
 */
class MetricsRenderBench {
  static final Instant NOW = Instant.parse("2026-11-24T10:00:30Z");

  @Test
  void renderMetricsForManySlos() throws IOException {
    int slos = Integer.getInteger("bench.slos", 1000);
    int groups = Integer.getInteger("bench.groups", 0);
    int iterations = Integer.getInteger("bench.iterations", 200);
    StatusStore store = new StatusStore();
    List<SloStatus> statuses = statuses(slos, groups);
    statuses.forEach(s -> store.apply(key(s), s));
    PrometheusRegistry exporterRegistry = new PrometheusRegistry();
    exporterRegistry.register(new SloMetricsCollector(store, Clock.fixed(NOW, ZoneOffset.UTC)));
    PrometheusRegistry baselineRegistry = baseline(exporterRegistry.scrape());

    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    ByteArrayOutputStream out = new ByteArrayOutputStream(8 << 20);
    int exporterBytes = render(exporterRegistry, writer, out);
    int baselineBytes = render(baselineRegistry, writer, out);
    long samples = exporterRegistry.scrape().stream().mapToLong(m -> m.getDataPoints().size()).sum();
    assertEquals(samples, baselineRegistry.scrape().stream().mapToLong(m -> m.getDataPoints().size()).sum(),
        "the baseline renders the same series");

    // Alternate the two so both see the same JIT and GC conditions; warm up first.
    for (int i = 0; i < iterations / 2; i++) {
      render(exporterRegistry, writer, out);
      render(baselineRegistry, writer, out);
    }
    long exporterNanos = 0;
    long baselineNanos = 0;
    for (int i = 0; i < iterations; i++) {
      long t0 = System.nanoTime();
      render(exporterRegistry, writer, out);
      long t1 = System.nanoTime();
      render(baselineRegistry, writer, out);
      long t2 = System.nanoTime();
      exporterNanos += t1 - t0;
      baselineNanos += t2 - t1;
    }
    double convertMs = convertAll(store, statuses, iterations);
    double exporterMs = exporterNanos / 1e6 / iterations;
    double baselineMs = baselineNanos / 1e6 / iterations;
    System.out.printf(Locale.ROOT, "%n/metrics render, %d SLOs x %d groups (%d instances), %d samples, %d iterations (Prometheus text format)%n",
        slos, groups, statuses.size(), samples, iterations);
    System.out.printf(Locale.ROOT, "  exporter (SloMetricsCollector over SloViews):     %8.2f ms/scrape  %,d bytes%n",
        exporterMs, exporterBytes);
    System.out.printf(Locale.ROOT, "  baseline (plain client Gauges, pre-set values):    %8.2f ms/scrape  %,d bytes%n",
        baselineMs, baselineBytes);
    System.out.printf(Locale.ROOT, "  ratio exporter/baseline: %.2fx%n", exporterMs / baselineMs);
    System.out.printf(Locale.ROOT, "  converting %d statuses into views (on arrival):  %8.2f ms%n%n", statuses.size(), convertMs);
  }

  /** Milliseconds to convert every status into its view once (the store's work per arriving status). */
  private static double convertAll(StatusStore store, List<SloStatus> statuses, int rounds) {
    List<String> keys = statuses.stream().map(MetricsRenderBench::key).toList();
    long nanos = 0;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < statuses.size(); i++) {
        store.apply(keys.get(i), statuses.get(i));
      }
      nanos += System.nanoTime() - t0;
    }
    return nanos / 1e6 / rounds;
  }

  private static int render(PrometheusRegistry registry, PrometheusTextFormatWriter writer, ByteArrayOutputStream out)
      throws IOException {
    out.reset();
    writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    return out.size();
  }

  /** The same gauge families, label names and values, as ordinary client gauges. */
  private static PrometheusRegistry baseline(MetricSnapshots snapshots) {
    PrometheusRegistry registry = new PrometheusRegistry();
    for (MetricSnapshot m : snapshots) {
      if (!(m instanceof GaugeSnapshot)) {
        continue; // slo_info, rendered below as a gauge named slo_info_value of the same shape
      }
      register(registry, m.getMetadata().getName(), m);
    }
    for (MetricSnapshot m : snapshots) {
      if (!(m instanceof GaugeSnapshot)) {
        register(registry, "slo_info_value", m);
      }
    }
    return registry;
  }

  /**
   * A client gauge has one set of label names; a group's series have more than its SLO's, so each set
   * of label names gets its own gauge (the second one suffixed {@code _grouped}): same samples, same labels.
   */
  private static void register(PrometheusRegistry registry, String name, MetricSnapshot m) {
    Map<List<String>, List<DataPointSnapshot>> byLabelNames = new java.util.LinkedHashMap<>();
    for (DataPointSnapshot p : m.getDataPoints()) {
      List<String> labelNames = new ArrayList<>();
      p.getLabels().forEach((Label l) -> labelNames.add(l.getName()));
      byLabelNames.computeIfAbsent(labelNames, k -> new ArrayList<>()).add(p);
    }
    int n = 0;
    for (Map.Entry<List<String>, List<DataPointSnapshot>> e : byLabelNames.entrySet()) {
      List<String> labelNames = e.getKey();
      Gauge gauge = Gauge.builder().name(n++ == 0 ? name : name + "_grouped" + n).help("baseline")
          .labelNames(labelNames.toArray(String[]::new)).register(registry);
      for (DataPointSnapshot p : e.getValue()) {
        String[] values = new String[labelNames.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = p.getLabels().getValue(i);
        }
        double v = p instanceof GaugeSnapshot.GaugeDataPointSnapshot g ? g.getValue() : 1;
        if (labelNames.isEmpty()) {
          gauge.set(v);
        } else {
          gauge.labelValues(values).set(v);
        }
      }
    }
  }

  /**
   * N SLOs; with groups, each grouped by operation and region into that many groups, and its whole
   * status attributing bad events to 10 operations and 10 tenants in 4 windows (80 contributors).
   */
  static List<SloStatus> statuses(int slos, int groups) {
    List<SloStatus> out = new ArrayList<>(slos * (groups + 1));
    List<String> groupBy = List.of("operation", "attributes.region");
    for (int i = 0; i < slos; i++) {
      SloStatus whole = status(i);
      if (groups > 0) {
        List<Contributor> top = new ArrayList<>();
        for (String window : List.of("5m", "1h", "1d", "30d")) {
          for (int c = 0; c < 10; c++) {
            top.add(new Contributor(window, "operation", "GET /r" + c, 10L - c, 1000L, 55L, 0L));
            top.add(new Contributor(window, "attributes.tenant", "tenant-" + c, 10L - c, 1000L, 55L, (long) (c % 2)));
          }
        }
        whole = SloStatus.newBuilder(whole).setGroupBy(groupBy).setGroupsTracked(groups).setTopContributors(top).build();
      }
      out.add(whole);
      for (int g = 0; g < groups; g++) {
        out.add(SloStatus.newBuilder(status(i)).setGroupBy(groupBy).setGroup(List.of(
            new GroupLabel("operation", "operation", "GET /r" + g), new GroupLabel("region", "attributes.region", "r" + g % 5)))
            .build());
      }
    }
    return out;
  }

  private static String key(SloStatus s) {
    return StatusMapper.toView(s).key().toString();
  }

  /** An SLO like the seed's availability SLO: eight windows, three quantiles, three alert states. */
  static SloStatus status(int i) {
    List<WindowStats> windows = new ArrayList<>();
    String[] labels = {"5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"};
    long[] seconds = {300, 1800, 3600, 7200, 21600, 86400, 259200, 2592000};
    for (int w = 0; w < labels.length; w++) {
      long total = seconds[w] * 10;
      long bad = (i + w) % 7;
      windows.add(new WindowStats(labels[w], seconds[w], total - bad, total, bad / (0.001 * total)));
    }
    Map<String, Double> quantiles = new TreeMap<>(Map.of("0.5", 10.0 + i % 5, "0.95", 200.0 + i % 50, "0.99", 450.0 + i % 90));
    return SloStatus.newBuilder().setName("slo-" + i).setService("service-" + (i / 4))
        .setOperation(null).setSliKind("availability").setObjective(0.999).setWindowSeconds(2_592_000L)
        .setWindows(windows).setSli(0.9995).setBudgetRemaining(0.5 - (i % 10) / 10.0)
        .setLatencyQuantiles(quantiles).setThroughputRps(10.0 + i % 3)
        .setAlerts(List.of(new AlertState("SLOBurnRate", "page", i % 13 == 0, i % 13 == 0 ? NOW : null),
            new AlertState("SLOBurnRate", "ticket", false, null), new AlertState("SLOThreshold", "page", false, null)))
        .setLateEventsDropped(0L).setAsOf(NOW.minusSeconds(i % 30)).build();
  }
}
