package com.huntaze.slo.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.state.StatusStore;
import com.huntaze.slo.exporter.testing.StatusJson;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files: {@code metrics/<case>/in.json} (SloStatus records) rendered as Prometheus text must
 * equal {@code metrics/<case>/expected.txt}. On a mismatch the actual text is written next to the
 * build output ({@code target/golden/<case>/actual.txt}) to diff or, after review, copy over.
 */
class MetricsGoldenTest {
  static final Instant NOW = Instant.parse("2026-11-24T10:00:30Z");

  @ParameterizedTest
  @ValueSource(strings = {"seed-slos", "no-data", "services", "grouped", "calendar"})
  void shouldRenderStatusesAsTheExpectedPrometheusText(String name) throws IOException {
    String actual = render(name, PrometheusTextFormatWriter.create());
    assertGolden(name, "expected.txt", actual);
  }

  @Test
  void shouldRenderOpenMetricsWithInfoTypeAndEof() throws IOException {
    String actual = render("seed-slos", OpenMetricsTextFormatWriter.create());
    assertGolden("seed-slos", "expected.openmetrics.txt", actual);
    assertTrue(actual.endsWith("# EOF\n"));
  }

  @Test
  void shouldEmitNoFakeValuesForAnSloWithoutData() throws IOException {
    String text = render("no-data", PrometheusTextFormatWriter.create());
    for (String absent : List.of("sli_current_value", "sli_error_budget", "slo_burn_rate", "slo_latency_ms",
        "slo_throughput_rps{", "slo_health_score", "health_score_", "NaN", "Inf")) {
      assertFalse(text.contains(absent), () -> "no-data output must not contain " + absent + ":\n" + text);
    }
    // What is known is still published: the objective, the (zero) event counts, the freshness.
    assertTrue(text.contains("sli_target{name=\"checkout-availability\"} 0.995"));
    assertTrue(text.contains("slo_events{name=\"checkout-availability\",result=\"good\",window=\"7d\"} 0.0"));
    assertTrue(text.contains("slo_status_age_seconds{name=\"checkout-availability\"} 150.0"));
  }

  static String render(String name, io.prometheus.metrics.expositionformats.ExpositionFormatWriter writer)
      throws IOException {
    List<SloStatus> statuses = StatusJson.readResource("metrics/" + name + "/in.json");
    StatusStore store = new StatusStore();
    statuses.forEach(s -> store.apply(StatusJson.key(s), s));
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new SloMetricsCollector(store, Clock.fixed(NOW, ZoneOffset.UTC)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    return out.toString(StandardCharsets.UTF_8);
  }

  static void assertGolden(String name, String file, String actual) throws IOException {
    String resource = "metrics/" + name + "/" + file;
    String expected;
    try (InputStream in = MetricsGoldenTest.class.getClassLoader().getResourceAsStream(resource)) {
      expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!expected.equals(actual)) {
      Path dump = Path.of("target", "golden", name, file.replace("expected", "actual"));
      Files.createDirectories(dump.getParent());
      Files.writeString(dump, actual);
    }
    assertEquals(expected, actual, "golden file " + resource + " (actual output in target/golden/" + name + ")");
  }
}
