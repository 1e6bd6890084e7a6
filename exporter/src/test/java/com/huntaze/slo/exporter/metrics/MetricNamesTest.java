package com.huntaze.slo.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricNamesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "huntaze-api, health_score_huntaze_api",
      "Search.API, health_score_search_api",
      "--a  b--, health_score_a_b",
      "9lives, health_score_9lives",
      "overall, health_score_service_overall",
      "---, health_score_service",
      "café, health_score_caf"})
  void shouldSanitizeServiceNamesIntoValidMetricNames(String service, String expected) {
    String name = MetricNames.healthScorePart(service);
    assertEquals(expected, name);
    assertTrue(PrometheusNaming.isValidLegacyMetricName(name), name);
  }
}
