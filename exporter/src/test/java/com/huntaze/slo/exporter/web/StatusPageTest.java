package com.huntaze.slo.exporter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.testing.StatusJson;
import com.huntaze.slo.exporter.view.SloView;
import com.huntaze.slo.exporter.view.StatusMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusPageTest {
  static final Instant NOW = Instant.parse("2026-11-24T10:00:30Z");
  final List<SloStatus> seed = StatusJson.readResource("metrics/seed-slos/in.json");

  Overview overview(List<SloStatus> slos, boolean ready) {
    return Overview.of(NOW, ready, slos.stream().map(StatusMapper::toView).toList(), List.of(), List.of(),
        Duration.ofMinutes(2));
  }

  @Test
  void shouldShowEverySloWithObjectiveSliBudgetFreshnessAndBurnRates() {
    String html = StatusPage.render(overview(seed, true));
    for (SloStatus s : seed) {
      assertTrue(html.contains("id=\"slo-" + s.getName() + "\""), s.getName());
    }
    assertTrue(html.contains("<dd class=\"objective\">99.900 %</dd>"), html);
    assertTrue(html.contains("<dd class=\"sli good\">99.950 %</dd>"));
    assertTrue(html.contains("<dd class=\"budget good\">50.0 %</dd>"));
    // The error-rate SLO (99.875 % good against 99.9 %) reads as errors, as it is written.
    assertTrue(html.contains("<dt>Objective</dt><dd class=\"objective\">error rate &lt; 0.100 %</dd>"), html);
    assertTrue(html.contains("<dt>Error rate</dt><dd class=\"sli bad\">0.125 %</dd>"), html);
    assertTrue(html.contains("<dd class=\"budget bad\">-25.0 % (overspent)</dd>"));
    assertTrue(html.contains("<dd class=\"freshness\">30 s old</dd>"));
    assertTrue(html.contains("<td>1h</td><td class=\"bad\">10.00x</td>"));
    assertTrue(html.contains("<span class=\"badge page\">PAGE</span>"), "the firing page alert shows");
    assertTrue(html.contains("<meta name=\"viewport\""), "readable on a phone");
    assertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "no external assets");
  }

  @Test
  void shouldShowOnePageBadgeWhenTwoPageAlertsFire() {
    SloStatus availability = seed.get(0);
    availability.getAlerts().forEach(a -> a.setFiring(a.getSeverity().equals("page"))); // SLOBurnRate and SLOThreshold
    String html = StatusPage.render(overview(List.of(availability), true));
    assertEquals(1, html.split("<span class=\"badge page\">PAGE</span>", -1).length - 1, html);
  }

  @Test
  void shouldSayNoDataInsteadOfInventingValues() {
    List<SloStatus> none = StatusJson.readResource("metrics/no-data/in.json");
    String html = StatusPage.render(overview(none, false));
    assertTrue(html.contains("<dd class=\"sli nodata\">no data</dd>"));
    assertTrue(html.contains("<dd class=\"budget nodata\">no data</dd>"));
    assertTrue(html.contains("<td class=\"nodata\">no data</td>"));
    assertTrue(html.contains("id=\"not-ready\""));
    assertTrue(html.contains("STALE"), "150 s old is over the 2 min stale limit");
    assertFalse(html.contains("<svg"), "no burn-down without data");
    assertFalse(html.contains("NaN"));
  }

  @Test
  void shouldShowLateRefusedAndExcludedEvents() {
    String html = StatusPage.render(overview(StatusJson.readResource("metrics/services/in.json"), true));
    assertTrue(html.contains("1,200 late event(s) counted in the windows still covering them (latest 45m late)"), html);
    List<SloStatus> odd = StatusJson.readResource("metrics/services/in.json");
    odd.forEach(s -> s.setLastLatenessMs(s.getLastLatenessMs() == null ? null : 262_447_526L));
    assertTrue(StatusPage.render(overview(odd, true)).contains("(latest 72.9 h late)"), "not in milliseconds");
    assertTrue(html.contains("7 event(s) refused: 5 older than every window, 2 too far ahead of the clock"), html);
    assertTrue(html.contains("340 event(s) in excluded periods, not counted:"), html);
    assertTrue(html.contains("2026-11-24T09:30:00Z .. 2026-11-24T11:30:00Z: weekly maintenance"), html);
    assertTrue(html.contains("<rect class=\"excluded\"") && html.contains("<title>excluded: weekly maintenance</title>"),
        "the burn-down shades the excluded period");
  }

  @Test
  void shouldEscapeWhatComesFromTheTopic() {
    SloStatus evil = seed.get(0); // a fresh copy per test (read from JSON); setters avoid Avro's deep copy
    evil.setService("<script>alert(1)</script>");
    evil.setOperation("GET /a?b=\"c\"&d");
    String html = StatusPage.render(overview(List.of(evil), true));
    assertFalse(html.contains("<script>"));
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("GET /a?b=&quot;c&quot;&amp;d"));
  }

  @Test
  void shouldDrawTheBurnDownToScaleWithALabelledTimeAxis() {
    SloView rolling = StatusMapper.toView(seed.get(0));
    String svg = BurnDownChart.section(rolling);
    assertTrue(svg.contains("<svg class=\"burndown\""), svg);
    assertTrue(svg.contains("time (UTC)"), "a rolling window is labelled in UTC");
    assertTrue(svg.contains(">Oct 25</text>") && svg.contains(">Nov 24</text>"), "ticks at the window's start and end: " + svg);
    // To scale: 2026-11-04 is a third of the way through the 30-day window (x 40 + 306 / 3 = 142).
    assertTrue(svg.contains("points=\"40.0,10.0 142.0,"), svg);
    assertEquals("", BurnDownChart.section(StatusMapper.toView(seed.get(3))), "throughput SLOs have no budget, hence no chart");

    SloView calendar = StatusMapper.toView(StatusJson.readResource("metrics/calendar/in.json").get(0));
    String month = BurnDownChart.section(calendar);
    assertTrue(month.contains("time (Europe/Paris)"), month);
    assertTrue(month.contains(">Nov 1</text>") && month.contains(">Dec 1</text>"), "local dates of the period: " + month);
    assertTrue(month.contains("78 % elapsed") && month.contains("39.1 %"), month);
    // Now (Nov 24 10:00Z) lies 563 of 720 hours into the period: x = 40 + 306 * 563 / 720 = 279.3.
    assertTrue(month.contains("<circle cx=\"279.3\""), month);
  }

  @Test
  void shouldPrintACalendarPeriodInTheSlosOwnZoneAsTheChartBesideIt() {
    // The period line read "2026-10-31T23:00:00Z .. 2026-11-30T23:00:00Z" beside a chart drawn in Europe/Paris.
    SloStatus paris = StatusJson.readResource("metrics/calendar/in.json").get(0);
    String month = BurnDownChart.section(StatusMapper.toView(paris));
    assertTrue(month.contains("<p class=\"period\">Period <time datetime=\"2026-10-31T23:00:00Z\">2026-11-01 00:00 Europe/Paris</time>"
        + " .. <time datetime=\"2026-11-30T23:00:00Z\">2026-12-01 00:00 Europe/Paris</time>, 78 % elapsed"), month);

    SloStatus kolkata = StatusJson.readResource("metrics/calendar/in.json").get(0); // +05:30: not a whole hour either
    kolkata.setTimeZone("Asia/Kolkata");
    kolkata.setPeriodStart(Instant.parse("2026-10-31T18:30:00Z"));
    kolkata.setPeriodEnd(Instant.parse("2026-11-30T18:30:00Z"));
    String india = BurnDownChart.section(StatusMapper.toView(kolkata));
    assertTrue(india.contains(">2026-11-01 00:00 Asia/Kolkata</time> .. <time datetime=\"2026-11-30T18:30:00Z\">2026-12-01 00:00 Asia/Kolkata</time>"),
        india);
    assertTrue(india.contains("time (Asia/Kolkata)"), "the chart in the same zone: " + india);
  }

  @Test
  void shouldReadAPeriodInUtcAndSaySoWhenItsZoneIsUnknownHere() {
    // A zone newer than this JVM's time-zone data (or garbled on the topic) failed the whole status page with a 500.
    SloStatus unknown = StatusJson.readResource("metrics/calendar/in.json").get(0);
    unknown.setTimeZone("Mars/Olympus_Mons");
    String html = StatusPage.render(overview(List.of(unknown), true));
    assertTrue(html.contains(">2026-10-31 23:00 UTC</time> .. "), html);
    assertTrue(html.contains("time (UTC)"), html);
  }

  @Test
  void shouldServeTheSameDataAsJsonWithNullForNoData() throws Exception {
    List<SloStatus> slos = new java.util.ArrayList<>(seed);
    slos.addAll(StatusJson.readResource("metrics/no-data/in.json"));
    JsonNode root = new ObjectMapper().readTree(SlosJson.render(overview(slos, true)));
    assertEquals(6, root.get("slos").size());
    JsonNode availability = root.get("slos").get(0);
    assertEquals("api-availability", availability.get("name").asText());
    assertEquals(0.5, availability.get("budgetRemaining").asDouble());
    assertEquals(50.0, availability.get("healthScore").asDouble());
    assertEquals(30.0, availability.get("ageSeconds").asDouble());
    assertEquals(5, availability.get("burnDown").size());
    assertEquals("2026-10-25T10:00:00Z", availability.get("burnDown").get(0).get("at").asText());
    assertEquals(0.5, availability.get("burnDown").get(4).get("budgetRemaining").asDouble());
    assertEquals("occurrences", availability.get("budgeting").asText());
    assertTrue(availability.get("periodStart").isNull(), "a rolling window has no period");
    JsonNode noData = root.get("slos").get(4);
    assertEquals("checkout-availability", noData.get("name").asText());
    assertTrue(noData.get("sli").isNull());
    assertTrue(noData.get("budgetRemaining").isNull());
    assertTrue(noData.get("windows").get(0).get("burnRate").isNull());
    assertTrue(noData.get("stale").asBoolean());
    assertEquals(0.0, root.get("overallHealth").asDouble(), "huntaze-api is 0 (overspent), checkout has no data");
  }
}
