package com.huntaze.slo.exporter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.huntaze.slo.avro.GroupLabel;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.testing.StatusJson;
import com.huntaze.slo.exporter.view.GroupedSlo;
import com.huntaze.slo.exporter.view.SloView;
import com.huntaze.slo.exporter.view.StatusMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A grouped SLO on the status pages and in /api/slos: groups worst budget first, bounded; attribution; escaping. */
class SloPageTest {
  static final Instant NOW = Instant.parse("2026-11-24T10:00:30Z");
  final List<SloStatus> grouped = StatusJson.readResource("metrics/grouped/in.json");

  static Overview overview(List<SloStatus> statuses) {
    List<SloView> views = statuses.stream().map(StatusMapper::toView)
        .sorted(java.util.Comparator.comparing(SloView::key)).toList();
    return Overview.of(NOW, true, views, List.of(), List.of(), Duration.ofMinutes(2));
  }

  @Test
  void shouldListTheWorstGroupsOnTheCardAndLinkToTheSlosPage() {
    String html = StatusPage.render(overview(grouped));
    assertEquals(1, html.split("<section class=\"slo\"", -1).length - 1, "groups are no cards of their own");
    int eu = html.indexOf("data-group=\"{operation=&quot;POST /api/payouts&quot;,region=&quot;eu-west-1&quot;}\"");
    int get = html.indexOf("data-group=\"{operation=&quot;GET /api/payouts&quot;,region=&quot;&quot;}\"");
    assertTrue(eu > 0 && get > eu, "worst budget first:\n" + html);
    assertTrue(html.contains("href=\"slo/payouts-availability?operation=POST%20%2Fapi%2Fpayouts&amp;region=eu-west-1\""), html);
    assertTrue(html.contains("<a class=\"slo-page\" href=\"slo/payouts-availability\">All groups and top contributors →</a>"));
    assertTrue(html.contains("2 more counted in _other (maxGroups reached)"));
  }

  @Test
  void shouldShowAtMostFiftyGroupsWithACountOfTheRestAndTheAttribution() {
    List<SloStatus> many = new ArrayList<>(grouped);
    for (int i = 0; i < 60; i++) {
      SloStatus g = SloStatus.newBuilder(grouped.get(1)).build();
      g.setGroup(List.of(new GroupLabel("operation", "operation", "GET /r" + i), new GroupLabel("region", "attributes.region", "x")));
      g.setBudgetRemaining(0.5 + i / 1000.0);
      many.add(g);
    }
    Overview o = overview(many);
    GroupedSlo slo = o.slo("payouts-availability").orElseThrow();
    String html = SloPage.renderSlo(o, slo);
    assertEquals(SloPage.MAX_GROUPS, html.split("<tr data-group=", -1).length - 1);
    assertTrue(html.contains("and 13 more groups with more budget left"), "63 groups, 50 shown");
    assertTrue(html.contains("63 groups held, 3 tracked by the processor"));
    assertTrue(html.contains("<a href=\"../slo/payouts-availability?operation=POST%20%2Fapi%2Fpayouts&amp;region=eu-west-1\">"));
    assertTrue(html.contains("<td>1h</td><td>operation</td><td class=\"label\">POST /api/payouts</td><td>62</td><td>6000</td><td>62.0 %</td>"), html);
    assertTrue(html.contains("<td class=\"label\">(none)</td><td>70 ±3</td><td>7000</td><td>70.0 %</td>"), "not exact: ± the bound");
    assertTrue(html.contains("href=\"../api/slos\""), "links lead back to the root from /slo/");
  }

  @Test
  void shouldShowNoGroupsSectionForAnSloWithoutGroupBy() {
    Overview o = overview(StatusJson.readResource("metrics/seed-slos/in.json"));
    String html = SloPage.renderSlo(o, o.slo("api-availability").orElseThrow());
    assertFalse(html.contains("id=\"groups\"") || html.contains("Groups by"), html);
    assertTrue(html.contains("id=\"attribution\""), html);
    assertTrue(SloPage.renderSlo(overview(grouped), overview(grouped).slo("payouts-availability").orElseThrow()).contains("id=\"groups\""));
  }

