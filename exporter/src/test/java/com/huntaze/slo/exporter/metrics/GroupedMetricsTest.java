package com.huntaze.slo.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;

/** A grouped SLO's series: one per group, removed with the group; health from the SLO as a whole only. */
class GroupedMetricsTest {
  static final Instant NOW = Instant.parse("2026-11-24T10:00:30Z");
  static final String POST_EU = "payouts-availability{operation=\"POST /api/payouts\",region=\"eu-west-1\"}";
  final List<SloStatus> grouped = StatusJson.readResource("metrics/grouped/in.json");
  final StatusStore store = new StatusStore();
  final SloMetricsCollector collector = new SloMetricsCollector(store, Clock.fixed(NOW, ZoneOffset.UTC));

  static List<GaugeDataPointSnapshot> samples(MetricSnapshots snapshots, String metric) {
    return snapshots.stream().filter(m -> m.getMetadata().getPrometheusName().equals(metric))
        .flatMap(m -> m.getDataPoints().stream()).map((DataPointSnapshot p) -> (GaugeDataPointSnapshot) p).toList();
  }

  @Test
  void shouldRemoveAGroupsSeriesOnItsTombstoneAndEveryGroupWithTheSlo() {
    grouped.forEach(s -> store.apply(StatusJson.key(s), s));
    assertEquals(4, samples(collector.collect(), "sli_target").size(), "the SLO and its three groups");

    store.apply(POST_EU, null);
    List<GaugeDataPointSnapshot> budgets = samples(collector.collect(), "sli_error_budget");
    assertEquals(2, budgets.size());
    assertTrue(budgets.stream().noneMatch(p -> "eu-west-1".equals(p.getLabels().get("region"))), "the idle group is gone");

    store.apply("payouts-availability", null);
    assertTrue(samples(collector.collect(), "sli_target").isEmpty(), "the SLO's tombstone takes its groups");
  }

  @Test
  void shouldKeepAGroupWithoutTheAttributeApartFromOneWhoseValueIsLiterallyNone() throws Exception {
    // The empty value is exported as _none; a real "_none" must not give a second series with the same
    // labels: the client library refuses a duplicate, and the whole scrape would fail.
    SloStatus whole = SloStatus.newBuilder(grouped.get(0)).build();
    List<SloStatus> statuses = new java.util.ArrayList<>(List.of(whole));
    List<com.huntaze.slo.avro.Contributor> top = new java.util.ArrayList<>();
    for (String region : List.of("", "_none", "__none")) {
      SloStatus s = SloStatus.newBuilder(grouped.get(1)).build();
      s.setGroup(List.of(new com.huntaze.slo.avro.GroupLabel("operation", "operation", "POST /api/payouts"),
          new com.huntaze.slo.avro.GroupLabel("region", "attributes.region", region)));
      statuses.add(s);
      top.add(new com.huntaze.slo.avro.Contributor("1h", "attributes.region", region, 1L, 2L, 3L, 0L));
    }
    whole.setTopContributors(top);
    statuses.forEach(s -> store.apply(StatusJson.key(s), s));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter.create().write(out, collector.collect());
    String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    for (String label : List.of("_none", "__none", "___none")) {
      assertTrue(text.contains("sli_error_budget{name=\"payouts-availability\",operation=\"POST /api/payouts\",region=\"" + label + "\"}"),
          () -> label + " missing:\n" + text);
      assertTrue(text.contains("slo_bad_events_top{key=\"attributes.region\",name=\"payouts-availability\",value=\"" + label
          + "\",window=\"1h\"}"), () -> label + " missing from the top contributors:\n" + text);
    }
  }

  @Test
  void shouldScoreHealthFromTheSloAsAWholeOnly() {
    SloStatus whole = grouped.get(0);
    whole.setBudgetRemaining(0.9);
    whole.setAlerts(List.of());
    grouped.forEach(s -> store.apply(StatusJson.key(s), s));
    MetricSnapshots m = collector.collect();
    assertEquals(90.0, samples(m, "slo_service_health_score").get(0).getValue(), "the overspent group does not count");
    assertEquals(1, samples(m, "slo_health_score").size());
    assertEquals(1, m.stream().filter(x -> x.getMetadata().getPrometheusName().equals("slo"))
        .mapToInt(x -> x.getDataPoints().size()).sum(), "one slo_info per SLO: joins on name stay one-to-one");
  }
}
