package com.huntaze.slo.schemas.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The event contract, rule by rule: every reader, the emitter, the processor and the SLO loader use these. */
class EventRulesTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final EventRules RULES = EventRules.defaults();

  private static RequestEvent.Builder good() {
    return RequestEvent.newBuilder().setService("huntaze-api").setOperation("GET /api/users").setStatus(200)
        .setLatencyMs(87.5).setEventTime(NOW.minusSeconds(1)).setAttributes(Map.of("region", "eu-west-1"));
  }

  static Stream<Arguments> badEvents() {
    Map<String, String> tooMany = new HashMap<>();
    for (int i = 0; i < 33; i++) {
      tooMany.put("k" + i, "v");
    }
    return Stream.of(
        Arguments.of(good().setService(" "), "service", "must not be blank"),
        Arguments.of(good().setService("x".repeat(129)), "service", "longer than 128 characters (got 129)"),
        Arguments.of(good().setService("a\nb"), "service", "must not contain control characters (found U+000A at position 1)"),
        Arguments.of(good().setOperation(""), "operation", "must not be blank"),
        Arguments.of(good().setOperation("o".repeat(257)), "operation", "longer than 256 characters (got 257)"),
        Arguments.of(good().setOperation("GET \u0000"), "operation", "must not contain control characters (found U+0000 at position 4)"),
        Arguments.of(good().setOperation("\uD83D\uDE00".repeat(257)), "operation", "longer than 256 characters (got 257)"),
        Arguments.of(good().setOperation("GET /\uD800"), "operation", "is not valid Unicode (an unpaired surrogate U+D800 at position 5)"),
        Arguments.of(good().setAttributes(Map.of("tenant", "\uDC00x")), "attributes.tenant",
            "is not valid Unicode (an unpaired surrogate U+DC00 at position 0)"),
        Arguments.of(good().setStatus(99), "status", "must be an HTTP status between 100 and 599 (got 99)"),
        Arguments.of(good().setStatus(600), "status", "must be an HTTP status between 100 and 599 (got 600)"),
        Arguments.of(good().setLatencyMs(-1), "latencyMs", "must be >= 0 (got -1.0)"),
        Arguments.of(good().setLatencyMs(Double.NaN), "latencyMs", "must be a finite number of milliseconds (got NaN)"),
        Arguments.of(good().setLatencyMs(Double.POSITIVE_INFINITY), "latencyMs", "must be a finite number of milliseconds (got Infinity)"),
        Arguments.of(good().setEventId("e".repeat(129)), "eventId", "longer than 128 characters (got 129)"),
        Arguments.of(good().setAttributes(tooMany), "attributes", "more than 32 attributes (got 33)"),
        Arguments.of(good().setAttributes(Map.of("", "v")), "attributes", "attribute name must not be empty"),
        Arguments.of(good().setAttributes(Map.of("k".repeat(65), "v")), "attributes." + "k".repeat(40) + "...",
            "attribute name longer than 64 characters (got 65)"),
        Arguments.of(good().setAttributes(Map.of("region", "v".repeat(257))), "attributes.region",
            "longer than 256 characters (got 257)"));
  }

  @ParameterizedTest(name = "[{index}] {1}: {2}")
  @MethodSource("badEvents")
  void shouldNameTheFieldAndReasonOfEachBrokenRule(RequestEvent.Builder event, String field, String reason) {
    RequestEvent e = event.build();
    List<Violation> out = new ArrayList<>();
    boolean ok = RULES.validate(3, e.getService(), e.getOperation(), (long) e.getStatus(), e.getLatencyMs(),
        e.getEventTime(), NOW, e.getAttributes(), e.getEventId(), out);
    assertFalse(ok);
    assertEquals(List.of(new Violation(3, field, reason)), out);
    assertEquals("invalid event: " + field + ": " + reason, EventRules.firstViolation(e));
    assertEquals("invalid event: " + field + ": " + reason, RULES.firstViolation(e, NOW));
  }

  @Test
  void shouldAcceptTheLimitsThemselves() {
    Map<String, String> attributes = new HashMap<>();
    for (int i = 0; i < EventLimits.MAX_ATTRIBUTES - 1; i++) {
      attributes.put("k" + i, "v");
    }
    attributes.put("k".repeat(64), "v".repeat(256));
    assertNull(RULES.firstViolation(good().setOperation("\uD83D\uDE00".repeat(256)).build(), NOW), "256 emoji are 256 characters");
    RequestEvent e = good().setService("s".repeat(128)).setOperation("o".repeat(256)).setStatus(599).setLatencyMs(0)
        .setEventId("e".repeat(128)).setAttributes(attributes).setEventTime(NOW.plus(Duration.ofMinutes(5))).build();
    assertNull(RULES.firstViolation(e, NOW));
    assertNull(RULES.firstViolation(good().setStatus(100).setEventTime(EventLimits.EARLIEST_EVENT_TIME).build(), NOW));
    assertNull(EventRules.checkService("s".repeat(EventLimits.MAX_SERVICE_LENGTH)));
  }

  @Test
  void shouldCatchEpochSecondsAndFutureTimestampsAgainstTheGivenClock() {
    Instant seconds = Instant.ofEpochMilli(NOW.getEpochSecond());
    assertEquals("is before 2000-01-01T00:00:00Z (got " + seconds + "); epoch seconds sent where milliseconds are "
        + "expected?", RULES.checkEventTime(seconds, NOW));
    // Only a time that epoch seconds read as milliseconds give (1970) gets the hint; 1999 is just too early.
    assertEquals("is before 2000-01-01T00:00:00Z (got 1999-12-31T23:59:59Z)",
        RULES.checkEventTime(Instant.parse("1999-12-31T23:59:59Z"), NOW));
    assertEquals("is 2h in the future (got 2026-11-24T12:00:00Z, allowed clock skew 5m)",
        RULES.checkEventTime(NOW.plus(Duration.ofHours(2)), NOW));
    assertEquals("is 1s in the future (got 2026-11-24T10:00:01.500Z, allowed clock skew 0ms)",
        new EventRules(Duration.ZERO).checkEventTime(NOW.plusMillis(1_500), NOW));
    assertEquals("invalid event: timestamp: is 10m in the future (got 2026-11-24T10:10:00Z, allowed clock skew 5m)",
        RULES.firstViolation(good().setEventTime(NOW.plus(Duration.ofMinutes(10))).build(), NOW));
  }

  /**
   * Attributes become label values and page text: the gateway and the emitter refuse control characters in
   * them, as in service and operation; the processor still counts such events already in the topic.
   */
  @ParameterizedTest(name = "[{index}] {1}: {2}")
  @MethodSource("controlCharactersInAttributes")
  void shouldRefuseControlCharactersInAttributesWhereEventsEnter(Map<String, String> attributes, String field,
      String reason) {
    RequestEvent e = good().setAttributes(attributes).build();
    List<Violation> out = new ArrayList<>();
    assertFalse(RULES.validate(3, e.getService(), e.getOperation(), (long) e.getStatus(), e.getLatencyMs(),
        e.getEventTime(), NOW, e.getAttributes(), e.getEventId(), out));
    assertEquals(List.of(new Violation(3, field, reason)), out);
    assertEquals("invalid event: " + field + ": " + reason, RULES.firstViolation(e, NOW));
    assertNull(EventRules.firstViolation(e), "an event accepted before this rule still counts in a replay");
  }

  static Stream<Arguments> controlCharactersInAttributes() {
    return Stream.of(
        Arguments.of(Map.of("region", "eu\twest"), "attributes.region",
            "must not contain control characters (found U+0009 at position 2)"),
        Arguments.of(Map.of("region", "eu\u0000"), "attributes.region",
            "must not contain control characters (found U+0000 at position 2)"),
        Arguments.of(Map.of("region", "\u001B[31mred"), "attributes.region",
            "must not contain control characters (found U+001B at position 0)"),
        Arguments.of(Map.of("region", "eu\u007F"), "attributes.region",
            "must not contain control characters (found U+007F at position 2)"),
        Arguments.of(Map.of("reg\nion", "eu"), "attributes.reg\nion",
            "attribute name must not contain control characters (found U+000A at position 3)"));
  }

  @Test
  void theProcessorsCheckShouldLeaveTimeToTheProcessor() {
    assertNull(EventRules.firstViolation(good().setEventTime(Instant.EPOCH).build()),
        "how late an event may be is the processor's policy");
  }

  @Test
  void shouldListEveryProblemOfOneEventAndSkipFieldsReportedElsewhere() {
    List<Violation> out = new ArrayList<>();
    assertFalse(RULES.validate(0, "", null, 42L, -1.0, null, NOW, null, null, out));
    assertEquals(List.of("service", "status", "latencyMs"), out.stream().map(Violation::field).toList());
  }

  @Test
  void shouldNeverCutACharacterInTwoWhenAbbreviating() {
    // an error names the client's text in 40 characters; cutting an emoji's surrogate pair in half
    // would put an unpaired surrogate (invalid Unicode) into the JSON answer
    String name = "k".repeat(39) + "\ud83d\ude00" + "z".repeat(30);
    assertEquals("k".repeat(39) + "\ud83d\ude00...", EventRules.abbreviate(name));
    assertEquals("k".repeat(40) + "...", EventRules.abbreviate("k".repeat(41)));
    assertEquals("\ud83d\ude00".repeat(40), EventRules.abbreviate("\ud83d\ude00".repeat(40)));
  }
}
