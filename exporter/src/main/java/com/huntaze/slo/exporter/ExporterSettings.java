package com.huntaze.slo.exporter;

import com.huntaze.slo.exporter.alerting.AlertSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an exporter runs with (built by {@link Main} from flags and environment, or by tests).
 *
 * @param port 0 = any free port
 * @param kafka every Kafka client setting ({@code bootstrap.servers}, TLS, SASL, ...), as {@code KafkaOptions} gives them
 * @param alertmanagers base URLs; empty = alerts are not pushed
 * @param externalUrl how users reach the status page (alerts' generatorURL); null = derived from bind and port
 * @param alertsLookback how far back {@code slo.alerts} is re-read at start
 * @param staleAfter a status older than this is flagged stale on the page
 */
public record ExporterSettings(String bind, int port, Map<String, String> kafka, List<String> alertmanagers,
                               String externalUrl, AlertSettings alerting, Duration alertsLookback,
                               Duration staleAfter, Duration alertmanagerTimeout, Duration dispatchTick) {
  private static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

  public ExporterSettings {
    Objects.requireNonNull(bind, "bind");
    kafka = Map.copyOf(kafka);
    if (kafka.get(BOOTSTRAP_SERVERS) == null) {
      throw new IllegalArgumentException("Kafka settings lack " + BOOTSTRAP_SERVERS);
    }
    alertmanagers = List.copyOf(alertmanagers);
    Objects.requireNonNull(alerting, "alerting");
    Objects.requireNonNull(alertsLookback, "alertsLookback");
    Objects.requireNonNull(staleAfter, "staleAfter");
    Objects.requireNonNull(alertmanagerTimeout, "alertmanagerTimeout");
    Objects.requireNonNull(dispatchTick, "dispatchTick");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
  }

  public String bootstrapServers() {
    return kafka.get(BOOTSTRAP_SERVERS);
  }

  /** Defaults as documented; tests override what they need with the {@code with*} copies. */
  public static ExporterSettings defaults(String bootstrapServers) {
    return new ExporterSettings("0.0.0.0", 9464, Map.of(BOOTSTRAP_SERVERS, bootstrapServers), List.of(), null, AlertSettings.defaults(),
        Duration.ofMinutes(30), Duration.ofMinutes(2), Duration.ofSeconds(5), Duration.ofMillis(500));
  }

  public ExporterSettings withBind(String bind, int port) {
    return new ExporterSettings(bind, port, kafka, alertmanagers, externalUrl, alerting, alertsLookback,
        staleAfter, alertmanagerTimeout, dispatchTick);
  }

  public ExporterSettings withAlertmanagers(List<String> urls, AlertSettings alerting) {
    return new ExporterSettings(bind, port, kafka, urls, externalUrl, alerting, alertsLookback,
        staleAfter, alertmanagerTimeout, dispatchTick);
  }
}
