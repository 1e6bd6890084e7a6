package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code processor check}: what it lists of each SLO, and where its warnings go. */
class CheckTest {

  /** The file that was checked, and what check said on stdout and stderr together, in order (as ./start.sh shows it). */
  private record Checked(Path file, String said) {
    List<String> lines() {
      return said.lines().toList();
    }
  }

  private static Checked check(String yaml) throws Exception {
    Path file = Files.createTempFile("check", ".yaml");
    try {
      Files.writeString(file, yaml);
      StringWriter said = new StringWriter();
      CommandLine cli = new CommandLine(new Main());
      cli.setOut(new PrintWriter(said));
      cli.setErr(new PrintWriter(said));
      assertEquals(0, cli.execute("check", "--slos", file.toString()), said::toString);
      return new Checked(file, said.toString());
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void shouldListEachSlosBudgetingMethodWhenNotTheDefault() throws Exception {
    List<String> lines = check("""
        slos:
          - {name: a, service: s, objective: 99, window: {calendar: month, timeZone: Europe/Paris}, sli: {availability: {}},
             budgeting: {timeslices: {slice: 10m, goodIf: 99.5}}}
          - {name: b, service: s, objective: 99, sli: {availability: {}}, budgeting: ratioTimeslices}
          - {name: c, service: s, objective: 99, sli: {availability: {}}}
        """).lines();
    assertTrue(lines.get(1).contains("window=month (Europe/Paris) budgeting=timeslices(10m, goodIf 99.5%) "), lines.get(1));
    assertTrue(lines.get(2).contains("window=30d budgeting=ratioTimeslices(1m) "), lines.get(2));
    assertFalse(lines.get(3).contains("budgeting"), lines.get(3));
  }

  @Test
  void shouldListALatencySlosThresholdAndAThroughputSlosMinimumRate() throws Exception {
    List<String> lines = check("""
        slos:
          - {name: a, service: s, objective: 95, sli: {latency: {threshold: 500ms}}}
          - {name: b, service: s, objective: 95, sli: {latency: {threshold: 0.25s}}}
          - {name: c, service: s, sli: {throughput: {minRps: 12.5}}, alerting: {threshold: 10}}
          - {name: d, service: s, objective: 99, sli: {availability: {}}}
        """).lines();
    assertTrue(lines.get(1).contains(" sli=latency latencyThreshold=500ms objective=95% "), lines.get(1));
    assertTrue(lines.get(2).contains(" sli=latency latencyThreshold=250ms objective=95% "), lines.get(2));
    assertTrue(lines.get(3).contains(" sli=throughput minRps=12.5 objective=- "), lines.get(3));
    assertTrue(lines.get(4).contains(" sli=availability objective=99% "), lines.get(4));
  }

  @Test
  void shouldSayWarningsAfterTheLineNamingTheirFile() throws Exception {
    // ./start.sh checks the running stack's file, then the one asked for, and prints both outputs merged
    // (stdout and stderr): a warning said before its file's line read as a warning about the file before.
    Checked checked = check("""
        slos:
          - {name: a, service: s, objective: 99, sli: {availability: {}},
             alerting: {burnRate: [{severity: page, long: 605m, short: 5m, factor: 6}]}}
        """);
    assertEquals(checked.file() + ": 1 SLO", checked.lines().get(0), checked::said);
    assertTrue(checked.lines().get(2).startsWith("warning: slo 'a': alerting.burnRate[0].long: 605m is counted"), checked::said);
  }

  @Test
  void shouldListTheBurnRateRowsAsTheyRunScaledToTheSloWindow() throws Exception {
    // A window's label must be known to query slo_burn_rate{window=...}; a scaled policy's are not written anywhere.
    String said = check("""
        slos:
          - {name: weekly, service: s, objective: 99, window: 7d, sli: {availability: {}}}
          - {name: monthly, service: s, objective: 99, sli: {availability: {}}, alerting: {burnRate: none}}
        """).said();
    assertTrue(said.contains(" burnRate=default(page 14m/1m>14.4, page 84m/7m>6, ticket 336m/28m>3, ticket 1010m/84m>1) "), said);
    assertTrue(said.contains(" burnRate=none "), said);
  }

  @Test
  void shouldCountOneSloInTheSingular() throws Exception {
    Checked checked = check("slos:\n  - {name: a, service: s, objective: 99, sli: {availability: {}}}\n");
    assertEquals(checked.file() + ": 1 SLO", checked.lines().get(0));
  }
}
