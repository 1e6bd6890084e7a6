package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessorMetricsTest {

  @Test
  void shouldPublishEveryDeadLetterReasonAndEveryOutcomeAtZeroBeforeTheFirst() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    new ProcessorMetrics(registry, () -> null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    String text = out.toString(StandardCharsets.UTF_8);
    // Written out, not taken from the code: the reasons and outcomes docs/processor.md lists.
    for (String reason : List.of("undecodable", "invalid", "misrouted")) {
      assertTrue(text.contains("slo_processor_dead_letters_total{reason=\"" + reason + "\"} 0.0\n"), () -> reason + " missing:\n" + text);
    }
    for (String outcome : List.of("applied", "late", "excluded", "too_old", "too_far_ahead", "no_slo")) {
      assertTrue(text.contains("slo_processor_events_total{outcome=\"" + outcome + "\"} 0.0\n"), () -> outcome + " missing:\n" + text);
    }
  }
}
