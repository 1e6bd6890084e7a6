package com.huntaze.slo.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.exporter.alerting.AlertSettings;
import com.huntaze.slo.exporter.alerting.Alerts;
import com.huntaze.slo.exporter.testing.AlertmanagerServer;
import com.huntaze.slo.exporter.testing.Binaries;
import com.huntaze.slo.exporter.testing.Http;
import com.huntaze.slo.exporter.testing.ShippedFiles;
import com.huntaze.slo.testing.Poll;
import com.huntaze.slo.exporter.testing.SloTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slo.alerts} through the exporter into a real Alertmanager: a firing alert arrives with the
 * contract's labels, its lease is renewed without new records, a resolved record resolves it, and an
 * alert raised while Alertmanager is down is kept, shown as pending, and delivered once it is back.
 */
class AlertmanagerIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  // Short lease and resend so renewals happen within the test; quick retries after the restart.
  static final AlertSettings FAST = new AlertSettings(Duration.ofSeconds(20), Duration.ofSeconds(2),
      Duration.ofMinutes(30), Duration.ofMillis(200), Duration.ofSeconds(1));
  @RegisterExtension
  static final SloTopics topics = new SloTopics();

  @Test
  void shouldPushLeaseResolveAndRedeliverAfterAnAlertmanagerRestart(@TempDir Path tmp) throws Exception {
    Path binary = Binaries.require("prometheus-alertmanager", "prometheus-alertmanager");
    try (AlertmanagerServer am = AlertmanagerServer.start(binary, tmp.resolve("am"))) {
      Exporter exporter = ExporterFixture.startReady(topics.bootstrapServers(), topics.topics(), List.of(am.url()), FAST);
      try {
        String exporterUrl = ExporterFixture.url(exporter);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SloAlert firing = Alerts.burnRateFiring("api-availability", now.minusSeconds(60), now);
        topics.alert(firing);

        JsonNode alert = Poll.until("the firing alert in Alertmanager", WAIT,
            () -> am.alert("SLOBurnRate", "api-availability", "page"), Objects::nonNull);
        assertEquals(Map.of("alertname", "SLOBurnRate", "slo", "api-availability", "service", "huntaze-api",
            "severity", "page"), new ObjectMapper().convertValue(alert.get("labels"), Map.class));
        assertEquals("active", alert.path("status").path("state").asText());
        assertEquals(exporterUrl + "/#slo-api-availability", alert.path("generatorURL").asText());
        assertEquals("20", alert.path("annotations").path("short_burn_rate").asText());
        assertEquals("0.7", alert.path("annotations").path("budget_remaining").asText());
        assertTrue(alert.path("annotations").path("description").asText().contains("70 % of the error budget left"));
        assertEquals(firing.getStartsAt(), Instant.parse(alert.path("startsAt").asText()));

        // The lease is renewed by resends although no new record arrives.
        Instant firstEndsAt = Instant.parse(alert.path("endsAt").asText());
        Poll.until("a resend to push endsAt beyond " + firstEndsAt, WAIT,
            () -> Instant.parse(am.alert("SLOBurnRate", "api-availability", "page").path("endsAt").asText()),
            endsAt -> endsAt.isAfter(firstEndsAt));

        topics.alert(Alerts.resolved(firing, Instant.now()));
        Poll.until("the resolved alert to leave Alertmanager's active alerts", WAIT,
            () -> am.alert("SLOBurnRate", "api-availability", "page") == null);

        // Alertmanager goes away; an alert raised meanwhile waits in memory, visibly.
        am.stop();
        Instant later = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        topics.alert(Alerts.thresholdFiring("api-latency", later, later));
        String amLabel = "alertmanager=\"" + am.url() + "\"";
        Poll.until("the exporter to report the failing Alertmanager with a pending alert", WAIT,
            () -> Http.get(exporterUrl + "/metrics").body(),
            m -> m.contains("slo_exporter_alertmanager_up{" + amLabel + "} 0.0")
                && m.contains("slo_exporter_alerts_pending{" + amLabel + "} 1.0")
                && !m.contains("slo_exporter_alertmanager_requests_total{" + amLabel + ",result=\"failure\"} 0.0"));

        am.startAgain();
        JsonNode delivered = Poll.until("the alert raised during the outage to reach Alertmanager", WAIT,
            () -> am.alert("SLOThreshold", "api-latency", "ticket"), Objects::nonNull);
        assertEquals("0.995", delivered.path("annotations").path("threshold").asText());
        Poll.until("the exporter to report Alertmanager up with nothing pending", WAIT,
            () -> Http.get(exporterUrl + "/metrics").body(),
            m -> m.contains("slo_exporter_alertmanager_up{" + amLabel + "} 1.0")
                && m.contains("slo_exporter_alerts_pending{" + amLabel + "} 0.0"));
        JsonNode api = new ObjectMapper().readTree(Http.get(exporterUrl + "/api/slos").body());
        assertTrue(api.path("alertmanagers").get(0).path("up").asBoolean());
      } finally {
        exporter.close();
      }
    }
  }

  /**
   * A grouped SLO burning in three groups: three alerts, each with its group's labels, its top
   * contributor and a link to its group's page; the shipped route (rendered without Slack, as
   * start.sh does) puts them in one notification group for the SLO; resolving one group leaves the
   * others firing.
   */
  @Test
  void shouldSendOneAlertPerGroupAndGroupThemBySloWithTheShippedRoute(@TempDir Path tmp) throws Exception {
    Path binary = Binaries.require("prometheus-alertmanager", "prometheus-alertmanager");
    Path rendered = tmp.resolve("am-config");
    Path shipped = ShippedFiles.compose().resolve("alertmanager");
    ProcessBuilder renderer = new ProcessBuilder("sh", shipped.resolve("render-config.sh").toString(),
        shipped.resolve("alertmanager.yml").toString(), rendered.toString()).redirectErrorStream(true);
    renderer.environment().remove("SLACK_WEBHOOK_URL"); // no Slack: the receivers keep no integration
    Process render = renderer.start();
    assertEquals(0, render.waitFor(), new String(render.getInputStream().readAllBytes()));
    try (AlertmanagerServer am = AlertmanagerServer.start(binary, tmp.resolve("am"),
        Files.readString(rendered.resolve("alertmanager.yml")))) {
      Exporter exporter = ExporterFixture.startReady(topics.bootstrapServers(), topics.topics(), List.of(am.url()), FAST);
      try {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<SloAlert> groups = new ArrayList<>();
        for (String op : List.of("POST /api/payouts", "GET /api/payouts", "PUT /api/payouts")) {
          SloAlert a = Alerts.groupFiring("payouts", Map.of("operation", op, "region", "eu-west-1"), now, now);
          groups.add(a);
          topics.alert(a);
        }
        Poll.until("three alerts of payouts in Alertmanager", WAIT, () -> ofSlo(am, "payouts").size(), n -> n == 3);
        JsonNode post = ofSlo(am, "payouts").stream()
            .filter(a -> a.path("labels").path("operation").asText().equals("POST /api/payouts")).findFirst().orElseThrow();
        assertEquals(Map.of("alertname", "SLOBurnRate", "slo", "payouts", "service", "huntaze-api", "severity", "page",
            "operation", "POST /api/payouts", "region", "eu-west-1"), new ObjectMapper().convertValue(post.get("labels"), Map.class));
        assertEquals("top: POST /api/payouts 62 % of bad events (1h)", post.path("annotations").path("top").asText());
        assertEquals(ExporterFixture.url(exporter) + "/slo/payouts?operation=POST%20%2Fapi%2Fpayouts&region=eu-west-1",
            post.path("generatorURL").asText());

        JsonNode notifications = Poll.until("one notification group for the SLO", WAIT, am::groups,
            g -> g.size() == 1 && g.get(0).path("alerts").size() == 3);
        assertEquals("payouts", notifications.get(0).path("labels").path("slo").asText());
        assertTrue(notifications.get(0).path("labels").path("operation").isMissingNode(), "group labels stay out of group_by");

        topics.alert(Alerts.resolved(groups.get(0), Instant.now()));
        Poll.until("only the resolved group to leave", WAIT, () -> ofSlo(am, "payouts").stream()
            .map(a -> a.path("labels").path("operation").asText()).sorted().toList(),
            ops -> ops.equals(List.of("GET /api/payouts", "PUT /api/payouts")));
      } finally {
        exporter.close();
      }
    }
  }

  /**
   * At start the exporter reads the alerts of its look-back window; until it has read them all, nothing is
   * sent: a ticket read before the page of its SLO would go out alone, and Alertmanager would not inhibit it.
   */
  @Test
  void shouldSendNothingBeforeTheAlertsHistoryIsRead(@TempDir Path tmp) throws Exception {
    Path binary = Binaries.require("prometheus-alertmanager", "prometheus-alertmanager");
    try (AlertmanagerServer am = AlertmanagerServer.start(binary, tmp.resolve("am"))) {
      com.huntaze.slo.exporter.alerting.AlertBook book = new com.huntaze.slo.exporter.alerting.AlertBook(FAST, List.of(am.url()));
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      book.accept(Alerts.thresholdFiring("api-latency", now, now), now);
      java.util.concurrent.atomic.AtomicBoolean historyRead = new java.util.concurrent.atomic.AtomicBoolean();
      try (var dispatcher = new com.huntaze.slo.exporter.alerting.AlertDispatcher(book,
          new com.huntaze.slo.exporter.alerting.AlertPayloads("http://127.0.0.1:9464"),
          new com.huntaze.slo.exporter.alerting.AlertmanagerClient(Duration.ofSeconds(5)), java.time.Clock.systemUTC(),
          Duration.ofMillis(500), historyRead::get)) {
        dispatcher.sendDue(am.url());
        assertEquals(0, am.alerts().size(), "nothing sent while the history is being read");
        assertEquals(1, book.stats(Instant.now()).get(0).pending());
        historyRead.set(true);
        dispatcher.sendDue(am.url());
        assertTrue(am.alert("SLOThreshold", "api-latency", "ticket") != null, "sent once it is read");
      }
    }
  }

  private static List<JsonNode> ofSlo(AlertmanagerServer am, String slo) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : am.alerts()) {
      if (slo.equals(a.path("labels").path("slo").asText())) {
        out.add(a);
      }
    }
    return out;
  }
}
