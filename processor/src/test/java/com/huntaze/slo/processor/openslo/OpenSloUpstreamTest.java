package com.huntaze.slo.processor.openslo;

import static com.huntaze.slo.processor.openslo.OpenSloCli.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenSLO v1 documents of the spec's repository and its Go SDK (test resources
 * openslo/upstream, CREDITS.md): each either imports or gets a precise message. As written they
 * all measure metric queries (Prometheus, Datadog, "Any"), so their SLOs are reported with the
 * convention to follow; with the convention's annotation added, the rest of each document
 * translates field by field.
 */
class OpenSloUpstreamTest {
  @TempDir
  Path tmp;

  @Test
  void everyRealDocumentImportsOrGetsAPreciseMessage() throws IOException {
    Map<String, String> expected = Map.ofEntries(
        Map.entry("spec-occurences-slo.yaml", "doc 1 SLO 'search-slo': not translated: spec.indicator.spec.thresholdMetric: "
            + "a threshold metric of type Any has no event SLI here -> this pipeline counts request events, not metric queries"),
        Map.entry("spec-ratio-timeslices.yaml", "doc 1 SLO 'main-page': not translated: spec.indicator.spec.ratioMetric: "
            + "a ratio metric of type Any, query Any has no event SLI here"),
        Map.entry("spec-timeslices-slo.yaml", "doc 1 SLO 'service-availability': not translated: spec.indicator.spec.ratioMetric"),
        Map.entry("spec-low-traffic-timeslices-slo.yaml", "doc 1 SLO 'service-availability': not translated: spec.indicator.spec.ratioMetric"),
        Map.entry("spec-readme-v1.yaml", "doc 2 SLO 'foo-slo': not translated: spec.indicator.spec.ratioMetric: a ratio metric of "
            + "type Datadog, query sum:trace.http.request.hits.by_http_status{http.status_code:200}.as_count() has no event SLI here"),
        Map.entry("spec-readme-v1-inline-policy.yaml", "doc 1 AlertPolicy 'AlertPolicy': left out: spec.notificationTargets[0].targetRef: "
            + "'OnCallDevopsMailNotification' does not resolve: no AlertNotificationTarget of that name in the files given"),
        Map.entry("sdk-example-slo.yaml", "doc 1 SLO 'web-availability': not translated: spec.indicator.spec.ratioMetric: a ratio "
            + "metric of type Prometheus, query sum(http_requests{k8s_cluster=\"prod\",component=\"web\",code=~\"2xx|4xx\"})"),
        Map.entry("sdk-inline-v1_slo.yaml", "doc 2 SLI 'my-sli': not translated: spec.thresholdMetric: a threshold metric of type "
            + "Prometheus, query sum(min_over_time(kafka_consumergroup_lag"),
        Map.entry("sdk-export-v1_slo.yaml", "doc 1 SLO 'my-slo': not translated: spec.indicator.spec.thresholdMetric: a threshold "
            + "metric of type Prometheus"),
        Map.entry("sdk-inline-v1_alert_policies_invalid_condition.yaml", "doc 1 AlertPolicy 'single-referenced-object': left out: "
            + "spec.conditions[0].conditionRef: 'cpu-usage-breach' does not resolve: no AlertCondition of that name in the files given"),
        Map.entry("sdk-inline-v1_alert_policies_remove_refs.yaml", "doc 5 AlertCondition 'cpu-usage-breach': left out: "
            + "spec.condition.op: 'lte': an alert on a burn rate below its threshold means nothing here"));
    List<String> files;
    try (var list = Files.list(OpenSloCli.UPSTREAM)) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
    }
    assertEquals(new java.util.TreeSet<>(expected.keySet()), new java.util.TreeSet<>(files));
    for (String file : files) {
      OpenSloCli.Run run = OpenSloCli.run("import", OpenSloCli.UPSTREAM.resolve(file).toString());
      assertEquals(OpenSloCommand.PARTIAL, run.exit(), file);
      assertEquals("", run.out(), file);
      assertContains(run.err(), file + " " + expected.get(file));
      // Every line of the report names the file, the document, its kind and its name (or is the summary).
      run.err().lines().filter(l -> !l.startsWith("openslo import:")).forEach(l -> assertTrue(
          l.matches(".*" + java.util.regex.Pattern.quote(file) + "( doc \\d+ \\w+ '[^']*')?: (not translated|left out|note): .*"), l));
    }
  }

  @Test
  void anSloWhoseReferencedSliCannotBeTranslatedSaysSo() {
    OpenSloCli.Run run = OpenSloCli.run("import", OpenSloCli.UPSTREAM.resolve("sdk-inline-v1_slo.yaml").toString());
    assertContains(run.err(), "sdk-inline-v1_slo.yaml doc 1 SLO 'my-slo': not translated: spec.indicatorRef: the SLI 'my-sli' is not "
        + "translated -> see the report's entry for ");
  }

  @Test
  void theRestOfEachRealSloTranslatesOnceItsIndicatorFollowsTheConvention() throws Exception {
    OpenSloCli.Run occurrences = importAnnotated("spec-occurences-slo.yaml", "latency <= 500ms");
    assertEquals(OpenSloCommand.COMPLETE, occurrences.exit(), occurrences.err());
    assertContains(occurrences.err(), "note: spec.indicator.spec: the indicator (type Any) is not read: the huntaze.com/sli "
        + "annotation says which events count");
    assertContains(occurrences.err(), "spec.alertPolicies: no alert policies: burn-rate alerts are off (burnRate: none)");
    List<SloDefinition> loaded = SloConfigLoader.parse("import", occurrences.out()).slos();
    assertEquals(1, loaded.size());
    SloDefinition s = loaded.get(0);
    assertEquals("search-slo", s.name());
    assertEquals("web-shop", s.service());
    assertEquals(java.time.Duration.ofDays(14), s.window());
    assertEquals(0.99, s.objective().getAsDouble());
    assertEquals(new com.huntaze.slo.schemas.slo.Sli.Latency(500), s.sli());
    assertTrue(s.alerting().burnRate().isEmpty());

    OpenSloCli.Run ratio = importAnnotated("spec-ratio-timeslices.yaml", "availability");
    assertContains(ratio.out(), "objective: 99\n", "window: 14d\n", "budgeting: ratioTimeslices\n", "availability: {}");

    OpenSloCli.Run monthInMinutes = importAnnotated("spec-timeslices-slo.yaml", "availability");
    assertContains(monthInMinutes.err(), "doc 1 SLO 'service-availability': not translated: spec.timeWindow[0].duration: "
        + "a calendar window of '1m' is not supported (m is minutes in OpenSLO; a month is M) -> use 1w, 1M or 1Q (3M)");

    OpenSloCli.Run week = importAnnotated("spec-low-traffic-timeslices-slo.yaml", "availability");
    assertEquals(OpenSloCommand.PARTIAL, week.exit(), week.err());
    assertContains(week.out(), """
            objective: 99.95
            window:
              calendar: week
              timeZone: America/New_York
            budgeting:
              timeslices:
                slice: 1m
                goodIf: 95
        """);
    assertContains(week.err(), "left out: spec.timeWindow[0].calendar.startTime: '2022-01-01 12:00:00' is not carried: "
        + "periods here start at 00:00 on Mondays in the time zone");

    OpenSloCli.Run sdk = importAnnotated("sdk-export-v1_slo.yaml", "errorRate");
    assertContains(sdk.out(), """
            alerting:
              burnRate:
                - severity: page
                  long: 1h
                  short: 5m
                  factor: 2
        """);
    assertContains(sdk.err(), 
        "doc 1 SLO 'my-slo': left out: spec.alertPolicies[0].spec.conditions[0].conditionRef: 'cpu-usage-breach' does not resolve",
        "doc 1 SLO 'my-slo': left out: spec.alertPolicies[1].spec.notificationTargets[0].spec.target: 'pagerduty' "
            + "(pd-on-call-notification) is not carried",
        "doc 2 AlertNotificationTarget 'devs-email-notification': left out: spec.target: 'email'");

    OpenSloCli.Run byRef = importAnnotated("sdk-inline-v1_slo.yaml", "latency <= 250ms");
    assertContains(byRef.out(), "name: my-slo", "threshold: 250ms", "goodIf: 95", "objective: 99.5");
    assertContains(byRef.err(), "doc 2 SLI 'my-sli': note: spec: the indicator (type Prometheus");
  }

  /** The upstream time-slice examples, once annotated, import, export and import back to the same definitions. */
  @Test
  void theUpstreamTimeslicesExamplesRoundTrip() throws Exception {
    for (String file : List.of("spec-low-traffic-timeslices-slo.yaml", "spec-ratio-timeslices.yaml", "sdk-example-slo.yaml")) {
      OpenSloCli.Run first = importAnnotated(file, "availability");
      List<SloDefinition> imported = SloConfigLoader.parse(file, first.out()).slos();
      assertEquals(1, imported.size(), file + "\n" + first.err());
      Path slos = tmp.resolve("slos-" + file);
      Files.writeString(slos, first.out());
      OpenSloCli.Run export = OpenSloCli.run("export", "--slos", slos.toString());
      assertEquals(OpenSloCommand.COMPLETE, export.exit(), export.err());
      Path openslo = tmp.resolve("openslo-" + file);
      Files.writeString(openslo, export.out());
      OpenSloCli.Run again = OpenSloCli.run("import", openslo.toString());
      assertEquals(OpenSloCommand.COMPLETE, again.exit(), again.err());
      assertEquals(imported, SloConfigLoader.parse(file, again.out()).slos(), file);
    }
  }

  /** The upstream file with {@code huntaze.com/sli: sli} added to each SLO's annotations, imported. */
  private OpenSloCli.Run importAnnotated(String file, String sli) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<JsonNode> docs = new ArrayList<>();
    try (var it = yaml.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(OpenSloCli.UPSTREAM.resolve(file)))) {
      while (it.hasNextValue()) {
        JsonNode node = it.nextValue();
        if (node.isArray()) {
          node.forEach(docs::add);
        } else {
          docs.add(node);
        }
      }
    }
    for (JsonNode doc : docs) {
      if (doc.path("kind").asText().equals("SLO")) {
        ((ObjectNode) doc.get("metadata")).putObject("annotations").put(Convention.ANN_SLI, sli);
      }
    }
    Path out = tmp.resolve(file);
    Files.writeString(out, docs.stream().map(d -> {
      try {
        return yaml.writeValueAsString(d);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).collect(Collectors.joining()));
    return OpenSloCli.run("import", out.toString());
  }
}
