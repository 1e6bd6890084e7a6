package com.huntaze.slo.processor.openslo;

import static com.huntaze.slo.processor.openslo.OpenSloCli.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.schemas.slo.CalendarWindow;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** slos.yaml -> export -> import -> slos.yaml gives the same definitions, through the real loader. */
class OpenSloRoundTripTest {
  @TempDir
  Path tmp;

  private static final String SLOS = """
      slos:
        - name: api-availability
          service: huntaze-api
          operation: "GET /api/*"
          objective: 99.9
          window: 30d
          sli: {availability: {}}
          alerting: {burnRate: default, threshold: 99.5}
        - name: api-latency
          service: huntaze-api
          objective: 95
          sli: {latency: {threshold: 500ms}}
        - name: api-error-rate
          service: huntaze-api
          objective: 99.9
          sli: {errorRate: {}}
          alerting: {burnRate: none, threshold: 99.0}
        - name: checkout-latency-weekly
          service: checkout
          operation: "POST /pay?"
          objective: 99.95
          window: 7d
          sli: {latency: {threshold: 0.25s}}
          alerting:
            burnRate:
              - {severity: page, long: 1h, short: 5m, factor: 14.4, why: "fast burn: 2 % of the week in an hour"}
              - {severity: ticket, long: 6h, short: 30m, factor: 3}
            threshold: 99.5
            thresholdWindow: 10m
        - name: search-availability-28d
          service: search
          objective: 99.95
          window: 28d
          sli: {availability: {}}
        - name: checkout-by-region
          service: checkout
          objective: 99.5
          sli: {availability: {}}
          groupBy: [operation, attributes.region]
          maxGroups: 500
          attribution: [attributes.tenant, operation]
        - name: upload-latency
          service: uploads
          objective: 99.123
          window: 12h
          sli: {latency: {threshold: 12.5ms}}
      """;

  @Test
  void exportThenImportGivesTheSameDefinitions() throws Exception {
    List<SloDefinition> original = SloConfigLoader.parse("slos.yaml", SLOS).slos();
    List<SloDefinition> back = roundTrip(SLOS, OpenSloCommand.COMPLETE);
    assertEquals(original, back);
    // And again: the imported file exports to the same OpenSLO documents.
    Path first = tmp.resolve("first.yaml");
    Files.writeString(first, OpenSloCli.run("export", "--slos", tmp.resolve("slos.yaml").toString()).out());
    Path imported = tmp.resolve("imported.yaml");
    Files.writeString(imported, OpenSloCli.run("import", first.toString()).out());
    assertEquals(Files.readString(first), OpenSloCli.run("export", "--slos", imported.toString()).out());
  }

  private static final String CALENDARS = """
      slos:
        - name: monthly-paris
          service: huntaze-api
          objective: 99.9
          window: {calendar: month, timeZone: Europe/Paris}
          budgeting: {timeslices: {slice: 1m, goodIf: 99}}
          sli: {availability: {}}
          alerting: {burnRate: default}
        - name: weekly-new-york
          service: checkout
          operation: "POST /pay"
          objective: 99.5
          window: {calendar: week, timeZone: America/New_York}
          budgeting: ratioTimeslices
          sli: {latency: {threshold: 300ms}}
          alerting:
            burnRate:
              - {severity: page, long: 1h, short: 5m, factor: 14.4}
        - name: quarterly-tokyo
          service: search
          objective: 99
          window: {calendar: quarter, timeZone: Asia/Tokyo}
          budgeting: {ratioTimeslices: {slice: 10m}}
          sli: {errorRate: {}}
          alerting: {burnRate: none, threshold: 98}
        - name: quarterly-hours
          service: uploads
          objective: 99.9
          window: {calendar: quarter, timeZone: UTC}
          budgeting: {timeslices: {slice: 1h, goodIf: 99.5}}
          sli: {availability: {}}
        - name: rolling-slices
          service: search
          objective: 99.95
          window: 28d
          budgeting: {timeslices: {slice: 10m, goodIf: 95}}
          sli: {latency: {threshold: 1s}}
        - name: monthly-occurrences
          service: search
          objective: 99.9
          window: {calendar: month, timeZone: Europe/London}
          budgeting: occurrences
          sli: {availability: {}}
      """;

