package com.huntaze.slo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.huntaze.slo.e2e.support.Binaries;
import com.huntaze.slo.e2e.support.Json;
import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.e2e.support.Shell;
import com.huntaze.slo.exporter.alerting.AlertBook;
import com.huntaze.slo.exporter.alerting.AlertDispatcher;
import com.huntaze.slo.exporter.alerting.AlertPayloads;
import com.huntaze.slo.exporter.alerting.AlertSettings;
import com.huntaze.slo.exporter.alerting.AlertmanagerClient;
import com.huntaze.slo.testing.Poll;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the shipped Alertmanager config actually POSTs to Slack: the config rendered by
 * render-config.sh with SLACK_WEBHOOK_URL pointing at a fake incoming webhook, a real Alertmanager,
 * and page alerts as the exporter sends them (docs/exporter.md, "Alerts"). Group labels come from
 * events (operation, attributes), so they may hold Slack's control characters {@code & < >}
 * (a Flask route is {@code /users/<int:user_id>}), which Slack's formatting reference says must be
 * sent as {@code &amp; &lt; &gt;}: raw, {@code <...>} is read as a link or a mention ({@code <!channel>}).
 */
class SlackNotificationIT {
  private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  private static final Path WORK = Path.of(System.getProperty("e2e.work", "target/e2e")).toAbsolutePath().normalize();

  private final List<String> posts = new CopyOnWriteArrayList<>();
  private HttpServer slack;
  private Process alertmanager;
  private String webhook;

