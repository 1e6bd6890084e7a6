package com.huntaze.slo.ingest.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.event.EventJsonWriter;
import com.huntaze.slo.schemas.event.EventRules;
import com.huntaze.slo.schemas.event.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonEventReaderTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private final JsonEventReader reader = new JsonEventReader(EventRules.defaults());

  private static final String GOOD = "{\"service\":\"huntaze-api\",\"operation\":\"GET /api/users\",\"status\":200,"
      + "\"latencyMs\":87.5,\"timestamp\":\"2026-11-24T09:59:00.123Z\",\"attributes\":{\"region\":\"eu-west-1\"}}";

  private Decoded json(String body) {
    return reader.readJson(body.getBytes(StandardCharsets.UTF_8), NOW);
  }

  @Test
  void shouldReadTheDesignDocExampleIntoAnExactEvent() {
    Decoded d = json(GOOD);
    assertTrue(d.isValid(), d.violations()::toString);
    assertEquals(List.of(RequestEvent.newBuilder().setService("huntaze-api").setOperation("GET /api/users")
        .setStatus(200).setLatencyMs(87.5).setEventTime(Instant.parse("2026-11-24T09:59:00.123Z"))
        .setAttributes(Map.of("region", "eu-west-1")).setEventId(null).build()), d.events());
  }

  @Test
  void shouldUseReceiveTimeWhenTimestampIsAbsentAndAcceptEpochMillisAndOffsets() {
    Decoded d = json("[{\"service\":\"a\",\"operation\":\"o\",\"status\":500,\"latencyMs\":0},"
        + "{\"service\":\"a\",\"operation\":\"o\",\"status\":201,\"latencyMs\":3,\"timestamp\":1795510800000},"
        + "{\"service\":\"a\",\"operation\":\"o\",\"status\":201,\"latencyMs\":3,\"timestamp\":\"2026-11-24T10:30:00+01:00\","
        + "\"eventId\":\"e-1\"}]");
    assertTrue(d.isValid(), d.violations()::toString);
    assertEquals(NOW, d.events().get(0).getEventTime());
    assertEquals(Instant.ofEpochMilli(1795510800000L), d.events().get(1).getEventTime());
    assertEquals(Instant.parse("2026-11-24T09:30:00Z"), d.events().get(2).getEventTime());
    assertEquals("e-1", d.events().get(2).getEventId());
  }

  /** ISO-8601 offsets without a colon, as Java's "Z" pattern and Python's %z write them, mean what +01:00 means. */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource({
      "2026-11-24T10:00:00+0100, 2026-11-24T09:00:00Z",
      "2026-11-24T10:00:00+01, 2026-11-24T09:00:00Z",
      "2026-11-24T03:30:00.123-0530, 2026-11-24T09:00:00.123Z",
      "2026-11-24T03:30:00.123-05:30, 2026-11-24T09:00:00.123Z",
      "2026-11-24T09:00:00Z, 2026-11-24T09:00:00Z"})
  void shouldAcceptAnOffsetWithOrWithoutColonAsTheSameInstant(String timestamp, String instant) {
    Decoded d = json("{\"service\":\"a\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"timestamp\":\""
        + timestamp + "\"}");
    assertTrue(d.isValid(), d.violations()::toString);
    assertEquals(Instant.parse(instant), d.events().get(0).getEventTime());
  }

  @Test
  void shouldReadNdjsonSkippingBlankLines() {
    Decoded d = reader.readNdjson((GOOD + "\n\n" + GOOD.replace("200", "503") + "\r\n").getBytes(StandardCharsets.UTF_8), NOW);
    assertTrue(d.isValid(), d.violations()::toString);
    assertEquals(2, d.events().size());
    assertEquals(503, d.events().get(1).getStatus());
  }

  /** Types, presence and JSON shape; each value rule is tested once, in schemas' EventRulesTest. */
  static Stream<Arguments> badEvents() {
    return Stream.of(
        Arguments.of("{\"operation\":\"o\",\"status\":200,\"latencyMs\":1}", "service", "is required"),
        Arguments.of("{\"service\":\"s\",\"status\":200,\"latencyMs\":1}", "operation", "is required"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"latencyMs\":1}", "status", "is required"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200}", "latencyMs", "is required"),
        Arguments.of("{\"service\":7,\"operation\":\"o\",\"status\":200,\"latencyMs\":1}", "service", "must be a string, got a number"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":\"200\",\"latencyMs\":1}", "status", "must be an integer HTTP status, got a string"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200.5,\"latencyMs\":1}", "status", "must be an integer HTTP status, got 200.5"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1e400}", "latencyMs", "must be a finite number of milliseconds (got 1e400)"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":42,\"latencyMs\":1}", "status", "between 100 and 599 (got 42)"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":99999999999999999999,\"latencyMs\":1}", "status", "between 100 and 599 (got 99999999999999999999)"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":NaN}", "latencyMs", "finite number of milliseconds (got NaN)"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":\"5\"}", "latencyMs", "must be a number of milliseconds, got a string"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"timestamp\":\"yesterday\"}", "timestamp", "not an ISO-8601 instant"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"timestamp\":\"2026-11-24 10:00\"}", "timestamp", "not an ISO-8601 instant"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"timestamp\":\"2026-11-24T10:00:00\"}", "timestamp",
            "(got \"2026-11-24T10:00:00\": no time zone; add Z for UTC or an offset such as +01:00)"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"timestamp\":\"2026-11-24T10:00:00+013\"}", "timestamp", "not an ISO-8601 instant"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"timestamp\":\"2026-11-24T10:00:00+2500\"}", "timestamp", "not an ISO-8601 instant"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"timestamp\":\"2026-11-24T10:00:00ZZ\"}", "timestamp", "not an ISO-8601 instant"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"timestamp\":\"2026-02-30T10:00:00+0100\"}", "timestamp", "not an ISO-8601 instant"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"timestamp\":1795510800}", "timestamp", "epoch seconds sent where milliseconds are expected"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"timestamp\":\"2026-11-24T12:00:00Z\"}", "timestamp", "is 2h in the future"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"timestamp\":99999999999999999999}", "timestamp", "out of range"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"timestamp\":true}", "timestamp", "ISO-8601 string or integer epoch milliseconds, got a boolean"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"attributes\":[1]}", "attributes", "must be an object of string values, got an array"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"attributes\":{\"n\":1}}", "attributes.n", "must be a string, got a number"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"attributes\":{\"region\":\"eu\\twest\"}}",
            "attributes.region", "must not contain control characters (found U+0009 at position 2)"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"latency\":1}", "latency", "unknown field"),
        Arguments.of("{\"service\":\"s\",\"service\":\"t\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1}", "service", "appears more than once"),
        Arguments.of("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"attributes\":{\"region\":\"a\",\"t\":\"x\",\"region\":\"b\"}}",
            "attributes.region", "appears more than once"));
  }

  /** A name repeated a thousand times is one violation, and does not slip past the 32-attribute limit. */
  @Test
  void shouldReportARepeatedAttributeNameOnce() {
    StringBuilder attributes = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      attributes.append(i == 0 ? "" : ",").append("\"region\":\"v").append(i).append('"');
    }
    Decoded d = json("{\"service\":\"s\",\"operation\":\"o\",\"status\":200,\"latencyMs\":1,\"attributes\":{" + attributes + "}}");
    assertFalse(d.isValid());
    assertEquals(List.of(new Violation(0, "attributes.region", "appears more than once")), d.violations());
  }

  @ParameterizedTest(name = "[{index}] {1}: {2}")
  @MethodSource("badEvents")
  void shouldNameFieldAndReasonOfABadEvent(String event, String field, String reason) {
    Decoded d = json("[" + GOOD + "," + event + "]");
    assertFalse(d.isValid());
    assertTrue(d.events().isEmpty(), "a rejected batch yields no events at all");
    assertEquals(2, d.eventCount());
    Violation v = d.violations().get(0);
    assertEquals(1, v.index(), d.violations()::toString);
    assertEquals(field, v.field(), d.violations()::toString);
    assertTrue(v.reason().contains(reason), () -> "reason '" + v.reason() + "' should contain '" + reason + "'");
  }

  @Test
  void shouldReportEveryBadEventOfABatch() {
    Decoded d = json("[" + GOOD + ",{\"status\":42},3]");
    assertEquals(2, d.invalidEventCount());
    assertTrue(d.violations().contains(new Violation(1, "status", "must be an HTTP status between 100 and 599 (got 42)"))
        || d.violations().stream().anyMatch(v -> v.index() == 1 && v.field().equals("service")), d.violations()::toString);
    assertTrue(d.violations().contains(new Violation(2, "$", "expected an event object, got a number")), d.violations()::toString);
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("", "empty body"),
        Arguments.of("   ", "empty body"),
        Arguments.of("[]", "empty array: no events to publish"),
        Arguments.of("\"hello\"", "expected a JSON object or an array of event objects, got a string"),
        Arguments.of("{\"service\":", "malformed JSON at line 1"),
        Arguments.of("[" + GOOD + ",{\"service\" \"s\"}]", "malformed JSON at line 1"),
        Arguments.of(GOOD + GOOD, "unexpected content after the JSON value"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("badBodies")
  void shouldExplainAnUnreadableBody(String body, String reason) {
    Decoded d = json(body);
    assertFalse(d.isValid());
    assertTrue(d.events().isEmpty());
    assertTrue(d.violations().stream().anyMatch(v -> v.reason().contains(reason)), d.violations()::toString);
  }

  @Test
  void shouldNameTheLineOfAMalformedNdjsonEvent() {
    Decoded d = reader.readNdjson((GOOD + "\n{oops}\n" + GOOD).getBytes(StandardCharsets.UTF_8), NOW);
    assertFalse(d.isValid());
    assertEquals(1, d.violations().size(), d.violations()::toString);
    assertEquals(1, d.violations().get(0).index());
    assertEquals("malformed JSON at line 2, column 2: Unexpected character ('o' (code 111)): was expecting double-quote to start "
        + "field name", d.violations().get(0).reason(), "its own line and column, no parser bookkeeping");
    assertEquals(3, d.eventCount());
  }

  @Test
  void shouldNameTheLineOfAnNdjsonEventWithABadField() {
    Decoded d = reader.readNdjson((GOOD + "\n\n" + GOOD.replace("200", "42")).getBytes(StandardCharsets.UTF_8), NOW);
    assertEquals(List.of(new Violation(1, "status", "line 3: must be an HTTP status between 100 and 599 (got 42)")), d.violations(),
        "the second event, on the third line");
  }

  @Test
  void shouldNotLeakTheParsersBookkeeping() {
    Decoded d = json("{\"service\":\"s\"");
    String reason = d.violations().get(0).reason();
    assertFalse(reason.contains("Source") || reason.contains("REDACTED") || reason.contains("StreamReadFeature"), reason);
    assertTrue(reason.startsWith("malformed JSON at line 1, column "), reason);
  }

  @Test
  void shouldRejectAnEmptyNdjsonBody() {
    Decoded d = reader.readNdjson("\n \n".getBytes(StandardCharsets.UTF_8), NOW);
    assertEquals(List.of(new Violation(-1, "body", "empty body: expected one JSON event object per line")), d.violations());
  }

  @Test
  void shouldRoundTripWhatTheWriterWrites() {
    List<RequestEvent> events = List.of(
        RequestEvent.newBuilder().setService("a").setOperation("GET /x").setStatus(200).setLatencyMs(1.25)
            .setEventTime(Instant.parse("2026-11-24T09:00:00.001Z")).setAttributes(Map.of("k", "v")).setEventId("id").build(),
        RequestEvent.newBuilder().setService("b").setOperation("POST /y").setStatus(503).setLatencyMs(0)
            .setEventTime(Instant.parse("2026-11-24T09:00:00Z")).build());
    assertEquals(events, reader.readJson(EventJsonWriter.array(events), NOW).events());
    assertEquals(events.subList(0, 1), reader.readJson(EventJsonWriter.object(events.get(0)), NOW).events());
  }
}
