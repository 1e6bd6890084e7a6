package com.huntaze.slo.processor.openslo;

import static com.huntaze.slo.processor.openslo.OpenSloCli.assertContains;
import static com.huntaze.slo.processor.openslo.OpenSloCli.slo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.slo.Sli;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The convention, references across files, calendar windows and budgeting methods, and each bad document's message. */
class OpenSloImportTest {
  @TempDir
  Path tmp;

  private static final String INDICATOR = """
      indicator:
        metadata: {name: web-ok}
        spec:
          ratioMetric:
            good: {metricSource: {type: huntaze, spec: {operation: "GET /search*", sli: availability}}}
            total: {metricSource: {type: huntaze, spec: {operation: "GET /search*"}}}
      """;

  private static final String ROLLING = """
      timeWindow: [{duration: 28d, isRolling: true}]
      budgetingMethod: Occurrences
      """;

  /** An SLO document of {@link OpenSloCli#slo} with these annotations ("key: value") in its metadata. */
  private static String annotated(String document, String... annotations) {
    return document.replaceFirst("(?m)^metadata:\n  name: .*\n", "$0  annotations:\n" + java.util.Arrays.stream(annotations)
        .map(a -> "    " + a + "\n").collect(java.util.stream.Collectors.joining()).replace("$", "\\$"));
  }

  private OpenSloCli.Run importText(String... files) throws Exception {
    return OpenSloCli.importText(tmp, files);
  }

  /** Our own slos.yaml given to import by mistake: said so, instead of "doc 1 ? '?': apiVersion: missing". */
  @Test
  void anSlosYamlGivenToImportIsNamedAsSuch() throws Exception {
    OpenSloCli.Run run = importText("slos:\n  - {name: a, service: s, objective: 99, sli: {availability: {}}}\n");
    assertEquals(OpenSloCommand.PARTIAL, run.exit());
    assertContains(run.err(), "f0.yaml doc 1: not translated: apiVersion: missing: this is an slos.yaml (a top-level 'slos:'), "
        + "not OpenSLO -> it needs no import: processor check --slos FILE validates it");
  }

  @Test
  void referencesResolveAcrossFilesAndTheResultLoads() throws Exception {
    String sli = """
        apiVersion: openslo/v1
        kind: SLI
        metadata: {name: search-latency}
        spec:
          thresholdMetric:
            metricSource: {type: huntaze, spec: {service: search-api, operation: "GET /search", sli: latency}}
        """;
    String policies = """
        - apiVersion: openslo/v1
          kind: AlertPolicy
          metadata: {name: fast-burn}
          spec:
            alertWhenBreaching: true
            conditions: [{conditionRef: fast}]
            notificationTargets: [{targetRef: am}]
        - apiVersion: openslo/v1
          kind: AlertCondition
          metadata: {name: fast}
          spec:
            description: page on a fast burn
            severity: page
            condition: {kind: burnrate, op: gt, threshold: 14.4, lookbackWindow: 1h, alertAfter: 5m}
        - apiVersion: openslo/v1
          kind: AlertNotificationTarget
          metadata: {name: am}
          spec: {target: alertmanager}
        """;
    String slo = slo("search-latency", """
        indicatorRef: search-latency
        timeWindow: [{duration: 4w, isRolling: true}]
        budgetingMethod: Occurrences
        objectives: [{op: lte, value: 300, targetPercent: 99.5}]
        alertPolicies:
          - alertPolicyRef: fast-burn
          - kind: AlertPolicy
            metadata: {name: slow-burn}
            spec:
              conditions:
                - kind: AlertCondition
                  metadata: {name: slow}
                  spec: {severity: ticket, condition: {kind: burnrate, op: gt, threshold: 1, lookbackWindow: 3d, alertAfter: 6h}}
              notificationTargets: [{targetRef: am}]
        """);
    OpenSloCli.Run run = importText(slo + "---\n" + sli, policies);
    assertEquals(OpenSloCommand.COMPLETE, run.exit(), run.err());
    List<SloDefinition> slos = SloConfigLoader.parse("imported", run.out()).slos();
    assertEquals(1, slos.size());
    SloDefinition s = slos.get(0);
    assertEquals("search-api", s.service());
    assertEquals("GET /search", s.operation().orElseThrow());
    assertEquals(Duration.ofDays(28), s.window());
    assertEquals(0.995, s.objective().getAsDouble(), 1e-12);
    assertEquals(new Sli.Latency(300), s.sli());
    assertEquals(2, s.alerting().burnRate().orElseThrow().windows().size());
    assertEquals("page on a fast burn", s.alerting().burnRate().get().windows().get(0).why());
    assertEquals(Duration.ofDays(3), s.alerting().burnRate().get().windows().get(1).longWindow());
  }

