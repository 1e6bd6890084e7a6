package com.huntaze.slo.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.alerting.AlertSettings;
import com.huntaze.slo.exporter.testing.Binaries;
import com.huntaze.slo.exporter.testing.Http;
import com.huntaze.slo.testing.Poll;
import com.huntaze.slo.exporter.testing.PrometheusServer;
import com.huntaze.slo.exporter.testing.ShippedFiles;
import com.huntaze.slo.exporter.testing.SloTopics;
import com.huntaze.slo.exporter.testing.StatusJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter against a real broker and a real Prometheus: statuses written to {@code slo.status}
 * show on {@code /metrics} exactly as the golden file says, Prometheus scrapes them, updates and
 * deletions flow through, and a restarted exporter serves the last values before any new record.
 */
class PrometheusScrapeIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  @RegisterExtension
  static final SloTopics topics = new SloTopics();

  @Test
  void shouldPublishStatusesThatPrometheusScrapesAndServeThemAgainAfterARestart(@TempDir Path tmp) throws Exception {
    Path prometheusBinary = Binaries.require("prometheus", "prometheus");
    List<SloStatus> seed = StatusJson.readResource("metrics/seed-slos/in.json");
    seed.forEach(topics::status);
    topics.send(topics.topics().status().name(), "garbage", "not avro".getBytes(StandardCharsets.UTF_8));

    Exporter exporter = ExporterFixture.startReady(topics.bootstrapServers(), topics.topics(), List.of(),
        AlertSettings.defaults());
    try {
      // Ready means caught up: every SLO is there at once, exactly as the golden file renders it.
      String metrics = Http.get(ExporterFixture.url(exporter) + "/metrics").body();
      assertEquals(sloLines(golden("metrics/seed-slos/expected.txt")), sloLines(metrics));
      assertTrue(metrics.contains("slo_exporter_records_rejected_total{topic=\"slo.status\"} 1.0"), metrics);
      assertTrue(metrics.contains("slo_exporter_records_rejected_total{topic=\"slo.alerts\"} 0.0"), metrics);
      assertTrue(metrics.contains("slo_exporter_status_caught_up 1.0"));
      var openMetrics = Http.get(ExporterFixture.url(exporter) + "/metrics",
          "application/openmetrics-text; version=1.0.0; charset=utf-8");
      assertTrue(openMetrics.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
      assertTrue(openMetrics.body().contains("# TYPE slo info") && openMetrics.body().endsWith("# EOF\n"));

      try (PrometheusServer prometheus = PrometheusServer.start(prometheusBinary, tmp.resolve("prometheus"),
          "127.0.0.1:" + exporter.port(), ShippedFiles.ruleFiles())) {
        Double budget = Poll.until("Prometheus to scrape sli_error_budget", WAIT,
            () -> prometheus.value("sli_error_budget{name=\"api-availability\",job=\"slo-exporter\"}"), Objects::nonNull);
        assertEquals(0.5, budget, 1e-12);
        assertEquals(10.0, prometheus.value("slo_burn_rate{name=\"api-availability\",window=\"1h\"}"), 1e-12);
        assertEquals(20.0, prometheus.value("slo_burn_rate{name=\"api-availability\",window=\"5m\"}"), 1e-12);
        assertEquals(0.0, prometheus.value("health_score_huntaze_api"), 1e-12);
        assertEquals(80.0, prometheus.value("slo_throughput_rps{name=\"api-throughput\"}"), 1e-12);
        // No data stays no data in Prometheus too: no series, not 0 and not NaN.
        assertNull(prometheus.value("sli_error_budget{name=\"api-throughput\"}"));
        assertTrue(prometheus.query("slo_burn_rate{name=\"api-throughput\"}").isEmpty());
        assertEquals(8.0, prometheus.value("count(slo_burn_rate{name=\"api-availability\"})"), "one series per window");

        SloStatus update = StatusJson.readResource("metrics/seed-slos/in.json").get(0);
        update.setBudgetRemaining(0.4);
        update.setAsOf(Instant.now());
        topics.status(update);
        Poll.until("Prometheus to see the updated budget", WAIT,
            () -> prometheus.value("sli_error_budget{name=\"api-availability\"}"), v -> v != null && v == 0.4);

        // A grouped SLO: a group's series carry its labels, the SLO as a whole none (operation="").
        StatusJson.readResource("metrics/grouped/in.json").forEach(topics::status);
        Double groupBudget = Poll.until("Prometheus to scrape the group's budget", WAIT, () -> prometheus.value(
            "sli_error_budget{name=\"payouts-availability\",operation=\"POST /api/payouts\"}"), Objects::nonNull);
        assertEquals(-0.5, groupBudget, 1e-12);
        assertEquals(0.0, prometheus.value("sli_error_budget{name=\"payouts-availability\",operation=\"\"}"), 1e-12);
        assertEquals(0.75, prometheus.value("sli_error_budget{name=\"payouts-availability\",region=\"_none\"}"), 1e-12);
        assertEquals(0.62, prometheus.value("slo_bad_events_top_share{name=\"payouts-availability\",window=\"1h\","
            + "key=\"operation\",value=\"POST /api/payouts\"}"), 1e-12);
        assertEquals(3.0, prometheus.value("slo_groups{name=\"payouts-availability\"}"), 1e-12);
        topics.send(topics.topics().status().name(),
            "payouts-availability{operation=\"POST /api/payouts\",region=\"eu-west-1\"}", null);
        Poll.until("the idle group to leave Prometheus", WAIT, () -> prometheus.value(
            "sli_error_budget{name=\"payouts-availability\",operation=\"POST /api/payouts\"}"), Objects::isNull);

        // The shipped rules evaluate cleanly against what the exporter really publishes.
        JsonNode groups = Poll.until("every shipped rule to be evaluated", WAIT, prometheus::rules,
            g -> g.size() == ShippedFiles.ruleFiles().size() && allEvaluated(g));
        for (JsonNode group : groups) {
          for (JsonNode rule : group.path("rules")) {
            assertEquals("ok", rule.path("health").asText(), () -> "rule " + rule.path("name") + ": " + rule);
          }
        }
      }

      topics.tombstone("api-latency");
      Poll.until("the deleted SLO to leave /metrics", WAIT,
          () -> Http.get(ExporterFixture.url(exporter) + "/metrics").body(), m -> !m.contains("api-latency"));
    } finally {
      exporter.close();
    }

    // A new exporter rebuilds the latest state from the compacted topic before any new record arrives.
    Exporter restarted = ExporterFixture.startReady(topics.bootstrapServers(), topics.topics(), List.of(),
        AlertSettings.defaults());
    try {
      String metrics = Http.get(ExporterFixture.url(restarted) + "/metrics").body();
      assertTrue(metrics.contains("sli_error_budget{name=\"api-availability\"} 0.4"), metrics);
      assertTrue(metrics.contains("sli_error_budget{name=\"api-error-rate\"} -0.25"), metrics);
      assertFalse(metrics.contains("api-latency"), "the tombstone is honoured after a restart");
      assertEquals(200, Http.status(ExporterFixture.url(restarted) + "/health/live"));
    } finally {
      restarted.close();
    }
  }

  static boolean allEvaluated(JsonNode groups) {
    for (JsonNode group : groups) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.path("lastEvaluation").asText("").startsWith("0001-")) {
          return false;
        }
      }
    }
    return true;
  }

  /** The SLO sample lines (no comments, no exporter self metrics, no wall-clock-dependent age). */
  static List<String> sloLines(String text) {
    return Arrays.stream(text.split("\n"))
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .filter(l -> !l.startsWith("slo_exporter_") && !l.startsWith("slo_status_age_seconds"))
        .sorted()
        .toList();
  }

  static String golden(String resource) throws Exception {
    try (InputStream in = PrometheusScrapeIT.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
