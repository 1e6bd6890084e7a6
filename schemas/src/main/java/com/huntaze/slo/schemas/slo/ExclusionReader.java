package com.huntaze.slo.schemas.slo;

import static com.huntaze.slo.schemas.slo.SloValidation.describe;
import static com.huntaze.slo.schemas.slo.SloValidation.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an {@code exclude:} list (top level, for every SLO, or an SLO's own): one-off periods
 * ({@code from}, {@code to}) and recurring ones ({@code every}, {@code on}, {@code at}, {@code for},
 * {@code timeZone}), each with its {@code reason}. Every error names where it is and what is wrong.
 */
final class ExclusionReader {
  private static final Set<String> ONCE_KEYS = Set.of("from", "to", "reason");
  private static final Set<String> RECURRING_KEYS = Set.of("every", "on", "at", "for", "timeZone", "reason");
  private static final Pattern CLOCK = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
      "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
      "sun", DayOfWeek.SUNDAY);

  private ExclusionReader() {
  }

  /** The exclusions of {@code node} (absent = none); {@code where} prefixes every message, e.g. "slo 'x': exclude". */
  static List<Exclusion> read(String where, JsonNode node, SloValidation v) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      v.error(where + ": expected a list of periods such as {from: ..., to: ..., reason: ...}, found " + describe(node));
      return List.of();
    }
    List<Exclusion> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String at = where + "[" + i + "]";
      JsonNode entry = node.get(i);
      if (!entry.isObject()) {
        v.error(at + ": expected a mapping, found " + describe(entry));
        continue;
      }
      int before = v.errors.size();
      String reason = text(entry, "reason");
      if (reason == null || reason.isBlank()) {
        v.error(at + ".reason: missing (say why the period does not count; it is kept for review)");
      }
      Exclusion e = entry.has("every") ? recurring(at, entry, reason, v) : once(at, entry, reason, v);
      if (e != null && v.errors.size() == before) {
        out.add(e);
      }
    }
    return out;
  }

  /** One-off periods must not overlap: two reasons for one minute means one of them is a mistake. */
  static void checkOverlaps(String where, List<Exclusion> exclusions, SloValidation v) {
    List<Exclusion.Once> once = exclusions.stream().filter(Exclusion.Once.class::isInstance).map(Exclusion.Once.class::cast)
        .sorted(Comparator.comparing(Exclusion.Once::from)).toList();
    for (int i = 1; i < once.size(); i++) {
      if (once.get(i).from().isBefore(once.get(i - 1).to())) {
        v.error(where + ": periods overlap: " + once.get(i - 1).from() + " .. " + once.get(i - 1).to() + " ("
            + once.get(i - 1).reason() + ") and " + once.get(i).from() + " .. " + once.get(i).to() + " (" + once.get(i).reason() + ")");
      }
    }
  }

  private static Exclusion once(String at, JsonNode entry, String reason, SloValidation v) {
    v.unknownKeys(at + ": ", entry, ONCE_KEYS);
    Instant from = instant(at + ".from", entry.get("from"), v);
    Instant to = instant(at + ".to", entry.get("to"), v);
    if (from != null && to != null && !from.isBefore(to)) {
      v.error(at + ": from " + from + " is not before to " + to + " (inverted or empty period)");
      return null;
    }
    return from == null || to == null ? null : new Exclusion.Once(from, to, reason);
  }

  private static Instant instant(String at, JsonNode node, SloValidation v) {
    if (node == null || node.isNull()) {
      v.error(at + ": missing (an ISO-8601 instant such as 2026-12-24T22:00:00Z)");
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeParseException e) {
      v.error(at + ": " + describe(node) + " is not an instant with its offset (e.g. 2026-12-24T22:00:00Z or 2026-12-24T23:00:00+01:00)");
      return null;
    }
  }

  private static Exclusion recurring(String at, JsonNode entry, String reason, SloValidation v) {
    v.unknownKeys(at + ": ", entry, RECURRING_KEYS);
    String every = text(entry, "every");
    Exclusion.Recurring.Every period = null;
    if ("day".equals(every) || "week".equals(every)) {
      period = Exclusion.Recurring.Every.valueOf(every.toUpperCase(Locale.ROOT));
    } else {
      v.error(at + ".every: " + describe(entry.get("every")) + " is not a period (use day or week)");
    }
    Set<DayOfWeek> days = days(at + ".on", entry.get("on"), period, v);
    LocalTime start = null;
    String clock = text(entry, "at");
    if (clock == null || !CLOCK.matcher(clock).matches()) {
      v.error(at + ".at: " + (clock == null ? "missing" : describe(entry.get("at"))) + " (a local time of day, HH:MM, e.g. \"02:00\")");
    } else {
      start = LocalTime.parse(clock);
    }
    Duration length = null;
    Optional<Duration> parsed = entry.hasNonNull("for") ? Durations.parse(entry.get("for").asText()) : Optional.empty();
    if (parsed.isEmpty() || parsed.get().isZero()) {
      v.error(at + ".for: " + (entry.hasNonNull("for") ? describe(entry.get("for")) + " is not a positive duration of one number and unit" : "missing")
          + " (e.g. 2h, 30m, 90m)");
    } else if (period != null && parsed.get().compareTo(period.period()) >= 0) {
      v.error(at + ".for: " + entry.get("for").asText() + (parsed.get().equals(period.period())
          ? " is the whole " + every + ": the SLO would never count an event" : " is longer than the period it repeats in (" + every + ")"));
    } else if (days != null && overlapping(days, parsed.get()) != null) {
      v.error(at + ".for: " + entry.get("for").asText() + " overlaps the next start: " + overlapping(days, parsed.get())
          + " (shorten it, or use one longer period)");
    } else {
      length = parsed.get();
    }
    ZoneId zone = ZoneOffset.UTC;
    if (entry.has("timeZone")) {
      ZoneId named = v.zone(at + ".timeZone", entry.get("timeZone"));
      zone = named == null ? zone : named;
    }
    if (period == null || days == null || start == null || length == null) {
      return null;
    }
    return new Exclusion.Recurring(period, days, start, length, zone, reason);
  }

  /** Two consecutive starts (of days picked in a week) closer than {@code length}, as "mon to tue", or null. */
  private static String overlapping(Set<DayOfWeek> days, Duration length) {
    List<DayOfWeek> sorted = new ArrayList<>(days);
    for (int i = 0; i < sorted.size(); i++) {
      DayOfWeek day = sorted.get(i);
      DayOfWeek next = sorted.get((i + 1) % sorted.size());
      int apart = Math.floorMod(next.getValue() - day.getValue() - 1, 7) + 1; // 7 when only one day is picked
      if (length.compareTo(Duration.ofDays(apart)) > 0) {
        return name(day) + " to " + name(next);
      }
    }
    return null;
  }

  private static String name(DayOfWeek day) {
    return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
  }

  private static Set<DayOfWeek> days(String at, JsonNode node, Exclusion.Recurring.Every period, SloValidation v) {
    if (period == null) {
      return null; // the period is wrong, said already: what the days would mean is unknown
    }
    if (period == Exclusion.Recurring.Every.DAY) {
      if (node != null) {
        v.error(at + ": not used with every: day (it starts every day); use every: week to pick days");
        return null;
      }
      return EnumSet.allOf(DayOfWeek.class);
    }
    if (node == null || !node.isArray() || node.isEmpty()) {
      v.error(at + ": " + (node == null ? "missing" : describe(node)) + " (a list of days such as [sat, sun])");
      return null;
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (JsonNode d : node) {
      DayOfWeek day = DAYS.get(d.asText().toLowerCase(Locale.ROOT));
      if (day == null) {
        v.error(at + ": unknown day " + describe(d) + " (use mon, tue, wed, thu, fri, sat, sun)");
      } else if (!days.add(day)) {
        v.error(at + ": " + name(day) + " is listed twice");
      }
    }
    return days;
  }
}
