package com.huntaze.slo.schemas.slo;

import static com.huntaze.slo.schemas.slo.SloValidation.describe;
import static com.huntaze.slo.schemas.slo.SloValidation.fraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what an SLO's budget is computed over and how: {@code window:} (a rolling duration, or a
 * calendar period {@code {calendar: month, timeZone: Europe/Paris}}) and {@code budgeting:}
 * (occurrences, timeslices, ratioTimeslices). Every error names the SLO and the field.
 */
final class BudgetReader {
  private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
  /** State is kept in hour buckets for long windows; a year is plenty and keeps state bounded. */
  private static final Duration MAX_WINDOW = Duration.ofDays(366);
  /** Slices are the bucket sizes state is kept in (the processor's resolutions), so a slice is exactly a bucket. */
  private static final Map<String, Duration> SLICES = Map.of("1m", Duration.ofMinutes(1), "10m", Duration.ofMinutes(10),
      "1h", Duration.ofHours(1));
  /** Slices a window may hold: each is a bucket kept in state (a 31-day month of minutes fits, a quarter does not). */
  static final long MAX_SLICES = 50_000;
  /** Offsets after this are the ones calendars will meet; older ones include local mean times such as +00:09:21. */
  private static final Instant RECENT = Instant.parse("2000-01-01T00:00:00Z");

  /** The window as read: its length (the nominal one for a calendar period) and the calendar, if any. */
  record Window(Duration length, Optional<CalendarWindow> calendar) {
    Duration longest() {
      return calendar.map(c -> c.unit().longest()).orElse(length);
    }
  }

  private BudgetReader() {
  }

  static Window window(String where, JsonNode node, SloValidation v) {
    if (node == null) {
      return new Window(DEFAULT_WINDOW, Optional.empty());
    }
    if (node.isObject()) {
      return calendar(where + ": window", node, v);
    }
    Optional<Duration> parsed = node.isTextual() ? Durations.parse(node.asText()) : Optional.empty();
    if (parsed.isEmpty()) {
      v.error(where + ": window: " + describe(node) + " is not a duration (use e.g. 30d, 28d, 7d, 24h) or a calendar "
          + "period such as {calendar: month, timeZone: Europe/Paris}");
    } else if (parsed.get().compareTo(Duration.ofHours(1)) < 0 || parsed.get().toSeconds() % 60 != 0) {
      v.error(where + ": window: " + node.asText() + " is too short; use whole minutes and at least 1h");
    } else if (parsed.get().compareTo(MAX_WINDOW) > 0) {
      v.error(where + ": window: " + node.asText() + " is longer than the supported 366d");
    } else {
      v.wholeBuckets(where + ": window", parsed.get());
      return new Window(parsed.get(), Optional.empty());
    }
    return new Window(DEFAULT_WINDOW, Optional.empty());
  }

  private static Window calendar(String at, JsonNode node, SloValidation v) {
    v.unknownKeys(at + ": ", node, Set.of("calendar", "timeZone"));
    CalendarWindow.Unit unit = null;
    String name = SloValidation.text(node, "calendar");
    for (CalendarWindow.Unit u : CalendarWindow.Unit.values()) {
      if (u.label().equals(name)) {
        unit = u;
      }
    }
    if (unit == null) {
      JsonNode given = node.get("calendar");
      v.error(at + ".calendar: " + (given == null || given.isNull() ? "missing" : "unknown calendar unit " + describe(given))
          + " (use week, month or quarter)");
    }
    ZoneId zone = ZoneId.of("UTC"); // the IANA name, as OpenSLO and the status report it (not the offset Z)
    if (node.has("timeZone")) {
      ZoneId named = v.zone(at + ".timeZone", node.get("timeZone"));
      String odd = named == null ? null : oddOffset(named.getRules());
      if (odd != null) {
        // A zone whole-hour today may not have been (Asia/Pyongyang: +08:30 in 2015-2018): say which, or "has" misleads.
        boolean now = odd.equals(named.getRules().getOffset(Instant.now()).getId());
        v.error(at + ".timeZone: " + named + (now ? " has the offset " + odd : " had the offset " + odd + " since 2000 (events"
            + " back to 2000 may be replayed)") + ", not a whole number of hours; budgets are kept in "
            + "hour buckets, so a period must start on a whole hour (use a zone with whole-hour offsets, or UTC)");
      }
      zone = named == null ? zone : named;
    }
    return unit == null ? new Window(DEFAULT_WINDOW, Optional.empty())
        : new Window(unit.nominal(), Optional.of(new CalendarWindow(unit, zone)));
  }

