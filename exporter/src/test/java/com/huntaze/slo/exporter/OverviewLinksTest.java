package com.huntaze.slo.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.testing.StatusJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every SLO on the overview links to its own page, plain SLOs as well as grouped ones, and the link works when
 * followed over real HTTP whatever characters the name holds (the exporter serves what the topic says).
 */
class OverviewLinksTest {
  /**
   * Characters that mean something in a URL or in HTML: a name from slos.yaml is [a-z0-9-], one from the topic may hold
   * more. ('%' and '/' are left out: Jetty refuses %25 and %2F in a path as ambiguous, whatever the page links.)
   */
  private static final String ODD_NAME = "api avail+ab?x=1#top&;v=2 ü<b>";
  private static final Pattern CARD_HEADING = Pattern.compile(
      "<section class=\"slo\" id=\"slo-[^\"]*\" data-slo=\"([^\"]*)\"><h2><a class=\"slo-name\" href=\"([^\"]*)\">");
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static PageServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    List<SloStatus> statuses = new ArrayList<>(StatusJson.readResource("metrics/seed-slos/in.json"));
    statuses.addAll(StatusJson.readResource("metrics/grouped/in.json"));
    SloStatus odd = StatusJson.readResource("metrics/seed-slos/in.json").get(1);
    odd.setName(ODD_NAME);
    statuses.add(odd);
    server = PageServer.serving(statuses);
    base = server.base() + "/";
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void everySloOnTheOverviewLinksToItsOwnPage() throws Exception {
    String overview = get(base).body();
    Map<String, String> links = new LinkedHashMap<>();
    Matcher m = CARD_HEADING.matcher(overview);
    while (m.find()) {
      links.put(unescape(m.group(1)), unescape(m.group(2)));
    }
    assertEquals(new TreeSet<>(List.of("api-availability", "api-error-rate", "api-latency", "api-throughput", ODD_NAME,
        "payouts-availability")), new TreeSet<>(links.keySet()), "each card's name is a link to its page:\n" + overview);
    for (Map.Entry<String, String> link : links.entrySet()) {
      HttpResponse<String> page = get(URI.create(base).resolve(link.getValue()).toString());
      assertEquals(200, page.statusCode(), link + ": " + page.body());
      assertTrue(page.body().contains("<h1>" + escape(link.getKey()) + "</h1>"), link + " leads to its page: " + page.body());
    }
    assertEquals("slo/api%20avail%2Bab%3Fx%3D1%23top%26%3Bv%3D2%20%C3%BC%3Cb%3E", links.get(ODD_NAME));
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String unescape(String html) {
    return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