  @Test
  void badDocumentsEachGetTheirMessage() throws Exception {
    String wrongVersion = slo("old", INDICATOR + ROLLING + "objectives: [{target: 0.99}]").replace("openslo/v1", "openslo/v1alpha");
    String noTarget = slo("no-target", INDICATOR + ROLLING + "objectives: [{displayName: Good}]");
    String noObjectives = slo("no-objectives", INDICATOR + ROLLING);
    String badMethod = slo("bad-method", INDICATOR + "timeWindow: [{duration: 28d, isRolling: true}]\nbudgetingMethod: Weekly\n"
        + "objectives: [{target: 0.99}]");
    String badRef = slo("bad-ref", "indicatorRef: nowhere\n" + ROLLING + "objectives: [{target: 0.99}]");
    String prometheus = slo("prom", """
        indicator:
          metadata: {name: prom}
          spec:
            ratioMetric:
              good: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(http_requests_total{code!~"5.."}[5m]))'}}}
              total: {metricSource: {type: Prometheus, spec: {query: 'sum(rate(http_requests_total[5m]))'}}}
        """ + ROLLING + "objectives: [{target: 0.99}]");
    String badName = slo("Bad.Name", INDICATOR + ROLLING + "objectives: [{target: 0.99}]");
    String rollingMonth = slo("rolling-month", INDICATOR + "timeWindow: [{duration: 1M, isRolling: true}]\nbudgetingMethod: Occurrences\n"
        + "objectives: [{target: 0.99}]");
    String noSliText = slo("no-sli", """
        indicator:
          metadata: {name: x}
          spec:
            ratioMetric:
              good: {metricSource: {type: huntaze, spec: {sli: "latency < 300ms"}}}
              total: {metricSource: {type: huntaze, spec: {}}}
        """ + ROLLING + "objectives: [{target: 0.99}]");
    String percentAsTarget = slo("percent-target", INDICATOR + ROLLING + "objectives: [{target: 99.9}]");
    String targetOne = slo("target-one", INDICATOR + ROLLING + "objectives: [{target: 1}]");
    OpenSloCli.Run run = importText(String.join("---\n", wrongVersion, noTarget, noObjectives, badMethod, badRef, prometheus, badName,
        rollingMonth, noSliText, percentAsTarget, targetOne));
    assertEquals(OpenSloCommand.PARTIAL, run.exit());
    assertEquals("", run.out());
    assertContains(run.err(),
        "f0.yaml doc 1 SLO 'old': not translated: apiVersion: 'openslo/v1alpha': only openslo/v1 is read -> convert the document to apiVersion: openslo/v1",
        "f0.yaml doc 2 SLO 'no-target': not translated: spec.objectives[0].target: missing (target 0..1 or targetPercent) -> write one of them",
        "f0.yaml doc 3 SLO 'no-objectives': not translated: spec.objectives: missing: an SLO needs at least one objective with a target",
        "f0.yaml doc 4 SLO 'bad-method': not translated: spec.budgetingMethod: unknown budgeting method 'Weekly' -> use Occurrences, "
            + "Timeslices or RatioTimeslices",
        "f0.yaml doc 5 SLO 'bad-ref': not translated: spec.indicatorRef: 'nowhere' does not resolve: no SLI of that name in the files given",
        "f0.yaml doc 6 SLO 'prom': not translated: spec.indicator.spec.ratioMetric: a ratio metric of type Prometheus, query "
            + "sum(rate(http_requests_total{code!~\"5..\"}[5m])) has no event SLI here -> this pipeline counts request events",
        "f0.yaml doc 7 SLO 'Bad.Name': not translated: metadata.name: slos.yaml refuses the translation: slo 'Bad.Name': name:",
        "f0.yaml doc 8 SLO 'rolling-month': not translated: spec.timeWindow[0].duration: a rolling '1M' has no fixed length here",
        "f0.yaml doc 9 SLO 'no-sli': not translated: spec.indicator.spec.ratioMetric.good.metricSource.spec.sli: 'latency < 300ms' "
            + "is not an SLI of the convention -> write availability, errorRate or \"latency <= 300ms\"",
        // in the number the user wrote, at its own field: translated first, 99.9 was refused as "objective: 9990"
        "f0.yaml doc 10 SLO 'percent-target': not translated: spec.objectives[0].target: 99.9 is not between 0 and 1 (exclusive): "
            + "target is a fraction -> write target: 0.999, or targetPercent: 99.9",
        "f0.yaml doc 11 SLO 'target-one': not translated: spec.objectives[0].target: 1 is not between 0 and 1 (exclusive): "
            + "target is a fraction -> write e.g. target: 0.999",
        "openslo import: 0 SLOs translated (none could be, so nothing is printed); 11 not translated,");
  }