  @Test
  void shouldGiveAGroupItsOwnPageWithEverythingEscaped() {
    SloStatus evil = grouped.get(1);
    evil.setGroup(List.of(new GroupLabel("operation", "operation", "<script>x</script>\"'&"),
        new GroupLabel("region", "attributes.region", "eu")));
    Overview o = overview(grouped);
    GroupedSlo slo = o.slo("payouts-availability").orElseThrow();
    SloView group = slo.group(Map.of("operation", "<script>x</script>\"'&", "region", "eu")).orElseThrow();
    String html = SloPage.renderGroup(o, slo, group);
    assertFalse(html.contains("<script>"), html);
    assertTrue(html.contains("operation=&quot;&lt;script&gt;x&lt;/script&gt;\\&quot;&#39;&amp;&quot;, region=eu"), html); // quoted: it holds a quote
    assertTrue(html.contains("<dd class=\"budget bad\">-50.0 % (overspent)</dd>"), html);
    assertFalse(StatusPage.render(o).contains("<script>"));
  }

  /** A group page's heading repeats the group's labels: a 250-character value ran off a phone's screen there (and in the footer's held alerts). */
  @Test
  void shouldWrapALongGroupInThePageHeadingAndEveryListAsOnTheCard() {
    SloStatus longOne = grouped.get(1);
    String value = "very-long-region-" + "x".repeat(200);
    longOne.setGroup(List.of(new GroupLabel("operation", "operation", "POST /api/payouts"),
        new GroupLabel("region", "attributes.region", value)));
    Overview o = overview(grouped);
    GroupedSlo slo = o.slo("payouts-availability").orElseThrow();
    String html = SloPage.renderGroup(o, slo, slo.group(Map.of("operation", "POST /api/payouts", "region", value)).orElseThrow());
    assertTrue(html.contains("<header><h1>payouts-availability <span class=\"group\">operation=POST /api/payouts, region=" + value), html);
    // So do the other places a label or a value is written out in text: the footer's held alerts (and a card's
    // alerts), the lines under a card's title (the SLO's operation glob, excluded periods' reasons).
    for (String selector : List.of("header h1", "ul.alerts", ".sub", "ul.excluded")) {
      java.util.regex.Matcher rule = java.util.regex.Pattern.compile("(?:^|[}\\s])" + java.util.regex.Pattern.quote(selector)
          + "\\{([^}]*)\\}").matcher(html);
      assertTrue(rule.find() && rule.group(1).contains("overflow-wrap:anywhere"), selector + " wraps anywhere, as a card's h2 does: " + html);
    }
  }

  @Test
  void shouldServeGroupsAndContributorsInTheApi() throws Exception {
    JsonNode root = new ObjectMapper().readTree(SlosJson.render(overview(grouped)));
    assertEquals(1, root.get("slos").size(), "groups are listed under their SLO");
    JsonNode slo = root.get("slos").get(0);
    assertEquals(List.of("operation", "attributes.region"), new ObjectMapper().convertValue(slo.get("groupBy"), List.class));
    assertEquals(3, slo.get("groupsTracked").asInt());
    assertEquals(2, slo.get("groupsOverflowed").asInt());
    assertEquals(3, slo.get("groups").size());
    JsonNode worst = slo.get("groups").get(0);
    assertEquals(Map.of("operation", "POST /api/payouts", "region", "eu-west-1"),
        new ObjectMapper().convertValue(worst.get("group"), Map.class));
    assertEquals(-0.5, worst.get("budgetRemaining").asDouble());
    assertEquals("", slo.get("groups").get(1).get("group").get("region").asText(), "an empty value stays empty");
    assertEquals(0, slo.get("groupsNotListed").asInt());
    JsonNode limited = new ObjectMapper().readTree(SlosJson.render(overview(grouped), 1)).get("slos").get(0);
    assertEquals(1, limited.get("groups").size(), "as many groups as asked for, worst first");
    assertEquals(-0.5, limited.get("groups").get(0).get("budgetRemaining").asDouble());
    assertEquals(2, limited.get("groupsNotListed").asInt());
    JsonNode top = slo.get("topContributors").get(0);
    assertEquals("POST /api/payouts", top.get("value").asText(), "most bad first");
    assertEquals(0.62, top.get("share").asDouble());
    assertEquals(0, top.get("maxUndercount").asInt());
  }
}