  @Test
  void calendarWindowsAndBudgetingMethodsRoundTrip() throws Exception {
    List<SloDefinition> original = SloConfigLoader.parse("slos.yaml", CALENDARS).slos();
    assertEquals(original, roundTrip(CALENDARS, OpenSloCommand.COMPLETE));
    String openslo = Files.readString(tmp.resolve("openslo.yaml"));
    assertContains(openslo, """
          timeWindow:
            - duration: 1M
              isRolling: false
              calendar:
                startTime: 2024-01-01 00:00:00
                timeZone: Europe/Paris
          budgetingMethod: Timeslices
        """, "duration: 1w\n", "duration: 1Q\n", "budgetingMethod: RatioTimeslices\n", "timeSliceTarget: 0.995\n",
        "timeSliceWindow: 10m\n", "timeSliceWindow: 1h\n");
    // The imported file exports to the same OpenSLO documents.
    Path imported = tmp.resolve("imported.yaml");
    Files.writeString(imported, OpenSloCli.run("import", tmp.resolve("openslo.yaml").toString()).out());
    assertEquals(openslo, OpenSloCli.run("export", "--slos", imported.toString()).out());
  }

  /** Every digit written in slos.yaml (up to a double's 15) survives the export: objective, goodIf, threshold, factor. */
  @Test
  void preciseNumbersRoundTripDigitForDigit() throws Exception {
    String slos = """
        slos:
          - name: precise
            service: web
            objective: 99.1234567890123
            window: {calendar: month, timeZone: Europe/Paris}
            budgeting: {timeslices: {slice: 10m, goodIf: 33.3333333333333}}
            sli: {latency: {threshold: 0.123456789012345ms}}
            alerting:
              burnRate:
                - {severity: page, long: 1h, short: 5m, factor: 7.12345678901234, why: "fast"}
              threshold: 98.7654321098765
        """;
    List<SloDefinition> original = SloConfigLoader.parse("slos.yaml", slos).slos();
    assertEquals(original, roundTrip(slos, OpenSloCommand.COMPLETE));
  }

  /** Names a YAML reader would take for numbers (1e3, 0x1F, 1_000, +1, 1:30, .inf) are quoted, in both directions. */
  @Test
  void numberLikeNamesStayStrings() throws Exception {
    String slos = """
        slos:
          - {name: "1e3", service: "1e3", operation: "0x1F", objective: 99, sli: {availability: {}}}
          - {name: "1000", service: "1_000", operation: "+1", objective: 99, sli: {availability: {}}}
          - {name: sexagesimal, service: "1:30", operation: ".inf", objective: 99, sli: {errorRate: {}}}
          - {name: octal, service: "0o17", operation: "0b101", objective: 99, sli: {errorRate: {}}}
        """;
    List<SloDefinition> original = SloConfigLoader.parse("slos.yaml", slos).slos();
    assertEquals("1e3", original.get(0).service());
    assertEquals(original, roundTrip(slos, OpenSloCommand.COMPLETE));
  }