  @Test
  void everyProblemOfAnSloIsNamedInOneRun() throws Exception {
    String broken = annotated(slo("broken", INDICATOR + """
        timeWindow: [{duration: 28d, isRolling: true}]
        budgetingMethod: Timeslices
        objectives: [{target: 0.99, timeSliceTarget: 95, timeSliceWindow: 5m}]
        """), "huntaze.com/group-by: operation,attributes.service");
    OpenSloCli.Run run = importText(broken);
    assertEquals(OpenSloCommand.PARTIAL, run.exit(), run.err());
    assertContains(run.err(),
        "f0.yaml doc 1 SLO 'broken': not translated: spec.objectives[0].timeSliceTarget: 95 is not in (0, 1]",
        "f0.yaml doc 1 SLO 'broken': not translated: spec.objectives[0].timeSliceWindow:",
        "f0.yaml doc 1 SLO 'broken': not translated: metadata.annotations[huntaze.com/group-by]: slos.yaml refuses the translation:",
        "openslo import: 0 SLOs translated (none could be, so nothing is printed); 1 not translated,");
  }

  /** A refused window, target, slice and alert policy reference, and a time zone the loader refuses: all in one run. */
  @Test
  void aRefusedWindowDoesNotHideTheOtherProblems() throws Exception {
    String broken = slo("broken", INDICATOR + """
        timeWindow: [{duration: 1m, isRolling: false, calendar: {startTime: "2026-01-01 00:00:00", timeZone: Asia/Kolkata}}]
        budgetingMethod: Timeslices
        objectives: [{target: 1.5, timeSliceTarget: 0.95, timeSliceWindow: 5m}]
        alertPolicies: [{alertPolicyRef: nope}]
        """);
    OpenSloCli.Run run = importText(broken);
    assertEquals(OpenSloCommand.PARTIAL, run.exit(), run.err());
    assertContains(run.err(),
        "f0.yaml doc 1 SLO 'broken': not translated: spec.timeWindow[0].duration: a calendar window of '1m' is not supported",
        "f0.yaml doc 1 SLO 'broken': not translated: spec.timeWindow[0].calendar.timeZone: slos.yaml refuses the translation:",
        "f0.yaml doc 1 SLO 'broken': not translated: spec.objectives[0].timeSliceWindow:",
        "'nope'",
        "f0.yaml doc 1 SLO 'broken': not translated: spec.objectives[0].target: 1.5 is not between 0 and 1 (exclusive): target is a "
            + "fraction -> write e.g. target: 0.999",
        "openslo import: 0 SLOs translated (none could be, so nothing is printed); 1 not translated,");
  }

  @Test
  void aRefusedAnnotationIsNamedAsTheFieldToFix() throws Exception {
    String grouped = annotated(slo("grouped", INDICATOR + ROLLING + "objectives: [{target: 0.99}]"),
        "huntaze.com/group-by: operation,attributes.service", "huntaze.com/max-groups: \"0\"");
    OpenSloCli.Run run = importText(grouped);
    assertEquals(OpenSloCommand.PARTIAL, run.exit(), run.err());
    assertContains(run.err(),
        "f0.yaml doc 1 SLO 'grouped': not translated: metadata.annotations[huntaze.com/group-by]: slos.yaml refuses the translation:",
        "f0.yaml doc 1 SLO 'grouped': not translated: metadata.annotations[huntaze.com/max-groups]: slos.yaml refuses the translation:",
        "openslo import: 0 SLOs translated (none could be, so nothing is printed); 1 not translated,");
  }

