package com.huntaze.slo.processor.openslo;

import com.fasterxml.jackson.databind.JsonNode;
import com.huntaze.slo.schemas.slo.Durations;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code timeWindow} to {@code window:} and {@code budgetingMethod} (with the objective's time
 * slice fields) to {@code budgeting:}. Rolling windows of fixed length stay durations; calendar
 * windows of a week, a month or a quarter become {@code {calendar: month, timeZone: ...}}.
 */
final class WindowMapping {
  /**
   * The slos.yaml value: {@code "28d"} or a calendar mapping.
   *
   * @param refused the window was refused (and reported); {@code yaml} is then a stand-in that lets the loader judge the time zone
   */
  record Window(Object yaml, boolean refused) {
    Window(Object yaml) {
      this(yaml, false);
    }
  }

  /**
   * The slice lengths the loader accepts (the bucket sizes state is kept in). Checked here too so
   * that a 5m slice is reported at its field with what to do, instead of as a loader error.
   */
  private static final Set<Duration> SLICES = Set.of(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1));

  private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]");
  private final Report report;

  WindowMapping(Report report) {
    this.report = report;
  }

  Optional<Window> window(JsonNode spec, Report.At sloAt) {
    Report.At at = sloAt.field("spec.timeWindow");
    JsonNode tw = spec.get("timeWindow");
    if (tw == null || tw.isNull()) {
      report.note(at, "absent: the window is our default, a rolling 30d");
      return Optional.of(new Window("30d"));
    }
    if (!tw.isArray() || tw.size() != 1) {
      report.skipped(at, "expected a list of exactly one window, found " + (tw.isArray() ? tw.size() + " items" : tw.getNodeType()),
          "give exactly one item: {duration: 28d, isRolling: true} or a calendar window");
      return Optional.empty();
    }
    JsonNode w = tw.get(0);
    Report.At wat = at.item(0);
    String duration = w.path("duration").asText("");
    boolean calendar = w.has("calendar");
    boolean rolling = w.has("isRolling") ? w.get("isRolling").asBoolean() : !calendar;
    if (duration.isEmpty()) {
      report.skipped(wat.field("duration"), "missing", "write e.g. duration: 28d (rolling) or 1M (calendar)");
      return Optional.empty();
    }
    if (rolling) {
      Optional<Duration> d = Convention.fixedDuration(duration);
      if (d.isEmpty()) {
        report.skipped(wat.field("duration"), "a rolling '" + duration + "' has no fixed length here (months, quarters and years vary)",
            "use a rolling duration in m, h, d or w (e.g. 28d, 4w), or a calendar window (isRolling: false with calendar)");
        return Optional.empty();
      }
      return Optional.of(new Window(Durations.format(d.get())));
    }
    String unit = switch (duration) {
      case "1w" -> "week";
      case "1M" -> "month";
      case "1Q", "3M" -> "quarter";
      default -> null;
    };
    if (unit == null) {
      report.skipped(wat.field("duration"), "a calendar window of '" + duration + "' is not supported"
          + (duration.endsWith("m") ? " (m is minutes in OpenSLO; a month is M)" : ""), "use 1w, 1M or 1Q (3M)");
    }
    // The zone is checked even when the duration was refused: one run names both.
    String zone = w.path("calendar").path("timeZone").asText(null);
    if (zone == null) {
      report.skipped(wat.field("calendar.timeZone"), "missing", "name the zone the periods start in (IANA, e.g. Europe/Paris)");
      return Optional.empty();
    }
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      report.skipped(wat.field("calendar.timeZone"), "'" + zone + "' is not a time zone", "use an IANA name such as Europe/Paris, or UTC");
      return Optional.empty();
    }
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("calendar", unit == null ? "month" : unit);
    yaml.put("timeZone", zone);
    if (unit == null) {
      return Optional.of(new Window(yaml, true));
    }
    checkStart(w.path("calendar").path("startTime"), unit, wat.field("calendar.startTime"));
    return Optional.of(new Window(yaml));
  }

  /** Periods here start at midnight on Monday, the 1st, or the 1st of a quarter; another start is reported. */
  private void checkStart(JsonNode start, String unit, Report.At at) {
    if (start.isMissingNode() || start.isNull()) {
      return;
    }
    String rule = switch (unit) {
      case "week" -> "00:00 on Mondays";
      case "month" -> "00:00 on the 1st";
      default -> "00:00 on 1 January, April, July and October";
    };
    try {
      LocalDateTime t = LocalDateTime.parse(start.asText().trim(), START);
      boolean aligned = t.toLocalTime().toSecondOfDay() == 0 && switch (unit) {
        case "week" -> t.getDayOfWeek() == DayOfWeek.MONDAY;
        case "month" -> t.getDayOfMonth() == 1;
        default -> t.getDayOfMonth() == 1 && (t.getMonthValue() - 1) % 3 == 0;
      };
      if (!aligned) {
        report.leftOut(at, "'" + start.asText() + "' is not carried: periods here start at " + rule + " in the time zone",
            "accept periods from " + rule + ", or keep this SLO where it is");
      }
    } catch (DateTimeException e) {
      report.leftOut(at, "'" + start.asText() + "' is not a date and time (yyyy-MM-dd HH:mm:ss); periods here start at " + rule,
          "write startTime as 2026-01-01 00:00:00, or leave it out");
    }
  }

  /**
   * The {@code budgeting:} value for one objective; an empty inner value means occurrences, the
   * default, written by leaving the key out. An outer empty means the SLO cannot be translated.
   */
  Optional<Optional<Object>> budgeting(JsonNode spec, Report.At sloAt, JsonNode objective, Report.At objectiveAt) {
    JsonNode method = spec.get("budgetingMethod");
    if (method == null || method.isNull()) {
      report.note(sloAt.field("spec.budgetingMethod"), "absent (OpenSLO requires it): counted as Occurrences, our default");
      return Optional.of(Optional.empty());
    }
    switch (method.asText()) {
      case "Occurrences" -> {
        unused(objective, objectiveAt, "Occurrences", "timeSliceTarget", "timeSliceWindow");
        return Optional.of(Optional.empty());
      }
      case "Timeslices" -> {
        JsonNode target = objective.get("timeSliceTarget");
        boolean targetOk = target != null && target.isNumber() && target.asDouble() > 0 && target.asDouble() <= 1;
        if (!targetOk) {
          report.skipped(objectiveAt.field("timeSliceTarget"), (target == null ? "missing" : target + " is not in (0, 1]")
              + ": Timeslices needs the share of good events that makes a slice good", "write e.g. timeSliceTarget: 0.99");
        }
        Optional<String> slice = slice(objective, objectiveAt); // its problem too, in the same run
        if (!targetOk || slice.isEmpty()) {
          return Optional.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slice", slice.get());
        body.put("goodIf", Convention.percent(target.asDouble()));
        return Optional.of(Optional.of(Map.of("timeslices", body)));
      }
      case "RatioTimeslices" -> {
        unused(objective, objectiveAt, "RatioTimeslices", "timeSliceTarget");
        if (!objective.has("timeSliceWindow")) {
          return Optional.of(Optional.of("ratioTimeslices"));
        }
        Optional<String> slice = slice(objective, objectiveAt);
        return slice.map(s -> Optional.of(s.equals("1m") ? "ratioTimeslices" : Map.of("ratioTimeslices", Map.of("slice", s))));
      }
      default -> {
        report.skipped(sloAt.field("spec.budgetingMethod"), "unknown budgeting method '" + method.asText() + "'",
            "use Occurrences, Timeslices or RatioTimeslices");
        return Optional.empty();
      }
    }
  }

  /** Says which fields of an objective its budgeting method does not read: nothing is dropped silently. */
  private void unused(JsonNode objective, Report.At objectiveAt, String method, String... fields) {
    for (String field : fields) {
      if (objective.has(field)) {
        report.note(objectiveAt.field(field), "not used by " + method + ", so not translated");
      }
    }
  }

  /** {@code timeSliceWindow}: a fixed duration, or a number of minutes as the spec says. */
  private Optional<String> slice(JsonNode objective, Report.At objectiveAt) {
    JsonNode w = objective.get("timeSliceWindow");
    Optional<Duration> d = w == null ? Optional.empty()
        // A bare number is minutes only when it is a whole number: 1.5 must not be truncated to 1m.
        : w.isIntegralNumber() && w.canConvertToLong() ? Optional.of(Duration.ofMinutes(w.asLong())) : Convention.fixedDuration(w.asText());
    if (d.isEmpty() || d.get().isZero()) {
      report.skipped(objectiveAt.field("timeSliceWindow"), (w == null ? "missing" : "'" + w.asText() + "' is not a duration")
          + ": time slices need their length", "write e.g. timeSliceWindow: 1m");
      return Optional.empty();
    }
    if (!SLICES.contains(d.get())) {
      report.skipped(objectiveAt.field("timeSliceWindow"), "'" + w.asText() + "': slices here are 1m, 10m or 1h (the bucket sizes "
          + "budgets are kept in), so " + Durations.format(d.get()) + " slices cannot be counted",
          "use timeSliceWindow: 1m, 10m or 1h, and check that timeSliceTarget still means what the SLO promises");
      return Optional.empty();
    }
    return Optional.of(Durations.format(d.get()));
  }
}
