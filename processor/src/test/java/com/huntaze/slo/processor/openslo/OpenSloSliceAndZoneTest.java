package com.huntaze.slo.processor.openslo;

import static com.huntaze.slo.processor.openslo.OpenSloCli.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.schemas.slo.Budgeting;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What OpenSLO allows but the loader refuses (slices other than 1m, 10m, 1h; more slices than state
 * keeps; zones with half-hour offsets) is reported at the OpenSLO field with what to do, and never
 * printed: the import's output always loads.
 */
class OpenSloSliceAndZoneTest {
  @TempDir
  Path tmp;

  private static String slo(String name, String window, String method, String objective) {
    return OpenSloCli.slo(name, """
        indicator:
          metadata: {name: web-ok}
          spec:
            ratioMetric:
              good: {metricSource: {type: huntaze, spec: {sli: availability}}}
              total: {metricSource: {type: huntaze, spec: {}}}
        timeWindow: [%s]
        budgetingMethod: %s
        objectives: [%s]
        """.formatted(window, method, objective));
  }

  private static final String MONTH = "{duration: 1M, isRolling: false, calendar: {timeZone: Europe/Paris}}";

  private OpenSloCli.Run importText(String... docs) throws Exception {
    Path f = tmp.resolve("f.yaml");
    Files.writeString(f, String.join("---\n", docs));
    return OpenSloCli.run("import", f.toString());
  }

  @Test
  void slicesAndZonesTheLoaderRefusesAreReportedAtTheirField() throws Exception {
    OpenSloCli.Run run = importText(
        slo("five-minutes", MONTH, "Timeslices", "{target: 0.999, timeSliceTarget: 0.99, timeSliceWindow: 5m}"),
        slo("five-as-number", "{duration: 28d, isRolling: true}", "RatioTimeslices", "{target: 0.99, timeSliceWindow: 5}"),
        slo("india", "{duration: 1w, isRolling: false, calendar: {timeZone: Asia/Kolkata}}", "Occurrences", "{target: 0.99}"),
        slo("quarter-of-minutes", "{duration: 1Q, isRolling: false, calendar: {timeZone: UTC}}", "RatioTimeslices", "{target: 0.99}"),
        slo("month-of-minutes", MONTH, "Timeslices", "{target: 0.999, timeSliceTarget: 0.99, timeSliceWindow: 1m}"));
    assertEquals(OpenSloCommand.PARTIAL, run.exit(), run.err());
    assertContains(run.err(),
        "f.yaml doc 1 SLO 'five-minutes': not translated: spec.objectives[0].timeSliceWindow: '5m': slices here are 1m, 10m or 1h "
            + "(the bucket sizes budgets are kept in), so 5m slices cannot be counted -> use timeSliceWindow: 1m, 10m or 1h, and check "
            + "that timeSliceTarget still means what the SLO promises",
        "f.yaml doc 2 SLO 'five-as-number': not translated: spec.objectives[0].timeSliceWindow: '5': slices here are 1m, 10m or 1h",
        "f.yaml doc 3 SLO 'india': not translated: spec.timeWindow[0].calendar.timeZone: slos.yaml refuses the translation: "
            + "slo 'india': window.timeZone: Asia/Kolkata has the offset +05:30, not a whole number of hours",
        "-> use a time zone with whole-hour offsets (or UTC)",
        "f.yaml doc 4 SLO 'quarter-of-minutes': not translated: spec.objectives[0].timeSliceWindow: slos.yaml refuses the "
            + "translation: slo 'quarter-of-minutes': budgeting.ratioTimeslices.slice: 1m makes 132540 slices in the window",
        "-> use a timeSliceWindow of 1m, 10m or 1h that the window can hold (a longer slice for a longer window)");
    // Only the SLO the loader accepts is printed, and it loads as written.
    List<SloDefinition> loaded = SloConfigLoader.parse("imported", run.out()).slos();
    assertEquals(List.of("month-of-minutes"), loaded.stream().map(SloDefinition::name).toList());
    assertEquals(new Budgeting.Timeslices(Duration.ofMinutes(1), 0.99), loaded.get(0).budgeting());
    assertEquals("month", loaded.get(0).calendar().orElseThrow().unit().label());
  }

  @Test
  void aFractionalNumberOfMinutesIsNotTruncatedToAWholeSlice() throws Exception {
    OpenSloCli.Run run = importText(
        slo("ninety-seconds", MONTH, "Timeslices", "{target: 0.99, timeSliceTarget: 0.9, timeSliceWindow: 1.5}"),
        slo("ten-point-two", "{duration: 7d, isRolling: true}", "RatioTimeslices", "{target: 0.99, timeSliceWindow: 10.2}"));
    assertEquals(OpenSloCommand.PARTIAL, run.exit(), run.err());
    assertContains(run.err(),
        "f.yaml doc 1 SLO 'ninety-seconds': not translated: spec.objectives[0].timeSliceWindow: '1.5' is not a duration",
        "f.yaml doc 2 SLO 'ten-point-two': not translated: spec.objectives[0].timeSliceWindow: '10.2' is not a duration");
    assertEquals("", run.out());
  }
}