  @Test
  void calendarWindowsAndBudgetingMethodsAreWrittenInTheirSlosYamlSyntax() throws Exception {
    String month = slo("monthly", INDICATOR + """
        timeWindow: [{duration: 1M, isRolling: false, calendar: {startTime: "2026-01-01 00:00:00", timeZone: Europe/Paris}}]
        budgetingMethod: Timeslices
        objectives: [{target: 0.999, timeSliceTarget: 0.99, timeSliceWindow: 10}]
        """);
    String quarter = slo("quarterly", INDICATOR + """
        timeWindow: [{duration: 3M, calendar: {startTime: "2026-04-01 00:00:00", timeZone: UTC}}]
        budgetingMethod: RatioTimeslices
        objectives: [{target: 0.99, timeSliceWindow: 10m}]
        """);
    String quarterQ = slo("quarterly-q", INDICATOR + """
        timeWindow: [{duration: 1Q, isRolling: false, calendar: {timeZone: Asia/Tokyo}}]
        budgetingMethod: Occurrences
        objectives: [{target: 0.99}]
        """);
    String noSliceTarget = slo("no-slice-target", INDICATOR + """
        timeWindow: [{duration: 1w, isRolling: false, calendar: {timeZone: Europe/Paris}}]
        budgetingMethod: Timeslices
        objectives: [{target: 0.99, timeSliceWindow: 1m}]
        """);
    String badZone = slo("bad-zone", INDICATOR + """
        timeWindow: [{duration: 1w, isRolling: false, calendar: {timeZone: Mars/Olympus}}]
        budgetingMethod: Occurrences
        objectives: [{target: 0.99}]
        """);
    OpenSloCli.Run run = importText(String.join("---\n", month, quarter, quarterQ, noSliceTarget, badZone));
    assertContains(run.out(), """
          - name: monthly
            service: web
            operation: GET /search*
            objective: 99.9
            window:
              calendar: month
              timeZone: Europe/Paris
            budgeting:
              timeslices:
                slice: 10m
                goodIf: 99
        """, """
          - name: quarterly
            service: web
            operation: GET /search*
            objective: 99
            window:
              calendar: quarter
              timeZone: UTC
            budgeting:
              ratioTimeslices:
                slice: 10m
        """, """
          - name: quarterly-q
            service: web
            operation: GET /search*
            objective: 99
            window:
              calendar: quarter
              timeZone: Asia/Tokyo
            sli:
        """);
    assertContains(run.err(),
        "doc 4 SLO 'no-slice-target': not translated: spec.objectives[0].timeSliceTarget: missing: Timeslices needs the share of good "
            + "events that makes a slice good",
        "doc 5 SLO 'bad-zone': not translated: spec.timeWindow[0].calendar.timeZone: 'Mars/Olympus' is not a time zone");
    assertTrue(run.lines("startTime").isEmpty(), run.err()); // aligned starts are not reported
  }

  @Test
  void severalObjectivesBecomeSeveralSlos() throws Exception {
    OpenSloCli.Run run = importText(slo("web", INDICATOR + ROLLING + """
        objectives:
          - {displayName: Internal objective, target: 0.995}
          - {displayName: SLA, targetPercent: 99}
        alertPolicies: [{alertPolicyRef: none-such}]
        """));
    assertEquals(List.of("web-internal-objective", "web-sla"),
        SloConfigLoader.parse("imported", run.out()).slos().stream().map(SloDefinition::name).toList());
    assertContains(run.err(), "doc 1 SLO 'web': note: spec.objectives[0]: becomes the SLO 'web-internal-objective'",
        "doc 1 SLO 'web': left out: spec.alertPolicies[0].alertPolicyRef: 'none-such' does not resolve");
    assertEquals(OpenSloCommand.PARTIAL, run.exit());
  }

  @Test
  void annotationsOnTheSloSayWhichEventsCount() throws Exception {
    String doc = """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: checkout
          annotations:
            huntaze.com/sli: latency <= 0.3s
            huntaze.com/service: checkout-api
            huntaze.com/operation: POST /pay
            huntaze.com/alerting-threshold: "99"
        spec:
          service: shop
          indicator:
            metadata: {name: checkout-latency}
            spec:
              thresholdMetric: {metricSource: {type: Datadog, spec: {query: "p99:trace.http.request{service:checkout}"}}}
          timeWindow: [{duration: 7d, isRolling: true}]
          budgetingMethod: Occurrences
          objectives: [{target: 0.99}]
        """;
    OpenSloCli.Run run = importText(doc);
    assertEquals(OpenSloCommand.COMPLETE, run.exit(), run.err());
    SloDefinition s = SloConfigLoader.parse("imported", run.out()).slos().get(0);
    assertEquals("checkout-api", s.service());
    assertEquals("POST /pay", s.operation().orElseThrow());
    assertEquals(new Sli.Latency(300), s.sli());
    assertEquals(0.99, s.alerting().threshold().getAsDouble(), 1e-12);
    assertContains(run.err(), "note: spec.indicator.spec: the indicator (type Datadog, query p99:trace.http.request{service:checkout}) "
        + "is not read: the huntaze.com/sli annotation says which events count");
  }

