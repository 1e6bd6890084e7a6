package com.huntaze.slo.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.alerting.AlertSettings;
import com.huntaze.slo.exporter.testing.Binaries;
import com.huntaze.slo.exporter.testing.Chromium;
import com.huntaze.slo.exporter.testing.Http;
import com.huntaze.slo.exporter.testing.SloTopics;
import com.huntaze.slo.exporter.testing.StatusJson;
import com.huntaze.slo.testing.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser: headless Chromium loads {@code /} from an exporter fed through
 * the real broker; the rendered DOM shows every SLO with its budget (or "no data"), and screenshots
 * at phone and desktop sizes are kept under {@code target/screenshots/}.
 */
class StatusPageIT {
  @RegisterExtension
  static final SloTopics topics = new SloTopics();

  @Test
  void shouldRenderEverySloWithItsBudgetInHeadlessChromium(@TempDir Path tmp) throws Exception {
    Chromium chromium = new Chromium(Binaries.require("chromium", "chromium"), tmp);
    List<SloStatus> slos = new ArrayList<>(StatusJson.readResource("metrics/seed-slos/in.json"));
    slos.addAll(StatusJson.readResource("metrics/no-data/in.json"));
    Instant now = Instant.now();
    for (SloStatus s : slos) {
      s.setAsOf(now); // fresh data: nothing is flagged stale
      topics.status(s);
    }

    Exporter exporter = ExporterFixture.startReady(topics.bootstrapServers(), topics.topics(), List.of(),
        AlertSettings.defaults());
    try {
      String url = ExporterFixture.url(exporter) + "/";
      String dom = chromium.dumpDom(url);

      assertTrue(dom.contains("<title>SLO status</title>"), dom);
      assertEquals(slos.size(), count(dom, "<section class=\"slo\""), "one card per SLO");
      assertEquals("50.0 %", budgetOf(dom, "api-availability"));
      assertEquals("60.0 %", budgetOf(dom, "api-latency"));
      assertEquals("-25.0 % (overspent)", budgetOf(dom, "api-error-rate"));
      assertEquals("no data", budgetOf(dom, "api-throughput"), "throughput SLOs have no budget");
      assertEquals("no data", budgetOf(dom, "checkout-availability"));
      for (SloStatus s : slos) {
        assertTrue(dom.contains("<h2><a class=\"slo-name\" href=\"slo/" + s.getName() + "\">" + s.getName() + "</a>"),
            "name of " + s.getName() + " shown, linking to its page");
      }
      assertEquals(3, count(dom, "<svg class=\"burndown\""), "a burn-down for each SLO with a budget");
      assertTrue(dom.contains("<span class=\"badge page\">PAGE</span>"), "the firing page alert is shown");
      assertFalse(dom.contains("STALE"), "fresh data is not flagged stale");
      assertFalse(dom.contains("NaN"));

      Path shots = Path.of("target", "screenshots");
      Path phone = shots.resolve("status-page-phone.png");
      Path desktop = shots.resolve("status-page-desktop.png");
      chromium.screenshot(url, phone, 390, 2200);
      chromium.screenshot(url, desktop, 1280, 1400);
      for (Path png : List.of(phone, desktop)) {
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000, png + " looks empty (" + bytes.length + " bytes)");
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
      }
      groupedSlo(chromium, exporter, now);
    } finally {
      exporter.close();
    }
  }

  private static String budgetOf(String dom, String slo) {
    int card = dom.indexOf("data-slo=\"" + slo + "\"");
    assertTrue(card >= 0, "no card for " + slo);
    int end = dom.indexOf("</section>", card);
    Matcher m = Pattern.compile("<dd class=\"budget[^\"]*\">([^<]*)</dd>").matcher(dom.substring(card, end));
    assertTrue(m.find(), "no budget in the card of " + slo);
    return m.group(1);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /** A grouped SLO: its page lists the groups worst budget first with the attribution; a group has its own page. */
  private static void groupedSlo(Chromium chromium, Exporter exporter, Instant now) throws Exception {
    for (SloStatus s : StatusJson.readResource("metrics/grouped/in.json")) {
      s.setAsOf(now);
      topics.status(s);
    }
    String base = ExporterFixture.url(exporter) + "/";
    String sloPage = Poll.until("the grouped SLO's page with its groups", Duration.ofSeconds(60),
        () -> chromium.dumpDom(base + "slo/payouts-availability"), d -> count(d, "<tr data-group=") == 3);
    int eu = sloPage.indexOf("region=eu-west-1</a>");
    int none = sloPage.indexOf("region=(none)</a>");
    assertTrue(eu > 0 && none > eu, "worst budget first:\n" + sloPage);
    assertTrue(sloPage.contains("<td class=\"label\">POST /api/payouts</td><td>62</td><td>6000</td><td>62.0 %</td>"), sloPage);
    assertTrue(sloPage.contains("70 ±3"), "a bound that is not exact is shown");

    String groupPage = chromium.dumpDom(base + "slo/payouts-availability?operation=POST%20%2Fapi%2Fpayouts&region=eu-west-1");
    assertEquals("-50.0 % (overspent)", budgetOf(groupPage, "payouts-availability"));
    assertTrue(groupPage.contains("operation=POST /api/payouts, region=eu-west-1"), groupPage);
    chromium.screenshot(base + "slo/payouts-availability", Path.of("target", "screenshots", "slo-page-desktop.png"), 1280, 1400);
    assertEquals(404, Http.status(base + "slo/no-such-slo"));
    assertEquals(404, Http.status(base + "slo/payouts-availability?operation=gone"), "an idle group has no page");
    var wrongLabel = Http.get(base + "slo/payouts-availability?operation=GET%20%2Fapi%2Fpayouts&region=&tenant=t1");
    assertEquals(404, wrongLabel.statusCode());
    assertEquals("SLO payouts-availability has no label tenant (its groups are by operation, region)\n", wrongLabel.body());
    var badLimit = Http.get(base + "api/slos?groups=many");
    assertEquals(400, badLimit.statusCode());
    assertTrue(badLimit.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), badLimit.headers().toString());
    assertEquals("{\"error\":\"groups must be a number of groups per SLO (0 or more) or all, not many\"}", badLimit.body());
    String leftOut = "(?s).*\"groupsNotListed\"\\s*:\\s*[1-9].*";
    assertTrue(Http.get(base + "api/slos?groups=0").body().matches(leftOut), "an SLO here has groups to leave out");
    var huge = Http.get(base + "api/slos?groups=99999999999"); // more than an int holds: more than any SLO has
    assertEquals(200, huge.statusCode(), huge.body());
    assertFalse(huge.body().matches(leftOut), huge.body());
  }
}
