package com.huntaze.slo.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

  @Test
  void shouldPublishEveryOutcomeReasonAndSpanResultAtZeroFromTheStart() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    new GatewayMetrics(registry, () -> 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    String text = out.toString(StandardCharsets.UTF_8);
    for (Outcome outcome : Outcome.values()) {
      assertTrue(text.contains("ingest_http_requests_total{outcome=\"" + outcome.label() + "\"} 0.0"), text);
    }
    for (GatewayMetrics.RejectReason reason : GatewayMetrics.RejectReason.values()) {
      assertTrue(text.contains("ingest_events_rejected_total{reason=\"" + reason.label() + "\"} 0.0"), text);
    }
    for (String result : new String[] {"event", "skipped", "rejected"}) {
      assertTrue(text.contains("ingest_otlp_spans_total{result=\"" + result + "\"} 0.0"), text);
    }
  }
}