  @Test
  void fieldsOpenSloDoesNotDefineAreReported() throws Exception {
    OpenSloCli.Run run = importText(slo("typo", INDICATOR + """
        timeWindow: [{duration: 28d, isRolling: true}]
        budgetMethod: Timeslices
        objectives: [{target: 0.99, timesliceTarget: 0.9}]
        """));
    assertEquals(OpenSloCommand.PARTIAL, run.exit());
    assertContains(run.err(), "doc 1 SLO 'typo': left out: spec.budgetMethod: not an OpenSLO v1 field, not read -> check its spelling",
        "doc 1 SLO 'typo': left out: spec.objectives[0].timesliceTarget: not an OpenSLO v1 field, not read",
        "doc 1 SLO 'typo': note: spec.budgetingMethod: absent (OpenSLO requires it): counted as Occurrences");
    assertContains(run.out(), "name: typo");
  }

  @Test
  void anEmptyFileOrOneWithoutSlosIsSaidInTheReport() throws Exception {
    OpenSloCli.Run empty = importText("# nothing here\n---\n");
    assertEquals(OpenSloCommand.PARTIAL, empty.exit(), empty.err());
    assertContains(empty.err(), "f0.yaml: note: no OpenSLO document in this file",
        "0 SLOs translated (no SLO document in the files given, so nothing is printed)");
    OpenSloCli.Run emptyAndOne = importText("", slo("one", INDICATOR + ROLLING + "objectives: [{target: 0.99}]"));
    assertEquals(OpenSloCommand.COMPLETE, emptyAndOne.exit(), emptyAndOne.err());
    assertContains(emptyAndOne.err(), "f0.yaml: note: no OpenSLO document in this file");
    assertContains(emptyAndOne.out(), "name: one");
  }

  @Test
  void aMissingOrUnreadableAlertAfterIsNamedForWhatItIs() throws Exception {
    String policies = """
        alertPolicies:
          - kind: AlertPolicy
            metadata: {name: p}
            spec:
              conditions:
                - {kind: AlertCondition, metadata: {name: absent}, spec: {severity: page, condition: {kind: burnrate, op: gt, threshold: 14.4, lookbackWindow: 1h}}}
                - {kind: AlertCondition, metadata: {name: bad}, spec: {severity: page, condition: {kind: burnrate, op: gt, threshold: 6, lookbackWindow: 6h, alertAfter: 30s}}}
                - {kind: AlertCondition, metadata: {name: zero}, spec: {severity: ticket, condition: {kind: burnrate, op: gt, threshold: 3, lookbackWindow: 1d, alertAfter: 0m}}}
                - {kind: AlertCondition, metadata: {name: long}, spec: {severity: ticket, condition: {kind: burnrate, op: gt, threshold: 1, lookbackWindow: 3d, alertAfter: 3d}}}
        """;
    OpenSloCli.Run run = importText(slo("alerts", INDICATOR + ROLLING + "objectives: [{target: 0.99}]\n" + policies));
    assertContains(run.err(),
        "spec.alertPolicies[0].spec.conditions[0].spec.condition.alertAfter: absent: the short window is lookbackWindow/12 = 5m",
        "spec.alertPolicies[0].spec.conditions[1].spec.condition.alertAfter: '30s' is not a duration in m, h, d or w: the short "
            + "window is lookbackWindow/12 = 30m",
        "spec.alertPolicies[0].spec.conditions[2].spec.condition.alertAfter: '0m' is zero: the short window is lookbackWindow/12 = 2h",
        "spec.alertPolicies[0].spec.conditions[3].spec.condition.alertAfter: '3d' is not shorter than lookbackWindow: the short "
            + "window is lookbackWindow/12 = 6h");
  }

