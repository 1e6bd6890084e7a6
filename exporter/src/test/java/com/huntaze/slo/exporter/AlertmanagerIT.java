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
import com.huntaze.slo.testing.Poll;
import com.huntaze.slo.exporter.testing.SloTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
}
