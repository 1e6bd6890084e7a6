package com.huntaze.slo.processor.openslo;

import com.huntaze.slo.schemas.slo.Budgeting;
import com.huntaze.slo.schemas.slo.CalendarWindow;
import com.huntaze.slo.schemas.slo.Durations;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The OpenSLO side of windows and budgeting methods: the inverse of {@link WindowMapping}, so that
 * an export imports back to the same {@code SloDefinition}.
 */
final class WindowExport {
  /** A Monday, the 1st of a month and of a quarter: a start every calendar period here agrees with. */
  static final String ALIGNED_START = "2024-01-01 00:00:00";

  private WindowExport() {
  }

  static Map<String, Object> rolling(Duration window) {
    return OpenSloExport.ordered("duration", Durations.format(window), "isRolling", true);
  }

  /**
   * A calendar SLO's window. The loader's default zone (no {@code timeZone:}) is the offset
   * {@code Z}; OpenSLO wants an IANA name, so it is written {@code UTC}: same rules, and what
   * the import prints back.
   */
  static Map<String, Object> calendar(CalendarWindow window) {
    ZoneId zone = window.timeZone();
    return calendar(window.unit().label(), zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId());
  }

  /** @param unit week, month or quarter, as in slos.yaml */
  static Map<String, Object> calendar(String unit, String timeZone) {
    String duration = switch (unit) {
      case "week" -> "1w";
      case "month" -> "1M";
      case "quarter" -> "1Q";
      default -> throw new IllegalArgumentException("no calendar unit " + unit);
    };
    return OpenSloExport.ordered("duration", duration, "isRolling", false,
        "calendar", OpenSloExport.ordered("startTime", ALIGNED_START, "timeZone", timeZone));
  }

  static void budgeting(Map<String, Object> spec, Map<String, Object> objective, Budgeting budgeting) {
    double goodIf = budgeting instanceof Budgeting.Timeslices t ? t.goodIf() : Double.NaN;
    budgeting(spec, objective, budgeting.kind(), budgeting.slice(), goodIf);
  }

  /**
   * Writes {@code budgetingMethod} into the SLO's spec and the time-slice fields into its objective.
   *
   * @param method occurrences, timeslices or ratioTimeslices, as in slos.yaml
   * @param slice the slice length (time slices only)
   * @param goodIf the share of good events, 0..1, that makes a slice good (timeslices only)
   */
  static void budgeting(Map<String, Object> spec, Map<String, Object> objective, String method, Duration slice, double goodIf) {
    switch (method) {
      case "occurrences" -> spec.put("budgetingMethod", "Occurrences");
      case "timeslices" -> {
        spec.put("budgetingMethod", "Timeslices");
        objective.put("timeSliceTarget", Convention.number(goodIf));
        objective.put("timeSliceWindow", Durations.format(slice));
      }
      case "ratioTimeslices" -> {
        spec.put("budgetingMethod", "RatioTimeslices");
        objective.put("timeSliceWindow", Durations.format(slice));
      }
      default -> throw new IllegalArgumentException("no budgeting method " + method);
    }
  }
}