  /** OpenSLO names are DNS labels of at most 63 characters: policy names of long SLO names stay within it, and stay distinct. */
  @Test
  void longSloNamesGivePolicyNamesWithinOpenSlosLimit() throws Exception {
    String a = "a".repeat(52);
    String b = "a".repeat(51) + "b";
    String longest = "c".repeat(64);
    String slos = """
        slos:
          - {name: %s, service: web, objective: 99, sli: {availability: {}}}
          - {name: %s, service: web, objective: 99, sli: {availability: {}}}
          - {name: %s, service: web, objective: 99, sli: {availability: {}}}
        """.formatted(a, b, longest);
    List<SloDefinition> original = SloConfigLoader.parse("slos.yaml", slos).slos();
    assertEquals(original, roundTrip(slos, OpenSloCommand.COMPLETE));
    OpenSloCli.Run export = OpenSloCli.run("export", "--slos", tmp.resolve("slos.yaml").toString());
    List<String> policies = java.util.regex.Pattern.compile("(?m)^kind: AlertPolicy\n+metadata:\n +name: (\\S+)").matcher(export.out())
        .results().map(m -> m.group(1)).toList();
    assertEquals(12, policies.size(), export.out());
    assertEquals(12, new java.util.HashSet<>(policies).size(), policies.toString());
    policies.forEach(p -> org.junit.jupiter.api.Assertions.assertTrue(p.length() <= 63 && p.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?"), p));
    assertContains(export.err(), "slo '" + longest + "': note: metadata.name: exported as it is, 64 characters: OpenSLO v1 names are DNS "
        + "labels of at most 63");
  }

  /** Without {@code timeZone:} a calendar is in UTC, which OpenSLO names and gives back the same. */
  @Test
  void aCalendarWithoutTimeZoneComesBackInUtc() throws Exception {
    String slos = """
        slos:
          - {name: monthly, service: web, objective: 99.9, window: {calendar: month}, sli: {availability: {}}}
        """;
    SloDefinition original = SloConfigLoader.parse("slos.yaml", slos).slos().get(0);
    assertEquals(ZoneId.of("UTC"), original.calendar().orElseThrow().timeZone());
    assertEquals(List.of(original), roundTrip(slos, OpenSloCommand.COMPLETE));
  }

  @Test
  void theShippedSlosRoundTripButTheThroughputSloWhichOpenSloCannotHold() throws Exception {
    String shipped = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("compose").resolve("slos.yaml"));
    List<SloDefinition> original = SloConfigLoader.parse("compose/slos.yaml", shipped).slos().stream()
        .filter(s -> !s.sli().kind().equals("throughput")).toList();
    assertEquals(original, roundTrip(shipped, OpenSloCommand.PARTIAL));
  }

  @Test
  void exclusionsAreReportedAsLeftOut() throws Exception {
    Path slos = tmp.resolve("slos.yaml");
    Files.writeString(slos, """
        slos:
          - name: api-availability
            service: huntaze-api
            objective: 99.9
            sli: {availability: {}}
            exclude:
              - {from: 2026-11-20T14:05:00Z, to: 2026-11-20T14:50:00Z, reason: "provider outage"}
        """);
    OpenSloCli.Run run = OpenSloCli.run("export", "--slos", slos.toString());
    assertEquals(OpenSloCommand.PARTIAL, run.exit());
    assertContains(run.err(), "slo 'api-availability': left out: exclude: 1 excluded periods are not exported: OpenSLO v1 has no "
        + "exclusions -> keep them in slos.yaml and add them again after an import");
  }

  @Test
  void aFileWithNothingExportableGetsItsReportAndNoDocument() throws Exception {
    Path slos = tmp.resolve("throughput.yaml");
    Files.writeString(slos, "slos:\n  - {name: tp, service: svc, sli: {throughput: {minRps: 10}}}\n");
    OpenSloCli.Run run = OpenSloCli.run("export", "--slos", slos.toString());
    assertEquals(OpenSloCommand.PARTIAL, run.exit(), run.err());
    assertEquals("", run.out());
    assertContains(run.err(), "slo 'tp': not translated: sli: a throughput SLO has no OpenSLO form here",
        "openslo export: 0 of 1 SLOs exported; 1 not translated");
  }

  @Test
  void anInvalidSlosFileIsAFailure() throws Exception {
    Path slos = tmp.resolve("bad.yaml");
    Files.writeString(slos, "slos: []\n");
    OpenSloCli.Run run = OpenSloCli.run("export", "--slos", slos.toString());
    assertEquals(OpenSloCommand.FAILED, run.exit());
    assertContains(run.err(), "slos: the list is empty");
  }

  private List<SloDefinition> roundTrip(String slosYaml, int exportExit) throws Exception {
    Path slos = tmp.resolve("slos.yaml");
    Files.writeString(slos, slosYaml);
    OpenSloCli.Run export = OpenSloCli.run("export", "--slos", slos.toString());
    assertEquals(exportExit, export.exit(), export.err());
    if (exportExit == OpenSloCommand.PARTIAL) {
      assertContains(export.err(), "slo 'api-throughput': not translated: sli: a throughput SLO has no OpenSLO form here");
    }
    Path openslo = tmp.resolve("openslo.yaml");
    Files.writeString(openslo, export.out());
    OpenSloCli.Run imported = OpenSloCli.run("import", openslo.toString());
    assertEquals(OpenSloCommand.COMPLETE, imported.exit(), imported.err() + "\n" + export.out());
    return SloConfigLoader.parse("imported", imported.out()).slos();
  }
}
