package com.huntaze.slo.exporter.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden file: the Alertmanager v2 body for a firing burn-rate alert and a resolved threshold alert. */
class AlertPayloadsTest {
  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void shouldRenderTheAlertmanagerV2BodyAsInTheGoldenFile() throws Exception {
    AlertBook book = new AlertBook(new AlertSettings(Duration.ofMinutes(5), Duration.ofMinutes(1),
        Duration.ofMinutes(30), Duration.ofSeconds(1), Duration.ofSeconds(30)), List.of("http://am:9093"));
    book.accept(Alerts.burnRateFiring("api-availability", T0, T0), T0);
    var threshold = Alerts.thresholdFiring("api-error-rate", T0.minusSeconds(600), T0.minusSeconds(60));
    book.accept(threshold, T0.minusSeconds(60));
    book.accept(Alerts.resolved(threshold, T0.minusSeconds(30)), T0.minusSeconds(30));
    book.accept(Alerts.groupFiring("payouts", java.util.Map.of("operation", "POST /api/payouts", "region", ""), T0, T0), T0);

    String json = new AlertPayloads("http://exporter.example:9464/").toJson(book.due("http://am:9093", T0).alerts());

    ObjectMapper mapper = new ObjectMapper();
    JsonNode expected;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("alerts/expected-payload.json")) {
      expected = mapper.readTree(in);
    }
    assertEquals(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(expected),
        mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json)));
  }

  @Test
  void shouldFormatNumbersForPeople() {
    assertEquals("14.4", AlertPayloads.fmt(14.4));
    assertEquals("15.2346", AlertPayloads.fmt(15.23456));
    assertEquals("1000000", AlertPayloads.fmt(1e6));
    assertEquals(null, AlertPayloads.fmt(Double.NaN));
  }
}