  /** An offset of the zone (current, recent or by its rules) that is not whole hours, or null. */
  private static String oddOffset(ZoneRules rules) {
    List<ZoneOffset> offsets = new ArrayList<>();
    offsets.add(rules.getOffset(Instant.now()));
    for (ZoneOffsetTransition t : rules.getTransitions()) {
      if (t.getInstant().isAfter(RECENT)) {
        offsets.add(t.getOffsetAfter());
      }
    }
    for (ZoneOffsetTransitionRule r : rules.getTransitionRules()) {
      offsets.add(r.getOffsetAfter());
    }
    return offsets.stream().filter(o -> o.getTotalSeconds() % 3600 != 0).map(ZoneOffset::getId).findFirst().orElse(null);
  }

  /** The budgeting method; absent = occurrences. {@code window} bounds the number of slices. */
  static Budgeting budgeting(String where, JsonNode node, Window window, boolean budgeted, SloValidation v) {
    String at = where + ": budgeting";
    if (node == null || node.isNull()) {
      return new Budgeting.Occurrences();
    }
    if (!budgeted) {
      v.error(at + ": not used by a throughput SLO (it has no budget)");
      return null;
    }
    String kind = node.isTextual() ? node.asText() : node.isObject() && node.size() == 1 ? node.fieldNames().next() : null;
    JsonNode body = node.isObject() && kind != null ? node.get(kind) : null;
    if (body != null && !body.isObject() && !body.isNull()) {
      v.error(at + "." + kind + ": expected a mapping such as {slice: 1m}, found " + describe(body));
      return null;
    }
    switch (kind == null ? "" : kind) {
      case "occurrences" -> {
        if (body != null && !body.isNull()) {
          v.unknownKeys(at + ".occurrences: ", body, Set.of());
        }
        return new Budgeting.Occurrences();
      }
      case "timeslices" -> {
        if (body == null || body.isNull()) {
          v.error(at + ".timeslices: expected {slice: 1m, goodIf: 99} (goodIf: percent of good events that makes a slice good)");
          return null;
        }
        v.unknownKeys(at + ".timeslices: ", body, Set.of("slice", "goodIf"));
        Duration slice = slice(at + ".timeslices.slice", body.get("slice"), window, v);
        JsonNode goodIf = body.get("goodIf");
        if (goodIf == null || !goodIf.isNumber() || !(goodIf.asDouble() > 0 && goodIf.asDouble() <= 100)) {
          v.error(at + ".timeslices.goodIf: " + (goodIf == null ? "missing" : !goodIf.isNumber() ? describe(goodIf) + " is not a number"
              : describe(goodIf) + " is out of range (0, 100]")
              + " (percent of good events at or above which a slice is good, e.g. 99)");
          return null;
        }
        if (goodIf.asDouble() <= 1) {
          v.warning(at + ".timeslices.goodIf: " + goodIf.asText() + " means " + goodIf.asText()
              + " %; goodIf is a percentage (did you mean " + goodIf.decimalValue().movePointRight(2).stripTrailingZeros().toPlainString() + "?)");
        }
        return slice == null ? null : new Budgeting.Timeslices(slice, fraction(goodIf));
      }
      case "ratioTimeslices" -> {
        if (body != null && !body.isNull()) {
          v.unknownKeys(at + ".ratioTimeslices: ", body, Set.of("slice"));
        }
        JsonNode s = body == null || body.isNull() ? null : body.get("slice");
        // Absent slice: a minute, as in OpenSLO's examples.
        Duration slice = slice(at + ".ratioTimeslices.slice", s == null ? TextNode.valueOf("1m") : s, window, v);
        return slice == null ? null : new Budgeting.RatioTimeslices(slice);
      }
      default -> {
        v.error(at + ": " + (node.isObject() && node.size() > 1 ? "one method only, found " + describe(node)
            : "unknown budgeting method " + describe(node)) + " (use occurrences, {timeslices: {slice: 1m, goodIf: 99}} or ratioTimeslices)");
        return null;
      }
    }
  }

  private static Duration slice(String at, JsonNode node, Window window, SloValidation v) {
    Duration slice = node == null ? null : SLICES.get(node.asText().trim().toLowerCase(Locale.ROOT));
    if (slice == null) {
      v.error(at + ": " + (node == null ? "missing" : describe(node) + " is not a slice length") + " (use 1m, 10m or 1h: the "
          + "bucket sizes state is kept in)");
      return null;
    }
    if (tooMany(window, slice)) {
      v.error(at + ": " + node.asText() + " makes " + window.longest().dividedBy(slice) + " slices in the window, more than "
          + MAX_SLICES + " (each slice is kept in state); use a longer slice");
      return null;
    }
    return slice;
  }

  private static boolean tooMany(Window window, Duration slice) {
    return window.longest().dividedBy(slice) > MAX_SLICES;
  }
}