  @AfterEach
  void stop() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.destroy();
      if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
        alertmanager.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (slack != null) {
      slack.stop(0);
    }
  }

  @Test
  void onePageMessagePerSloListsEveryGroupWithSlackControlCharactersEscaped() throws Exception {
    Path dir = WORK.resolve("slack-" + System.nanoTime());
    String am = startWithSlack(dir);

    String exporter = "http://127.0.0.1:9464";
    List<String> routes = List.of("GET /users/<int:user_id>", "GET /search?q=a&page=2", "POST /api/payouts");
    StringBuilder body = new StringBuilder("[");
    for (String route : routes) {
      body.append(body.length() > 1 ? "," : "").append(alert("shop-by-route", Map.of("operation", route),
          "SLO shop-by-route{operation=\"" + route + "\"} (shop-api) is burning its error budget: 50.00 over 1h and 50.00 over 5m",
          "top: " + route + " 100 % of bad events (1h) in the whole SLO", exporter + "/slo/shop-by-route?operation=x"));
    }
    // A lone group: its labels are all common, so Alertmanager's default fallback would print them.
    body.append(",").append(alert("tenant-slo", Map.of("tenant", "<!channel>"),
        "SLO tenant-slo{tenant=\"<!channel>\"} (shop-api) is burning its error budget", "", exporter + "/#slo-tenant-slo"));
    Json.Response sent = Json.post(am + "/api/v2/alerts", "application/json", body.append("]").toString());
    assertEquals(200, sent.status(), sent::body);

    Poll.until("two Slack messages (one per SLO) from the page route's 10 s group wait", Duration.ofSeconds(60),
        () -> posts.size() >= 2);
    List<JsonNode> messages = new ArrayList<>();
    for (String p : posts) {
      messages.add(Json.MAPPER.readTree(p).path("attachments").get(0));
    }
    messages.sort(Comparator.comparing(m -> m.path("title").asText()));
    JsonNode grouped = messages.get(0);
    assertEquals("[FIRING] PAGE SLOBurnRate shop-by-route", grouped.path("title").asText());
    assertEquals("danger", grouped.path("color").asText());
    assertTrue(grouped.path("title_link").asText().startsWith(exporter + "/slo/shop-by-route"), grouped::toString);
    String text = grouped.path("text").asText();
    assertEquals(3, text.strip().split("\n").length, "one line per burning group: " + text);
    assertTrue(text.contains("SLO shop-by-route{operation=\"GET /users/&lt;int:user_id&gt;\"} (shop-api) is burning its error"
        + " budget: 50.00 over 1h and 50.00 over 5m - top: GET /users/&lt;int:user_id&gt; 100 % of bad events (1h) in the whole SLO"),
        text);
    assertTrue(text.contains("{operation=\"GET /search?q=a&amp;page=2\"}"), text);
    assertTrue(text.contains("{operation=\"POST /api/payouts\"}"), text);
    for (JsonNode m : messages) {
      for (String field : List.of("title", "text", "fallback", "pretext")) {
        String value = m.path(field).asText();
        assertFalse(value.contains("<") || value.contains(">") || value.replace("&amp;", "").replace("&lt;", "")
            .replace("&gt;", "").contains("&"), () -> field + " holds a raw Slack control character: " + m);
      }
    }
    JsonNode lone = messages.get(1);
    assertEquals("[FIRING] PAGE SLOBurnRate tenant-slo", lone.path("title").asText());
    assertTrue(lone.path("text").asText().contains("{tenant=\"&lt;!channel&gt;\"}"), lone::toString);
    assertTrue(lone.path("fallback").asText().startsWith("[FIRING:1] PAGE SLOBurnRate tenant-slo"), lone::toString);
    assertFalse(Files.readString(dir.resolve("alertmanager.log")).contains(webhook), "the webhook URL is not logged");
  }

  /** A notification lists its group's resolved alerts too (send_resolved): under their own heading, after the firing ones. */
  @Test
  void resolvedGroupsAreListedApartFromTheBurningOnes() throws Exception {
    String am = startWithSlack(WORK.resolve("slack-" + System.nanoTime()));
    String exporter = "http://127.0.0.1:9464";
    String firing = alert("shop-by-route", Map.of("operation", "POST /api/payouts"),
        "SLO shop-by-route{operation=\"POST /api/payouts\"} (shop-api) is burning its error budget", "", exporter + "/slo/a");
    String resolved = alert("shop-by-route", Map.of("operation", "GET /api/orders"),
        "SLO shop-by-route{operation=\"GET /api/orders\"} (shop-api) no longer burns its error budget fast enough to alert", "",
        // Ended a second ago, started within the group wait (an older start flushes its group at once, alone).
        exporter + "/slo/b", Instant.now().minusSeconds(5), Instant.now().minusSeconds(1));
    Json.Response sent = Json.post(am + "/api/v2/alerts", "application/json", "[" + firing + "," + resolved + "]");
    assertEquals(200, sent.status(), sent::body);

    Poll.until("the page route's message", Duration.ofSeconds(60), () -> !posts.isEmpty());
    JsonNode message = Json.MAPPER.readTree(posts.get(0)).path("attachments").get(0);
    assertEquals("[FIRING] PAGE SLOBurnRate shop-by-route", message.path("title").asText());
    List<String> lines = List.of(message.path("text").asText().strip().split("\n"));
    assertEquals(3, lines.size(), message::toString);
    assertTrue(lines.get(0).contains("{operation=\"POST /api/payouts\"} (shop-api) is burning"), message::toString);
    assertEquals("Resolved:", lines.get(1), message::toString);
    assertTrue(lines.get(2).contains("{operation=\"GET /api/orders\"} (shop-api) no longer burns"), message::toString);
  }

  /** A ticket says so in its title as a page does: someone reading the channel tells them apart without the colour. */
  @Test
  void ticketMessagesSayTicket() throws Exception {
    String am = startWithSlack(WORK.resolve("slack-" + System.nanoTime()));
    // Started ten minutes ago: Alertmanager notifies at once, without the ticket route's 30 s group wait.
    String ticket = alert("ticket", "checkout-latency", Map.of(), "SLO checkout-latency (shop-api) is burning its error budget slowly",
        "", "http://127.0.0.1:9464/#slo-checkout-latency", Instant.now().minusSeconds(600), Instant.now().plusSeconds(300));
    Json.Response sent = Json.post(am + "/api/v2/alerts", "application/json", "[" + ticket + "]");
    assertEquals(200, sent.status(), sent::body);

    Poll.until("the ticket route's message", Duration.ofSeconds(60), () -> !posts.isEmpty());
    JsonNode message = Json.MAPPER.readTree(posts.get(0)).path("attachments").get(0);
    assertEquals("[FIRING] TICKET SLOBurnRate checkout-latency", message.path("title").asText());
    assertEquals("warning", message.path("color").asText());
    assertTrue(message.path("fallback").asText().startsWith("[FIRING:1] TICKET SLOBurnRate checkout-latency"), message::toString);
  }

  /**
   * After an exporter restart a page and a ticket of one SLO are due at once, with their old startsAt, which
   * Alertmanager notifies at once. Sent together, the ticket reached Slack before Alertmanager's inhibitor held
   * the page; the exporter's own book and dispatcher now send it a round later, and it stays in Alertmanager,
   * inhibited. A ticket of another SLO, sent after it, is the sign that Alertmanager notified what it would.
   */
  @Test
  void aTicketDueWithThePageOfItsSloIsInhibitedNotSent() throws Exception {
    String am = startWithSlack(WORK.resolve("slack-" + System.nanoTime()));
    AlertBook book = new AlertBook(AlertSettings.defaults(), List.of(am));
    Instant startedBeforeRestart = Instant.now().minusSeconds(600);
    SloAlert page = sloAlert("checkout", "page", startedBeforeRestart);
    SloAlert ticket = sloAlert("checkout", "ticket", startedBeforeRestart);
    book.accept(ticket, Instant.now());
    book.accept(page, Instant.now());
    try (AlertDispatcher dispatcher = new AlertDispatcher(book, new AlertPayloads("http://127.0.0.1:9464"),
        new AlertmanagerClient(Duration.ofSeconds(5)), java.time.Clock.systemUTC(), Duration.ofMillis(500), () -> true)) {
      dispatcher.start();
      Poll.until("both delivered to Alertmanager", Duration.ofSeconds(30),
          () -> book.alerts(Instant.now()).stream().allMatch(v -> v.targetsDelivered() == 1));
      book.accept(sloAlert("search", "ticket", startedBeforeRestart), Instant.now());
      Poll.until("the other SLO's ticket in Slack", Duration.ofSeconds(60),
          () -> posts.stream().anyMatch(p -> p.contains("TICKET SLOBurnRate search")));
    }
    assertTrue(posts.stream().anyMatch(p -> p.contains("PAGE SLOBurnRate checkout")), posts::toString);
    assertFalse(posts.stream().anyMatch(p -> p.contains("TICKET SLOBurnRate checkout")), () -> "the page's ticket reached Slack: " + posts);
    JsonNode held = Json.MAPPER.readTree(Json.get(am + "/api/v2/alerts?filter=slo%3D%22checkout%22&filter=severity%3D%22ticket%22").body());
    assertEquals(1, held.size(), held::toString);
    assertTrue(held.get(0).path("status").path("inhibitedBy").size() > 0, () -> "inhibited by the page: " + held);
  }

  private static SloAlert sloAlert(String slo, String severity, Instant startsAt) {
    return SloAlert.newBuilder().setAlertName("SLOBurnRate").setSlo(slo).setService("shop-api").setSeverity(severity)
        .setState("firing").setLongWindow(severity.equals("page") ? "1h" : "6h").setShortWindow("5m").setLongBurnRate(15.0)
        .setShortBurnRate(20.0).setFactor(14.4).setBudgetRemaining(0.5)
        .setSummary("SLO " + slo + " (shop-api) is burning its error budget (" + severity + ")")
        .setStartsAt(startsAt).setEndsAt(null).setEmittedAt(Instant.now()).build();
  }

  /**
   * A fake Slack webhook, the shipped config rendered for it into {@code dir}, and a real Alertmanager
   * running it; returns Alertmanager's URL.
   */
  private String startWithSlack(Path dir) throws Exception {
    Path binary = Binaries.require("prometheus-alertmanager", "prometheus-alertmanager");
    slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slack.createContext("/services/T/B/X", exchange -> {
      posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    slack.start();
    Files.createDirectories(dir);
    webhook = "http://127.0.0.1:" + slack.getAddress().getPort() + "/services/T/B/X";
    Shell.Result r = Shell.run(ROOT, Map.of("SLACK_WEBHOOK_URL", webhook), Duration.ofMinutes(1), dir.resolve("render.out"),
        List.of("sh", "compose/alertmanager/render-config.sh", "compose/alertmanager/alertmanager.yml", dir.resolve("am").toString()));
    assertEquals(0, r.exit(), r::toString);
    return startAlertmanager(binary, dir);
  }

  private String startAlertmanager(Path binary, Path dir) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    alertmanager = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("am/alertmanager.yml"),
        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=",
        "--web.external-url=" + url + "/").redirectErrorStream(true)
        .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
    Poll.until("Alertmanager ready at " + url, Duration.ofSeconds(60), () -> {
      if (!alertmanager.isAlive()) {
        throw new IllegalStateException("Alertmanager exited: " + Files.readString(dir.resolve("alertmanager.log")));
      }
      return Json.get(url + "/-/ready").status() == 200;
    });
    return url;
  }

  /**
   * One page alert as the exporter sends it, firing: started now (an alert older than group_wait
   * makes Alertmanager flush its group at once, alone), held for five minutes.
   */
  private static String alert(String slo, Map<String, String> group, String summary, String top, String link) {
    return alert(slo, group, summary, top, link, Instant.now(), Instant.now().plusSeconds(300));
  }

  /** One page alert: its four labels plus the group's, summary, top, link, start and end. */
  private static String alert(String slo, Map<String, String> group, String summary, String top, String link,
                              Instant startsAt, Instant endsAt) {
    return alert("page", slo, group, summary, top, link, startsAt, endsAt);
  }

  private static String alert(String severity, String slo, Map<String, String> group, String summary, String top, String link,
                              Instant startsAt, Instant endsAt) {
    Map<String, String> labels = new java.util.TreeMap<>(group);
    labels.putAll(Map.of("alertname", "SLOBurnRate", "slo", slo, "service", "shop-api", "severity", severity));
    Map<String, String> annotations = top.isEmpty() ? Map.of("summary", summary) : Map.of("summary", summary, "top", top);
    return Json.MAPPER.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>setAll(Map.of(
        "labels", Json.MAPPER.valueToTree(labels), "annotations", Json.MAPPER.valueToTree(annotations),
        "startsAt", Json.MAPPER.valueToTree(startsAt.toString()),
        "endsAt", Json.MAPPER.valueToTree(endsAt.toString()),
        "generatorURL", Json.MAPPER.valueToTree(link))).toString();
  }
}
