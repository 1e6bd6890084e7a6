package com.huntaze.slo.schemas.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Calendar windows and budgeting methods in slos.yaml: what they read as, their periods, and every refusal. */
class CalendarBudgetingConfigTest {

  @Test
  void shouldReadCalendarWindowsAndBudgetingMethods() throws Exception {
    SloConfig config = SloConfigLoader.parse("test", """
        slos:
          - {name: monthly, service: s, objective: 99.9, window: {calendar: month, timeZone: Europe/Paris}, sli: {availability: {}},
             budgeting: {timeslices: {slice: 1m, goodIf: 99}}}
          - {name: weekly, service: s, objective: 99, window: {calendar: week}, sli: {availability: {}}, budgeting: ratioTimeslices}
          - {name: quarterly, service: s, objective: 99, window: {calendar: quarter, timeZone: America/New_York}, sli: {availability: {}},
             budgeting: occurrences}
          - {name: rolling, service: s, objective: 99, sli: {availability: {}}}
        """);
    SloDefinition monthly = config.byName().get("monthly");
    assertEquals(Optional.of(new CalendarWindow(CalendarWindow.Unit.MONTH, ZoneId.of("Europe/Paris"))), monthly.calendar());
    assertEquals(Duration.ofDays(30), monthly.window(), "nominal length");
    assertEquals(Optional.of(BurnRatePolicy.DEFAULT), monthly.alerting().burnRate(), "a month alerts like a 30-day window");
    assertEquals(new Budgeting.Timeslices(Duration.ofMinutes(1), 0.99), monthly.budgeting());
    assertEquals("month (Europe/Paris)", monthly.windowLabel());
    assertEquals(Duration.ofDays(31).plusHours(1), monthly.longestBudgetSpan(), "what a replay must read and state must keep");
    SloDefinition weekly = config.byName().get("weekly");
    assertEquals(ZoneId.of("UTC").normalized(), weekly.calendar().orElseThrow().timeZone().normalized());
    assertEquals(Duration.ofDays(7), weekly.window());
    assertEquals(BurnRatePolicy.DEFAULT.scaledTo(Duration.ofDays(7)), weekly.alerting().burnRate().orElseThrow());
    assertEquals(new Budgeting.RatioTimeslices(Duration.ofMinutes(1)), weekly.budgeting());
    assertEquals(Duration.ofDays(90), config.byName().get("quarterly").window());
    assertEquals(new Budgeting.Occurrences(), config.byName().get("quarterly").budgeting());
    assertEquals(Optional.empty(), config.byName().get("rolling").calendar());
    assertEquals(new Budgeting.Occurrences(), config.byName().get("rolling").budgeting());
  }

  @Test
  void shouldStartPeriodsAtLocalMidnightAcrossDaylightSavingChanges() {
    CalendarWindow paris = new CalendarWindow(CalendarWindow.Unit.MONTH, ZoneId.of("Europe/Paris"));
    long[] october = paris.periodOf(Instant.parse("2026-10-31T22:59:59Z").toEpochMilli());
    assertEquals(Instant.parse("2026-09-30T22:00:00Z").toEpochMilli(), october[0], "CEST midnight");
    assertEquals(Instant.parse("2026-10-31T23:00:00Z").toEpochMilli(), october[1], "CET midnight: 745 hours");
    assertEquals(october[1], paris.periodOf(october[1])[0], "the next period starts where this one ends");
    CalendarWindow ny = new CalendarWindow(CalendarWindow.Unit.WEEK, ZoneId.of("America/New_York"));
    long[] week = ny.periodOf(Instant.parse("2026-11-04T12:00:00Z").toEpochMilli());
    assertEquals(Instant.parse("2026-11-02T05:00:00Z").toEpochMilli(), week[0], "Monday 00:00 EST");
    CalendarWindow q = new CalendarWindow(CalendarWindow.Unit.QUARTER, ZoneId.of("UTC"));
    long[] q4 = q.periodOf(Instant.parse("2026-11-15T00:00:00Z").toEpochMilli());
    assertEquals(Instant.parse("2026-10-01T00:00:00Z").toEpochMilli(), q4[0]);
    assertEquals(Instant.parse("2027-01-01T00:00:00Z").toEpochMilli(), q4[1]);
  }

