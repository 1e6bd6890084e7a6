package com.huntaze.slo.exporter;

import com.huntaze.slo.exporter.alerting.AlertSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an exporter runs with (built by {@link Main} from flags and environment, or by tests).
 *
 * @param port 0 = any free port
 * @param alertmanagers base URLs; empty = alerts are not pushed
 * @param externalUrl how users reach the status page (alerts' generatorURL); null = derived from bind and port
 * @param alertsLookback how far back {@code slo.alerts} is re-read at start
 * @param staleAfter a status older than this is flagged stale on the page
 */
public record ExporterSettings(String bind, int port, String bootstrapServers, List<String> alertmanagers,
                               String externalUrl, AlertSettings alerting, Duration alertsLookback,
                               Duration staleAfter, Duration alertmanagerTimeout, Duration dispatchTick) {
  public ExporterSettings {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
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

  /** Defaults as documented; tests override what they need with the {@code with*} copies. */
  public static ExporterSettings defaults(String bootstrapServers) {
    return new ExporterSettings("0.0.0.0", 9464, bootstrapServers, List.of(), null, AlertSettings.defaults(),
        Duration.ofMinutes(30), Duration.ofMinutes(2), Duration.ofSeconds(5), Duration.ofMillis(500));
  }

  public ExporterSettings withBind(String bind, int port) {
    return new ExporterSettings(bind, port, bootstrapServers, alertmanagers, externalUrl, alerting, alertsLookback,
        staleAfter, alertmanagerTimeout, dispatchTick);
  }

  public ExporterSettings withAlertmanagers(List<String> urls, AlertSettings alerting) {
    return new ExporterSettings(bind, port, bootstrapServers, urls, externalUrl, alerting, alertsLookback,
        staleAfter, alertmanagerTimeout, dispatchTick);
  }
}
