package com.huntaze.slo.exporter;

import com.huntaze.slo.exporter.alerting.AlertSettings;
import com.huntaze.slo.exporter.testing.Http;
import com.huntaze.slo.testing.Poll;
import com.huntaze.slo.schemas.avro.Topics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Starts an {@link Exporter} on 127.0.0.1 and a free port, with a fresh registry, and waits until it is ready. */
final class ExporterFixture {
  private ExporterFixture() {
  }

  static Exporter startReady(String bootstrap, Topics topics, List<String> alertmanagers, AlertSettings alerting)
      throws Exception {
    ExporterSettings settings = ExporterSettings.defaults(bootstrap).withBind("127.0.0.1", 0)
        .withAlertmanagers(alertmanagers, alerting);
    Exporter exporter = new Exporter(settings, topics, new PrometheusRegistry(), Clock.systemUTC()).start();
    String url = "http://127.0.0.1:" + exporter.port();
    try {
      Poll.until("exporter ready at " + url, Duration.ofSeconds(60), () -> Http.status(url + "/health/ready") == 200);
    } catch (AssertionError e) {
      exporter.close();
      throw e;
    }
    return exporter;
  }

  static String url(Exporter exporter) {
    return "http://127.0.0.1:" + exporter.port();
  }
}
