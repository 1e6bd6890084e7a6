package com.huntaze.slo.processor.openslo;

import static com.huntaze.slo.processor.openslo.OpenSloCli.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calendar windows and budgeting methods written as OpenSLO by {@link WindowExport} and read back
 * give the slos.yaml syntax they came from (the whole SLOs round-trip in OpenSloRoundTripTest).
 */
class OpenSloWindowExportTest {
  @TempDir
  Path tmp;

  private String roundTrip(Map<String, Object> window, String method, Duration slice, double goodIf) throws Exception {
    Map<String, Object> objective = OpenSloExport.ordered("target", 0.999);
    Map<String, Object> good = Map.of("metricSource", Map.of("type", "huntaze", "spec", Map.of("sli", "availability")));
    Map<String, Object> total = Map.of("metricSource", Map.of("type", "huntaze", "spec", Map.of()));
    Map<String, Object> spec = OpenSloExport.ordered("service", "web",
        "indicator", Map.of("metadata", Map.of("name", "web"), "spec", Map.of("ratioMetric", Map.of("good", good, "total", total))),
        "timeWindow", List.of(window), "budgetingMethod", null, "objectives", List.of(objective));
    WindowExport.budgeting(spec, objective, method, slice, goodIf);
    Map<String, Object> slo = OpenSloExport.ordered("apiVersion", "openslo/v1", "kind", "SLO", "metadata", Map.of("name", "web"),
        "spec", spec);
    Path file = tmp.resolve(method + ".yaml");
    Files.writeString(file, OpenSloImport.YAML.writeValueAsString(slo));
    OpenSloCli.Run run = OpenSloCli.run("import", file.toString());
    assertEquals(OpenSloCommand.COMPLETE, run.exit(), run.err());
    return run.out();
  }

  @Test
  void calendarWindowsAndTimeslicesComeBack() throws Exception {
    assertContains(roundTrip(WindowExport.calendar("month", "Europe/Paris"), "timeslices", Duration.ofMinutes(10), 0.95), """
            window:
              calendar: month
              timeZone: Europe/Paris
            budgeting:
              timeslices:
                slice: 10m
                goodIf: 95
        """);
    assertContains(roundTrip(WindowExport.calendar("week", "UTC"), "ratioTimeslices", Duration.ofMinutes(1), Double.NaN), """
            window:
              calendar: week
              timeZone: UTC
            budgeting: ratioTimeslices
        """);
    assertContains(roundTrip(WindowExport.calendar("quarter", "America/New_York"), "ratioTimeslices", Duration.ofHours(1), Double.NaN),
        """
            window:
              calendar: quarter
              timeZone: America/New_York
            budgeting:
              ratioTimeslices:
                slice: 1h
        """);
    String rolling = roundTrip(WindowExport.rolling(Duration.ofDays(28)), "occurrences", null, Double.NaN);
    assertContains(rolling, "    window: 28d\n");
    assertEquals(-1, rolling.indexOf("budgeting"), rolling);
  }
}