  /** Each bad SLO and the message it must produce (a fragment of it): SLO and field named. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown calendar unit     | window: {calendar: year}                                   | slo 'a': window.calendar: unknown calendar unit "year" (use week, month or quarter)
      calendar missing          | window: {timeZone: UTC}                                    | slo 'a': window.calendar: missing
      calendar as a list        | 'window: {calendar: [month]}'                              | slo 'a': window.calendar: unknown calendar unit a list (use week, month or quarter)
      unknown calendar key      | window: {calendar: month, zone: UTC}                       | slo 'a': window: unknown key 'zone'
      unknown time zone         | window: {calendar: month, timeZone: Europe/Pariss}         | slo 'a': window.timeZone: "Europe/Pariss" is not a time zone
      half-hour time zone       | window: {calendar: month, timeZone: Asia/Kolkata}          | slo 'a': window.timeZone: Asia/Kolkata has the offset +05:30, not a whole number of hours
      half-hour in the past     | window: {calendar: month, timeZone: Asia/Pyongyang}        | slo 'a': window.timeZone: Asia/Pyongyang had the offset +08:30 since 2000 (events back to 2000 may be replayed), not a whole number of hours
      bad slice                 | 'budgeting: {timeslices: {slice: 2m, goodIf: 99}}'         | slo 'a': budgeting.timeslices.slice: "2m" is not a slice length (use 1m, 10m or 1h
      slice missing             | 'budgeting: {timeslices: {goodIf: 99}}'                    | slo 'a': budgeting.timeslices.slice: missing
      too many slices           | 'window: {calendar: quarter}, budgeting: {timeslices: {slice: 1m, goodIf: 99}}' | slo 'a': budgeting.timeslices.slice: 1m makes 132540 slices in the window, more than 50000
      too many default slices   | 'window: {calendar: quarter}, budgeting: ratioTimeslices'  | slo 'a': budgeting.ratioTimeslices.slice: 1m makes 132540 slices
      goodIf above 100          | 'budgeting: {timeslices: {slice: 1m, goodIf: 101}}'        | slo 'a': budgeting.timeslices.goodIf: 101 is out of range (0, 100]
      goodIf zero               | 'budgeting: {timeslices: {slice: 1m, goodIf: 0}}'          | slo 'a': budgeting.timeslices.goodIf: 0 is out of range (0, 100]
      goodIf missing            | 'budgeting: {timeslices: {slice: 1m}}'                     | slo 'a': budgeting.timeslices.goodIf: missing
      goodIf not a number       | 'budgeting: {timeslices: {slice: 1m, goodIf: abc}}'        | slo 'a': budgeting.timeslices.goodIf: "abc" is not a number
      two budgeting methods     | 'budgeting: {timeslices: {slice: 1m}, ratioTimeslices: {}}' | slo 'a': budgeting: one method only, found a mapping with keys [timeslices, ratioTimeslices]
      timeslices without body   | 'budgeting: timeslices'                                    | slo 'a': budgeting.timeslices: expected {slice: 1m, goodIf: 99}
      unknown budgeting method  | 'budgeting: events'                                        | slo 'a': budgeting: unknown budgeting method "events"
      unknown timeslices key    | 'budgeting: {timeslices: {slice: 1m, goodIf: 99, min: 3}}' | slo 'a': budgeting.timeslices: unknown key 'min'
      """)
  void shouldRefuseWithSloAndField(String caseName, String fields, String expected) {
    String yaml = "slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, " + fields + "}]";
    SloConfigException e = assertThrows(SloConfigException.class, () -> SloConfigLoader.parse("slos.yaml", yaml), caseName);
    assertTrue(e.getMessage().contains(expected), caseName + ": expected \"" + expected + "\" in:\n" + e.getMessage());
  }

  @Test
  void shouldRefuseCalendarsAndBudgetingOnThroughput() {
    SloConfigException e = assertThrows(SloConfigException.class, () -> SloConfigLoader.parse("slos.yaml", """
        slos: [{name: t, service: s, sli: {throughput: {minRps: 1}}, window: {calendar: month}, budgeting: ratioTimeslices}]
        """));
    assertTrue(e.getMessage().contains("slo 't': budgeting: not used by a throughput SLO"), e.getMessage());
    assertTrue(e.getMessage().contains("slo 't': window: a calendar period is not used by a throughput SLO"), e.getMessage());
  }
}