  @Test
  void aServiceOrOperationThatYamlReadsAsANumberIsNamedNotGuessed() throws Exception {
    String indicator = INDICATOR.replace("{operation: \"GET /search*\", sli: availability}", "{service: 1e3, operation: 404, sli: availability}")
        .replace("{operation: \"GET /search*\"}", "{service: 1e3, operation: 404}");
    OpenSloCli.Run run = importText(slo("numbers", indicator + ROLLING + "objectives: [{target: 0.99}]\n").replace("service: web", "service: 7.5"));
    assertEquals(OpenSloCommand.PARTIAL, run.exit(), run.err());
    assertContains(run.err(),
        "spec.service: expected text, found the number 7.5 -> write it in quotes",
        "spec.indicator.spec.ratioMetric.good.metricSource.spec.service: expected text, found the number 1000.0 -> write it in quotes",
        "spec.indicator.spec.ratioMetric.good.metricSource.spec.operation: expected text, found the number 404 -> write it in quotes");
  }

  @Test
  void objectiveFieldsTheMethodDoesNotReadAreNoted() throws Exception {
    OpenSloCli.Run run = importText(slo("occ", INDICATOR + ROLLING + "objectives: [{target: 0.99, timeSliceTarget: 0.9, timeSliceWindow: 1m}]\n"),
        slo("ratio", INDICATOR + ROLLING.replace("Occurrences", "RatioTimeslices") + "objectives: [{target: 0.99, timeSliceTarget: 0.9}]\n"));
    assertEquals(OpenSloCommand.COMPLETE, run.exit(), run.err());
    assertContains(run.err(), "SLO 'occ': note: spec.objectives[0].timeSliceTarget: not used by Occurrences, so not translated",
        "SLO 'occ': note: spec.objectives[0].timeSliceWindow: not used by Occurrences, so not translated",
        "SLO 'ratio': note: spec.objectives[0].timeSliceTarget: not used by RatioTimeslices, so not translated");
  }

  @Test
  void aDuplicateSloNameDoesNotHideTheDuplicatesOtherProblems() throws Exception {
    String first = slo("twin", INDICATOR + ROLLING + "objectives: [{target: 0.99}]\n");
    String second = slo("twin", INDICATOR + ROLLING.replace("Occurrences", "Timeslices") + "objectives: [{target: 0.99}]\n");
    OpenSloCli.Run run = importText(first + "---\n" + second);
    assertEquals(OpenSloCommand.PARTIAL, run.exit(), run.err());
    assertContains(run.err(), "f0.yaml doc 2 SLO 'twin': not translated: metadata.name: another SLO is already named 'twin' (",
        "f0.yaml doc 1 SLO 'twin') -> rename one of them",
        "f0.yaml doc 2 SLO 'twin': not translated: spec.objectives[0].timeSliceTarget: missing",
        "1 SLO translated; 1 not translated");
    List<SloDefinition> translated = SloConfigLoader.parse("imported", run.out()).slos();
    assertEquals(1, translated.size());
    assertEquals(new com.huntaze.slo.schemas.slo.Budgeting.Occurrences(), translated.get(0).budgeting(), "the first one is kept");
  }

  @Test
  void aFileGivenTwiceIsReadOnce() throws Exception {
    Path file = java.nio.file.Files.writeString(tmp.resolve("twice.yaml"), slo("twice", INDICATOR + ROLLING + "objectives: [{target: 0.99}]\n"));
    OpenSloCli.Run run = OpenSloCli.run("import", file.toString(), tmp.resolve(".").resolve("twice.yaml").toString());
    assertEquals(OpenSloCommand.COMPLETE, run.exit(), run.err());
    assertEquals(1, SloConfigLoader.parse("imported", run.out()).slos().size());
  }

  @Test
  void usageAndFileErrorsExitWithTwo() throws Exception {
    assertEquals(OpenSloCommand.FAILED, OpenSloCli.run("import").exit());
    OpenSloCli.Run missing = OpenSloCli.run("import", tmp.resolve("absent.yaml").toString());
    assertEquals(OpenSloCommand.FAILED, missing.exit());
    assertContains(missing.err(), "absent.yaml: cannot read (no such file)");
    OpenSloCli.Run notYaml = importText("apiVersion: openslo/v1\nkind: [SLO\n");
    assertEquals(OpenSloCommand.FAILED, notYaml.exit());
    assertContains(notYaml.err(), "f0.yaml: not YAML");
    OpenSloCli.Run help = OpenSloCli.run("import", "--help");
    assertEquals(0, help.exit());
    assertContains(help.out(), "Exit codes: 0 every SLO translated", "docs/openslo.md");
  }
}
