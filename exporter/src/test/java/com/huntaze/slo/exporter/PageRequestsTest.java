package com.huntaze.slo.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.exporter.testing.StatusJson;
import com.huntaze.slo.exporter.view.SloView;
import com.huntaze.slo.exporter.view.StatusMapper;
import com.huntaze.slo.exporter.web.Overview;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests for the pages as a browser or a confused user sends them. A parameter given twice is ambiguous (which
 * group, how many groups?): a 400 that names it, never the first silently. The path is a URL path, decoded once as
 * Jetty decodes every other path: {@code +} is a plus, {@code ;params} and dot segments as for /metrics.
 */
class PageRequestsTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String GROUP = "operation=POST%20%2Fapi%2Fpayouts&region=eu-west-1";
  private static List<SloView> views;
  private static volatile boolean ready = true;
  /** What the exporter has read while not ready yet. */
  private static volatile List<SloView> whileReading = List.of();
  private static PageServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    views = StatusJson.readResource("metrics/grouped/in.json").stream().map(StatusMapper::toView)
        .sorted(Comparator.comparing(SloView::key)).toList();
    server = PageServer.start(
        () -> Overview.of(Instant.now(), ready, ready ? views : whileReading, List.of(), List.of(), Duration.ofMinutes(2)));
    base = server.base();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aGroupPageLinkStillWorks() throws Exception {
    assertEquals(200, get("/slo/payouts-availability?" + GROUP).statusCode());
  }

  @Test
  void aGroupLabelGivenTwiceIsA400NamingIt() throws Exception {
    HttpResponse<String> r = get("/slo/payouts-availability?" + GROUP + "&operation=GET%20%2Fapi%2Fpayouts");
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
    assertEquals("operation is given 2 times: a group has one value per label\n", r.body());
  }

  @Test
  void groupsGivenTwiceIsA400NamingIt() throws Exception {
    HttpResponse<String> r = get("/api/slos?groups=all&groups=1");
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("{\"error\":\"groups is given 2 times: give it once\"}", r.body());
  }

  @Test
  void theSloPathIsDecodedAsAUrlPathLikeEveryOtherPath() throws Exception {
    HttpResponse<String> plus = get("/slo/payouts+availability");
    assertEquals(404, plus.statusCode());
    assertEquals("no SLO payouts+availability\n", plus.body());
    assertEquals(200, get("/slo/payouts-availability;jsessionid=1").statusCode());
    assertEquals(200, get("/slo/x/../payouts-availability").statusCode());
    assertEquals(200, get("/slo/payouts%2Davailability?" + GROUP).statusCode());
    assertEquals(200, get("/metrics;jsessionid=1").statusCode());
  }

  /** Right after a restart an SLO's link (from an alert) is not a 404 "no SLO": the exporter does not know yet. */
  @Test
  void anUnknownSloWhileStillReadingIsA503ToRetry() throws Exception {
    ready = false;
    try {
      HttpResponse<String> r = get("/slo/payouts-availability?" + GROUP);
      assertEquals(503, r.statusCode(), r.body());
      assertEquals("5", r.headers().firstValue("Retry-After").orElse(""));
      assertEquals("still reading slo.status: no SLO payouts-availability yet, retry in a few seconds\n", r.body());
    } finally {
      ready = true;
    }
    assertEquals(404, get("/slo/nope").statusCode());
  }

  /** The same for a group whose SLO was read already: its own status may come next. Once ready, it is gone. */
  @Test
  void anUnknownGroupWhileStillReadingIsA503ToRetry() throws Exception {
    String unknownGroup = "/slo/payouts-availability?operation=GET%20%2Fnone&region=eu-west-1";
    ready = false;
    whileReading = views;
    try {
      HttpResponse<String> r = get(unknownGroup);
      assertEquals(503, r.statusCode(), r.body());
      assertEquals("5", r.headers().firstValue("Retry-After").orElse(""));
      assertTrue(r.body().startsWith("still reading slo.status: no group "), r.body());
      assertEquals(200, get("/slo/payouts-availability?" + GROUP).statusCode(), "a group already read is served");
    } finally {
      ready = true;
      whileReading = List.of();
    }
    HttpResponse<String> gone = get(unknownGroup);
    assertEquals(404, gone.statusCode());
    assertTrue(gone.body().endsWith("(it may have gone idle)\n"), gone.body());
  }

  /** A link that leaves out one of the group's labels names the label missing; it is not a group that went idle. */
  @Test
  void aGroupLinkWithoutOneOfItsLabelsNamesTheMissingLabel() throws Exception {
    HttpResponse<String> r = get("/slo/payouts-availability?operation=POST%20%2Fapi%2Fpayouts");
    assertEquals(404, r.statusCode(), r.body());
    assertEquals("a group of SLO payouts-availability is named by operation, region: region is missing (an empty value as region=)\n",
        r.body());
  }
}
