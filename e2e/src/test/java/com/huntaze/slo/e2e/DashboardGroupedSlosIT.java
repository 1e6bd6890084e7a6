package com.huntaze.slo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.e2e.support.Binaries;
import com.huntaze.slo.e2e.support.Dashboards;
import com.huntaze.slo.e2e.support.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A grouped SLO has one series for the SLO as a whole and one per group (docs/exporter.md): a panel that
 * sums a per-SLO count by name counts each event twice. Checked with promtool on the panels' own queries.
 */
class DashboardGroupedSlosIT {
  private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  private static final Path WORK = Path.of(System.getProperty("e2e.work", "target/e2e")).toAbsolutePath().normalize();

  /** The SLO as a whole counted 20 late events and 3 refused; its groups split them. */
  private static final String SERIES = """
      - {series: 'slo_late_events_applied{name="by-route"}', values: '20x5'}
      - {series: 'slo_late_events_applied{name="by-route",operation="GET /a"}', values: '20x5'}
      - {series: 'slo_late_events_applied{name="by-route",operation="POST /b"}', values: '0x5'}
      - {series: 'slo_events_rejected{name="by-route",reason="too_old"}', values: '3x5'}
      - {series: 'slo_events_rejected{name="by-route",operation="GET /a",reason="too_old"}', values: '1x5'}
      - {series: 'slo_events_rejected{name="by-route",operation="POST /b",reason="too_old"}', values: '2x5'}
      - {series: 'slo_late_events_applied{name="by-region"}', values: '7x5'}
      - {series: 'slo_late_events_applied{name="by-region",region="_none"}', values: '7x5'}
      - {series: 'slo_events_rejected{name="by-region",reason="too_old"}', values: '0x5'}
      - {series: 'slo_events_rejected{name="by-region",region="_none",reason="too_old"}', values: '0x5'}
      - {series: 'slo_late_events_applied{name="plain"}', values: '5x5'}
      - {series: 'slo_events_rejected{name="plain",reason="too_old"}', values: '1x5'}
      """;

  @Test
  void lateAndRefusedEventsCountEachEventOnceForAGroupedSlo() throws Exception {
    Path promtool = Binaries.require("promtool", "prometheus");
    Map<String, String> expected = Map.of(
        "B", """
              - {labels: '{name="by-route"}', value: 20}
              - {labels: '{name="by-region"}', value: 7}
              - {labels: '{name="plain"}', value: 5}
            """,
        "C", """
              - {labels: '{name="by-route",reason="too_old"}', value: 3}
              - {labels: '{name="by-region",reason="too_old"}', value: 0}
              - {labels: '{name="plain",reason="too_old"}', value: 1}
            """);
    StringBuilder tests = new StringBuilder("rule_files: []\ntests:\n  - interval: 1m\n    input_series:\n");
    SERIES.lines().forEach(l -> tests.append("      ").append(l).append('\n'));
    tests.append("    promql_expr_test:\n");
    int found = 0;
    for (Dashboards.Query q : Dashboards.queries(ROOT.resolve("compose/grafana/dashboards/pipeline-health.json"))) {
      if (q.panel().equals("Late and refused events") && expected.containsKey(q.refId())) {
        found++;
        tests.append("      - expr: '").append(q.promql().replace("'", "''")).append("'\n        eval_time: 2m\n")
            .append("        exp_samples:\n").append(expected.get(q.refId()).indent(6));
      }
    }
    assertEquals(2, found, "the panel's queries B and C");
    Files.createDirectories(WORK);
    Path file = Files.writeString(WORK.resolve("dashboard-grouped.test.yml"), tests);
    Shell.Result r = Shell.run(ROOT, Map.of(), Duration.ofMinutes(1), WORK.resolve("dashboard-grouped.out"),
        List.of(promtool.toString(), "test", "rules", file.toString()));
    assertEquals(0, r.exit(), () -> r + "\n" + tests);
  }

  /**
   * The SLO overview shows the SLO as a whole: of an SLO grouped by an attribute (its groups carry
   * {@code region}, not {@code operation}), every per-SLO panel must leave the groups out. The whole
   * SLO's series are 1, the group's 10: each query, summed, must give 1.
   */
  @Test
  void theOverviewShowsAnSloGroupedByAnAttributeAsAWhole() throws Exception {
    Path promtool = Binaries.require("promtool", "prometheus");
    List<String> metrics = List.of("sli_error_budget", "sli_current_value", "sli_target", "slo_burn_rate{window=\"1h\"}",
        "slo_alert_firing{severity=\"page\"}", "slo_alert_state{alertname=\"SLOBurnRate\",severity=\"page\"}",
        "slo_events{result=\"bad\",window=\"1h\"}", "slo_latency_ms{quantile=\"0.95\"}", "slo_latency_threshold_ms",
        "slo_throughput_rps", "slo_throughput_target_rps", "slo_status_age_seconds");
    StringBuilder tests = new StringBuilder("rule_files: []\ntests:\n  - interval: 1m\n    input_series:\n");
    tests.append("      - {series: 'slo_info{name=\"r\",service=\"s\",sli_kind=\"latency\",window=\"30d\"}', values: '1x5'}\n");
    tests.append("      - {series: 'slo_health_score{name=\"r\"}', values: '1x5'}\n");
    for (String window : List.of("1h")) {
      String labels = "name=\"r\",window=\"" + window + "\",key=\"operation\",value=\"GET /a\"";
      tests.append("      - {series: 'slo_bad_events_top{").append(labels).append("}', values: '1x5'}\n");
      tests.append("      - {series: 'slo_bad_events_top_share{").append(labels).append("}', values: '1x5'}\n");
    }
    for (String m : metrics) {
      String name = m.contains("{") ? m.substring(0, m.indexOf('{')) : m;
      String labels = m.contains("{") ? "," + m.substring(m.indexOf('{') + 1, m.length() - 1) : "";
      tests.append("      - {series: '").append(name).append("{name=\"r\"").append(labels).append("}', values: '1x5'}\n");
      tests.append("      - {series: '").append(name).append("{name=\"r\",region=\"eu-west-1\"").append(labels)
          .append("}', values: '10x5'}\n");
    }
    tests.append("    promql_expr_test:\n");
    List<Dashboards.Query> queries = Dashboards.queries(ROOT.resolve("compose/grafana/dashboards/slo-overview.json"));
    for (Dashboards.Query q : queries) {
      tests.append("      - expr: 'sum(").append(q.promql().replace("'", "''")).append(")'\n        eval_time: 2m\n")
          .append("        exp_samples: [{labels: '{}', value: 1}]\n");
    }
    Files.createDirectories(WORK);
    Path file = Files.writeString(WORK.resolve("dashboard-overview.test.yml"), tests);
    Shell.Result r = Shell.run(ROOT, Map.of(), Duration.ofMinutes(1), WORK.resolve("dashboard-overview.out"),
        List.of(promtool.toString(), "test", "rules", file.toString()));
    assertEquals(0, r.exit(), () -> r + "\n" + tests);
  }
}
