package com.huntaze.slo.schemas.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.event.EventLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SloConfigLoaderTest {

  @Test
  void shouldLoadTheShippedDefaultWithTheSeedsFourSlos() throws Exception {
    SloConfig config = SloConfigLoader.load(Path.of("../compose/slos.yaml"));

    assertEquals(List.of("api-availability", "api-latency", "api-error-rate", "api-throughput"),
        config.slos().stream().map(SloDefinition::name).toList());
    assertTrue(config.warnings().isEmpty(), config.warnings().toString());

    SloDefinition availability = config.byName().get("api-availability");
    assertEquals("huntaze-api", availability.service());
    assertEquals(0.999, availability.objective().getAsDouble(), 0, "exactly the double a user reads as 0.999");
    assertEquals(Duration.ofDays(30), availability.window());
    assertEquals(new Sli.Availability(), availability.sli());
    assertEquals(Optional.of(BurnRatePolicy.DEFAULT), availability.alerting().burnRate());
    assertEquals(0.995, availability.alerting().threshold().getAsDouble(), 1e-12);
    assertTrue(availability.matchesOperation("GET /api/users"));
    assertFalse(availability.matchesOperation("POST /api/users"));

    SloDefinition latency = config.byName().get("api-latency");
    assertEquals(new Sli.Latency(500), latency.sli());
    assertEquals(0.95, latency.objective().getAsDouble(), 1e-12);
    assertTrue(latency.matchesOperation("anything at all"));

    SloDefinition errors = config.byName().get("api-error-rate");
    assertEquals(0.99, errors.alerting().threshold().getAsDouble(), 1e-12);

    SloDefinition throughput = config.byName().get("api-throughput");
    assertEquals(new Sli.Throughput(100), throughput.sli());
    assertTrue(throughput.objective().isEmpty());
    assertTrue(throughput.alerting().burnRate().isEmpty(), "no objective, no budget to burn");
    assertEquals(10, throughput.alerting().threshold().getAsDouble(), 1e-12);
  }

  @Test
  void shouldScaleTheDefaultPolicyWindowsForA7DayWindowAndKeepFactors() throws Exception {
    SloConfig config = SloConfigLoader.parse("test", """
        slos:
          - {name: weekly, service: s, objective: 99, window: 7d, sli: {availability: {}}}
        """);
    BurnRatePolicy policy = config.slos().get(0).alerting().burnRate().orElseThrow();
    assertEquals(Duration.ofMinutes(14), policy.windows().get(0).longWindow()); // 60 min * 7/30
    assertEquals(Duration.ofMinutes(1), policy.windows().get(0).shortWindow()); // 5 min * 7/30 rounds to 1
    // 3 days * 7/30 = 1008m, past 6h so counted in ten-minute buckets: 101 of them, and labelled so
    assertEquals(Duration.ofMinutes(1010), policy.windows().get(3).longWindow());
    assertEquals(14.4, policy.windows().get(0).factor());
    assertTrue(config.warnings().isEmpty(), "the scaled policy is ours, not the user's: " + config.warnings());
  }

  @Test
  void shouldScaleEveryDefaultWindowToWholeBucketsOfItsLength() throws Exception {
    SloConfig config = SloConfigLoader.parse("test", """
        slos:
          - {name: four-weeks, service: s, objective: 99, window: 28d, sli: {availability: {}}}
          - {name: two-weeks, service: s, objective: 99, window: 14d, sli: {availability: {}}}
        """);
    // 28d: 1d * 28/30 = 1344m -> 1350m, 3d -> 4032m -> 4040m; 14d: 672m -> 680m, 2016m -> 2020m
    assertEquals(List.of("56m/5m", "336m/28m", "1350m/112m", "4040m/336m"), rows(config.slos().get(0)));
    assertEquals(List.of("28m/2m", "168m/14m", "680m/56m", "2020m/168m"), rows(config.slos().get(1)));
  }

  @Test
  void shouldSayWhatAScaledRowMeansForItsOwnSloWindow() throws Exception {
    SloConfig config = SloConfigLoader.parse("test", """
        slos:
          - {name: weekly, service: s, objective: 99, window: 7d, sli: {availability: {}}}
          - {name: hourly, service: s, objective: 99, window: 1h, sli: {availability: {}}}
        """);
    // alert texts quote these: a 7d SLO's page is not "2% of the 30-day budget spent in one hour"
    assertEquals(List.of("2% of the 7d budget spent in 14m", "5% of the 7d budget spent in 84m",
        "10% of the 7d budget spent in 336m", "10% of the 7d budget spent in 1010m"), whys(config.slos().get(0)));
    // 1h x 1/720 is 5 s, raised to one minute: the share follows the window actually used
    assertEquals("24% of the 1h budget spent in 1m", whys(config.slos().get(1)).get(0));
  }

  private static List<String> whys(SloDefinition slo) {
    return slo.alerting().burnRate().orElseThrow().windows().stream().map(BurnRateWindow::why).toList();
  }

  private static List<String> rows(SloDefinition slo) {
    return slo.alerting().burnRate().orElseThrow().windows().stream()
        .map(w -> w.longWindow().toMinutes() + "m/" + w.shortWindow().toMinutes() + "m").toList();
  }

  @Test
  void shouldWarnThatAWrittenWindowOfPartBucketsCoversTheNextWholeOne() throws Exception {
    SloConfig config = SloConfigLoader.parse("test", """
        slos:
          - name: odd
            service: s
            objective: 99
            window: 4510m
            sli: {availability: {}}
            alerting: {burnRate: [{severity: page, long: 605m, short: 361m, factor: 2}, {severity: ticket, long: 6h, short: 7m, factor: 1}]}
        """);
    assertEquals(List.of(
        "slo 'odd': window: 4510m is counted in whole hour buckets, so it covers 76h while labelled 4510m; write 75h or 76h",
        "slo 'odd': alerting.burnRate[0].long: 605m is counted in whole 10-minute buckets, so it covers 610m while labelled 605m;"
            + " write 10h or 610m",
        "slo 'odd': alerting.burnRate[0].short: 361m is counted in whole 10-minute buckets, so it covers 370m while labelled 361m;"
            + " write 6h or 370m"), config.warnings());
  }

  @Test
  void shouldMatchTheSreWorkbookBudgetShares() {
    // SRE Workbook table 5-8: 2 %, 5 %, 10 % and 10 % of a 30-day budget.
    double[] expected = {0.02, 0.05, 0.10, 0.10};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], BurnRatePolicy.DEFAULT.windows().get(i).budgetSpent(Duration.ofDays(30)), 1e-9);
    }
  }

  @Test
  void shouldAcceptACustomPolicyAndThresholdWindow() throws Exception {
    SloConfig config = SloConfigLoader.parse("test", """
        slos:
          - name: checkout
            service: shop
            objective: 99.5
            window: 28d
            sli: {latency: {threshold: 0.25s}}
            alerting:
              burnRate:
                - {severity: page, long: 30m, short: 5m, factor: 20, why: fast burn}
              threshold: 98
              thresholdWindow: 10m
        """);
    SloDefinition slo = config.slos().get(0);
    assertEquals(new Sli.Latency(250), slo.sli());
    assertEquals(List.of(new BurnRateWindow(Severity.PAGE, Duration.ofMinutes(30), Duration.ofMinutes(5), 20, "fast burn")),
        slo.alerting().burnRate().orElseThrow().windows());
    assertEquals(Duration.ofMinutes(10), slo.alerting().thresholdWindow());
  }

  @ParameterizedTest(name = "{0} % is {1}")
  @CsvSource({"99.9, 0.999", "99.95, 0.9995", "99.99, 0.9999", "95, 0.95", "99.5, 0.995", "90.1, 0.901", "0.5, 0.005"})
  void shouldReadPercentagesAsTheFractionsTheyWrite(String percent, double fraction) throws Exception {
    SloDefinition slo = SloConfigLoader.parse("test", "slos: [{name: a, service: s, objective: " + percent
        + ", sli: {availability: {}}, alerting: {threshold: " + percent + "}, budgeting: {timeslices: {slice: 1m, goodIf: "
        + percent + "}}}]").slos().get(0);
    // 99.9 / 100 in binary arithmetic is 0.9990000000000001: what sli_target and /api/slos would show
    assertEquals(fraction, slo.objective().getAsDouble(), 0);
    assertEquals(fraction, slo.alerting().threshold().getAsDouble(), 0);
    assertEquals(fraction, ((Budgeting.Timeslices) slo.budgeting()).goodIf(), 0);
  }

  @Test
  void shouldWarnWhenObjectiveLooksLikeARatio() throws Exception {
    SloConfig config = SloConfigLoader.parse("test", """
        slos:
          - {name: a, service: s, objective: 0.999, sli: {availability: {}}}
        """);
    assertEquals(1, config.warnings().size());
    assertTrue(config.warnings().get(0).contains("did you mean 99.9"), config.warnings().get(0));
    SloConfig slices = SloConfigLoader.parse("test", """
        slos:
          - {name: a, service: s, objective: 99.9, sli: {availability: {}}, budgeting: {timeslices: {slice: 1m, goodIf: 0.99}}}
        """);
    assertEquals(List.of("slo 'a': budgeting.timeslices.goodIf: 0.99 means 0.99 %; goodIf is a percentage (did you mean 99?)"),
        slices.warnings());
    SloConfig threshold = SloConfigLoader.parse("test", """
        slos:
          - {name: a, service: s, objective: 99.9, sli: {availability: {}}, alerting: {threshold: 0.995}}
        """);
    assertEquals(List.of("slo 'a': alerting.threshold: 0.995 means 0.995 %; thresholds are percentages (did you mean 99.5?)"),
        threshold.warnings());
  }

  @Test
  void shouldWarnOfBurnRateRowsThatCanNeverFire() throws Exception {
    SloConfig config = SloConfigLoader.parse("test", """
        slos:
          - {name: a, service: s, objective: 99, sli: {availability: {}},
             alerting: {burnRate: [{severity: page, long: 1h, short: 5m, factor: 99}, {severity: ticket, long: 6h, short: 30m, factor: 100}]}}
          - {name: b, service: s, objective: 90, window: 30d, sli: {availability: {}}}
          - {name: c, service: s, objective: 93.1, sli: {availability: {}}}
          - {name: d, service: s, objective: 80, window: 7d, sli: {availability: {}}}
        """);
    assertEquals(List.of(
        "slo 'a': alerting.burnRate[1].factor: 100 can never fire: with objective 99 % the burn rate is at most 100"
            + " (every event bad); lower the factor or raise the objective",
        "slo 'b': alerting.burnRate: the default policy's row page 1h/5m (factor 14.4) can never fire: with objective 90 %"
            + " the burn rate is at most 10 (every event bad); list rows with lower factors or raise the objective",
        "slo 'd': alerting.burnRate: the default policy's rows page 14m/1m (factor 14.4), page 84m/7m (factor 6) can never fire:"
            + " with objective 80 % the burn rate is at most 5 (every event bad); list rows with lower factors or raise the objective"),
        config.warnings());
  }

  @Test
  void shouldShowWarningsAlongsideErrors() {
    SloConfigException e = assertThrows(SloConfigException.class, () -> SloConfigLoader.parse("test", """
        slos:
          - {name: a, service: s, objective: 0.999, sli: {availability: {}}}
          - {name: b, service: s, objective: 99, window: 3x, sli: {availability: {}}}
        """));
    assertEquals(1, e.errors().size());
    assertTrue(e.getMessage().contains("1 warning") && e.getMessage().contains("did you mean 99.9"), e.getMessage());
  }

  @Test
  void shouldReadAFileThatOpensWithADocumentMarker() throws Exception {
    SloConfig config = SloConfigLoader.parse("test", """
        ---
        slos:
          - {name: a, service: s, objective: 99, sli: {availability: {}}}
        # the end, and an empty document
        ---
        """);
    assertEquals(List.of("a"), config.slos().stream().map(SloDefinition::name).toList());
  }

  @Test
  void shouldTurnBurnRateAlertsOff() throws Exception {
    SloConfig config = SloConfigLoader.parse("test", """
        slos:
          - {name: a, service: s, objective: 99, sli: {errorRate: {}}, alerting: {burnRate: none}}
        """);
    assertTrue(config.slos().get(0).alerting().burnRate().isEmpty());
  }

  @Test
  void shouldReportEveryErrorAtOnce() {
    SloConfigException e = assertThrows(SloConfigException.class, () -> SloConfigLoader.parse("test", """
        slos:
          - {name: a, service: s, objective: 120, sli: {availability: {}}}
          - {name: b, service: s, objective: 99, window: 3x, sli: {availability: {}}}
        """));
    assertEquals(2, e.errors().size(), e.errors().toString());
    assertTrue(e.getMessage().startsWith("test: 2 errors"), e.getMessage());
  }

  @Test
  void aServiceShouldObeyTheEventsServiceNameRule() throws Exception {
    String longest = "s".repeat(EventLimits.MAX_SERVICE_LENGTH);
    assertEquals(longest, SloConfigLoader.parse("test", "slos: [{name: a, service: " + longest
        + ", objective: 99, sli: {availability: {}}}]").slos().get(0).service());
    SloConfigException e = assertThrows(SloConfigException.class, () -> SloConfigLoader.parse("test",
        "slos: [{name: a, service: " + longest + "x, objective: 99, sli: {availability: {}}}]"));
    assertTrue(e.getMessage().contains("slo 'a': service: longer than 128 characters (got 129)"), e.getMessage());
  }

  /** Each bad file and the message it must produce (a fragment of it). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      not YAML                     | 'slos: [ {name: a'                                                                            | not valid YAML
      empty file                   | ''                                                                                            | the file is empty
      top level is a list          | '- a'                                                                                         | expected a mapping with a top-level 'slos:' list
      unknown top-level key        | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}}]\nslo: []'              | unknown key 'slo'
      slos not a list              | 'slos: {name: a}'                                                                             | slos: expected a list of SLOs
      empty list                   | 'slos: []'                                                                                    | slos: the list is empty
      missing name                 | 'slos: [{service: s, objective: 99, sli: {availability: {}}}]'                                | slos[0]: name: missing
      bad name                     | 'slos: [{name: API_1, service: s, objective: 99, sli: {availability: {}}}]'                   | slo 'API_1': name: "API_1" must be 1-64 characters
      name read as a number        | 'slos: [{name: 1e3, service: s, objective: 99, sli: {availability: {}}}]'                     | slos[0]: name: expected a string, found the number 1000.0 (write the name in quotes)
      duplicate name               | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}}, {name: a, service: s, objective: 99, sli: {availability: {}}}]' | slo 'a': name: duplicate
      unknown SLO key              | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, target: 3}]'            | slo 'a': unknown key 'target'
      missing service              | 'slos: [{name: a, objective: 99, sli: {availability: {}}}]'                                   | slo 'a': service: missing
      empty service                | 'slos: [{name: a, service: "", objective: 99, sli: {availability: {}}}]'                      | slo 'a': service: empty
      objective above 100          | 'slos: [{name: a, service: s, objective: 100, sli: {availability: {}}}]'                      | slo 'a': objective: 100 is outside (0, 100)
      objective zero               | 'slos: [{name: a, service: s, objective: 0, sli: {availability: {}}}]'                        | slo 'a': objective: 0 is outside (0, 100)
      objective not a number       | 'slos: [{name: a, service: s, objective: high, sli: {availability: {}}}]'                     | slo 'a': objective: expected a number of percent
      objective missing            | 'slos: [{name: a, service: s, sli: {availability: {}}}]'                                      | slo 'a': objective: missing
      window not a duration        | 'slos: [{name: a, service: s, objective: 99, window: 3x, sli: {availability: {}}}]'           | slo 'a': window: "3x" is not a duration
      window too short             | 'slos: [{name: a, service: s, objective: 99, window: 10m, sli: {availability: {}}}]'          | slo 'a': window: 10m is too short
      window too long              | 'slos: [{name: a, service: s, objective: 99, window: 400d, sli: {availability: {}}}]'         | slo 'a': window: 400d is longer than the supported 366d
      sli missing                  | 'slos: [{name: a, service: s, objective: 99}]'                                                | slo 'a': sli: missing
      sli unknown kind             | 'slos: [{name: a, service: s, objective: 99, sli: {uptime: {}}}]'                             | slo 'a': sli: unknown kind 'uptime'
      sli two kinds                | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}, errorRate: {}}}]'        | slo 'a': sli: expected exactly one of
      latency threshold missing    | 'slos: [{name: a, service: s, objective: 99, sli: {latency: {}}}]'                            | slo 'a': sli.latency.threshold: missing
      latency threshold bad        | 'slos: [{name: a, service: s, objective: 99, sli: {latency: {threshold: fast}}}]'             | slo 'a': sli.latency.threshold: "fast" is not a positive latency
      unknown sli option           | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {codes: [500]}}}]'           | slo 'a': sli.availability: unknown key 'codes'
      minRps not positive          | 'slos: [{name: a, service: s, sli: {throughput: {minRps: 0}}}]'                               | slo 'a': sli.throughput.minRps: 0 is not a positive number
      threshold above objective    | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, alerting: {threshold: 99.5}}]' | slo 'a': alerting.threshold: 99.5 % is above the objective 99 %
      throughput threshold above   | 'slos: [{name: a, service: s, sli: {throughput: {minRps: 100}}, alerting: {threshold: 200}}]' | slo 'a': alerting.threshold: 200 requests/s is above sli.throughput.minRps 100
      unknown burn-rate policy     | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, alerting: {burnRate: fast}}]' | slo 'a': alerting.burnRate: "fast" is not 'default', 'none' or a list
      burn rate without objective  | 'slos: [{name: a, service: s, sli: {throughput: {minRps: 1}}, alerting: {burnRate: default}}]' | slo 'a': alerting.burnRate: needs an objective
      short window not shorter     | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, alerting: {burnRate: [{severity: page, long: 5m, short: 1h, factor: 2}]}}]' | short window 1h must be shorter than the long window 5m
      bad severity                 | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, alerting: {burnRate: [{severity: urgent, long: 1h, short: 5m, factor: 2}]}}]' | slo 'a': alerting.burnRate[0].severity: 'urgent' (expected page or ticket)
      alert window beyond SLO      | 'slos: [{name: a, service: s, objective: 99, window: 1d, sli: {availability: {}}, alerting: {burnRate: [{severity: page, long: 3d, short: 1h, factor: 2}]}}]' | slo 'a': alerting.burnRate[0].long: 3d is longer than the SLO window 1d
      empty operation              | 'slos: [{name: a, service: s, operation: "", objective: 99, sli: {availability: {}}}]'        | slo 'a': operation: expected a non-empty glob
      unknown alerting key         | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, alerting: {page: true}}]' | slo 'a': alerting: unknown key 'page'
      objective on throughput      | 'slos: [{name: a, service: s, objective: 99, sli: {throughput: {minRps: 1}}}]'                | slo 'a': objective: not used by a throughput SLO
      duplicate YAML key           | 'slos: [{name: a, name: b, service: s, objective: 99, sli: {availability: {}}}]'              | slos[0]: name: duplicate key (line 1, column 18); each key may appear once in a mapping
      exclude inverted range       | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, exclude: [{from: "2026-12-25T02:00:00Z", to: "2026-12-24T22:00:00Z", reason: m}]}]' | slo 'a': exclude[0]: from 2026-12-25T02:00:00Z is not before to 2026-12-24T22:00:00Z
      exclude overlapping ranges   | 'exclude: [{from: "2026-12-24T22:00:00Z", to: "2026-12-25T02:00:00Z", reason: m}]\nslos: [{name: a, service: s, objective: 99, sli: {availability: {}}, exclude: [{from: "2026-12-25T01:00:00Z", to: "2026-12-25T03:00:00Z", reason: n}]}]' | slo 'a': exclude (with the file's top-level exclude): periods overlap
      exclude overlap in one SLO   | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, exclude: [{from: "2026-12-24T22:00:00Z", to: "2026-12-25T02:00:00Z", reason: m}, {from: "2026-12-25T01:00:00Z", to: "2026-12-25T03:00:00Z", reason: n}]}]' | slo 'a': exclude: periods overlap
      exclude unknown day          | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, exclude: [{every: week, on: [sunday], at: "02:00", for: 2h, reason: m}]}]' | slo 'a': exclude[0].on: unknown day "sunday" (use mon, tue, wed, thu, fri, sat, sun)
      exclude for beyond period    | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, exclude: [{every: day, at: "02:00", for: 25h, reason: m}]}]' | slo 'a': exclude[0].for: 25h is longer than the period it repeats in (day)
      exclude the whole day        | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, exclude: [{every: day, at: "02:00", for: 24h, reason: m}]}]' | slo 'a': exclude[0].for: 24h is the whole day: the SLO would never count an event
      exclude occurrences overlap  | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, exclude: [{every: week, on: [mon, tue], at: "02:00", for: 36h, reason: m}]}]' | slo 'a': exclude[0].for: 36h overlaps the next start: mon to tue
      exclude day twice            | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, exclude: [{every: week, on: [mon, mon], at: "02:00", for: 2h, reason: m}]}]' | slo 'a': exclude[0].on: mon is listed twice
      exclude unknown time zone    | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, exclude: [{every: week, on: [sun], at: "02:00", for: 2h, timeZone: Europe/Pariss, reason: m}]}]' | slo 'a': exclude[0].timeZone: "Europe/Pariss" is not a time zone
      exclude without reason       | 'exclude: [{from: "2026-12-24T22:00:00Z", to: "2026-12-25T02:00:00Z"}]\nslos: [{name: a, service: s, objective: 99, sli: {availability: {}}}]' | exclude[0].reason: missing
      exclude bad time of day      | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, exclude: [{every: day, at: "2am", for: 1h, reason: m}]}]' | slo 'a': exclude[0].at: "2am" (a local time of day, HH:MM
      exclude bad period           | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, exclude: [{every: month, at: "02:00", for: 1h, reason: m}]}]' | slo 'a': exclude[0].every: "month" is not a period (use day or week)
      second YAML document         | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}}]\n---\nslos: [{name: b, service: s, objective: 99, sli: {availability: {}}}]' | the file holds more than one YAML document (another starts at line 3)
      garbage after the document   | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}}]\n---\nslos: [ {name: b' | more than one YAML document
      YAML alias as a value        | 'slos:\n  - {name: a, service: &api huntaze-api, objective: 99, sli: {availability: {}}}\n  - {name: b, service: *api, objective: 99, sli: {availability: {}}}' | line 3: the YAML alias *api is not supported (it would be read as the text "api")
      latency in minutes           | 'slos: [{name: a, service: s, objective: 99, sli: {latency: {threshold: 1m}}}]'                 | slo 'a': sli.latency.threshold: "1m" is not a positive latency in ms or s
      exclude compound duration    | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, exclude: [{every: day, at: "02:00", for: 1h30m, reason: m}]}]' | slo 'a': exclude[0].for: "1h30m" is not a positive duration of one number and unit (e.g. 2h, 30m, 90m)
      exclude not an instant       | 'slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, exclude: [{from: "christmas", to: "2026-12-25T02:00:00Z", reason: m}]}]' | slo 'a': exclude[0].from: "christmas" is not an instant
      """)
  void shouldRejectBadFileWithSpecificMessage(String caseName, String yaml, String expected) {
    SloConfigException e = assertThrows(SloConfigException.class,
        () -> SloConfigLoader.parse("slos.yaml", yaml.replace("\\n", "\n")), caseName);
    assertTrue(e.getMessage().contains(expected), caseName + ": expected \"" + expected + "\" in:\n" + e.getMessage());
  }

  @Test
  void shouldKeepAnSlosNameWithALineBreakOnOneLineInItsMessages() {
    SloConfigException e = assertThrows(SloConfigException.class, () -> SloConfigLoader.parse("f.yaml",
        "slos: [{name: \"x\\n2026 ERROR f\", service: s, objective: 0.5, sli: {availability: {}}}]"));
    assertTrue(e.getMessage().contains("slo \"x\\n2026 ERROR f\": name: \"x\\n2026 ERROR f\" must be 1-64 characters"), e.getMessage());
    assertFalse(e.getMessage().contains("x\n2026"), e.getMessage());
  }
}
