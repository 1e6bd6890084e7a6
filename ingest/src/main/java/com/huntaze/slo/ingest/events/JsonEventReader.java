package com.huntaze.slo.ingest.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.huntaze.slo.avro.RequestEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads events from a JSON body (one object or an array of objects) or NDJSON (one object per
 * line). Streaming, so a 500-event batch costs no tree; every type and value problem of every event
 * is reported, not just the first, so a client can fix a batch in one round trip.
 */
public final class JsonEventReader {
  static final String SERVICE = "service";
  static final String OPERATION = "operation";
  static final String STATUS = "status";
  static final String LATENCY = "latencyMs";
  static final String TIMESTAMP = "timestamp";
  static final String ATTRIBUTES = "attributes";
  static final String EVENT_ID = "eventId";

  private final JsonFactory factory = JsonFactory.builder()
      // NaN/Infinity parse as numbers, so the answer is "latencyMs must be finite", not "bad JSON".
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();
  private final EventRules rules;

  public JsonEventReader(EventRules rules) {
    this.rules = rules;
  }

  /** A body holding one JSON object or a JSON array of objects. */
  public Decoded readJson(byte[] body, Instant receivedAt) {
    List<RequestEvent> events = new ArrayList<>();
    List<Violation> violations = new ArrayList<>();
    int index = Violation.WHOLE_BODY;
    int count = 0;
    try (JsonParser p = factory.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return Decoded.rejected(List.of(new Violation(Violation.WHOLE_BODY, "body",
            "empty body: expected a JSON object or an array of event objects")), 0);
      }
      if (t == JsonToken.START_OBJECT) {
        index = 0;
        count = 1;
        readEvent(p, 0, receivedAt, events, violations);
      } else if (t == JsonToken.START_ARRAY) {
        index = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == null) {
            throw new IllegalStateException("unreachable: parser reports end of input as an error");
          }
          count++;
          if (t == JsonToken.START_OBJECT) {
            readEvent(p, index, receivedAt, events, violations);
          } else {
            violations.add(new Violation(index, "$", "expected an event object, got " + describe(t)));
            p.skipChildren();
          }
          index++;
        }
        index = Violation.WHOLE_BODY;
        if (count == 0) {
          violations.add(new Violation(Violation.WHOLE_BODY, "body", "empty array: no events to publish"));
        }
      } else {
        violations.add(new Violation(Violation.WHOLE_BODY, "body",
            "expected a JSON object or an array of event objects, got " + describe(t)));
      }
      index = Violation.WHOLE_BODY;
      if (p.nextToken() != null) {
        violations.add(new Violation(Violation.WHOLE_BODY, "body", "unexpected content after the JSON value at "
            + where(p.currentTokenLocation()) + " (several events: send a JSON array, or one object per line as "
            + "application/x-ndjson)"));
      }
    } catch (JsonProcessingException e) {
      violations.add(malformed(index, e));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a byte array does not fail otherwise
    }
    return violations.isEmpty() ? Decoded.ok(events) : Decoded.rejected(violations, Math.max(count, 1));
  }

  /** A body holding one JSON object per line; blank lines are skipped. */
  public Decoded readNdjson(byte[] body, Instant receivedAt) {
    List<RequestEvent> events = new ArrayList<>();
    List<Violation> violations = new ArrayList<>();
    int index = 0;
    int lineNumber = 0;
    int start = 0;
    while (start < body.length) {
      int end = start;
      while (end < body.length && body[end] != '\n') {
        end++;
      }
      lineNumber++;
      if (!isBlank(body, start, end)) {
        readLine(body, start, end - start, index, lineNumber, receivedAt, events, violations);
        index++;
      }
      start = end + 1;
    }
    if (index == 0) {
      violations.add(new Violation(Violation.WHOLE_BODY, "body",
          "empty body: expected one JSON event object per line"));
    }
    return violations.isEmpty() ? Decoded.ok(events) : Decoded.rejected(violations, Math.max(index, 1));
  }

  private void readLine(byte[] body, int offset, int length, int index, int lineNumber, Instant receivedAt,
      List<RequestEvent> events, List<Violation> violations) {
    try (JsonParser p = factory.createParser(body, offset, length)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        violations.add(new Violation(index, "$", "line " + lineNumber + ": expected an event object, got "
            + describe(t)));
        return;
      }
      readEvent(p, index, receivedAt, events, violations);
      if (p.nextToken() != null) {
        violations.add(new Violation(index, "$", "line " + lineNumber
            + ": unexpected content after the event object (one event per line)"));
      }
    } catch (JsonProcessingException e) {
      Violation v = malformed(index, e);
      violations.add(new Violation(index, v.field(), "line " + lineNumber + ": " + v.reason()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one event object (the parser is on its START_OBJECT) and leaves the parser on its END_OBJECT. */
  private void readEvent(JsonParser p, int index, Instant receivedAt, List<RequestEvent> events,
      List<Violation> violations) throws IOException {
    int before = violations.size();
    String service = null;
    String operation = null;
    Long status = null;
    Double latency = null;
    Instant eventTime = null;
    Map<String, String> attributes = null;
    String eventId = null;
    List<String> seen = new ArrayList<>(8);

    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (seen.contains(field)) {
        violations.add(new Violation(index, field, "appears more than once"));
        p.skipChildren();
        continue;
      }
      seen.add(field);
      switch (field) {
        case SERVICE -> service = string(p, v, index, field, violations);
        case OPERATION -> operation = string(p, v, index, field, violations);
        case EVENT_ID -> eventId = v == JsonToken.VALUE_NULL ? null : string(p, v, index, field, violations);
        case STATUS -> {
          if (v == JsonToken.VALUE_NUMBER_INT) {
            status = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? Long.MAX_VALUE : p.getLongValue();
          } else {
            violations.add(new Violation(index, field, "must be an integer HTTP status, got " + describe(v)));
            p.skipChildren();
          }
        }
        case LATENCY -> {
          if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            latency = p.getDoubleValue();
          } else {
            violations.add(new Violation(index, field, "must be a number of milliseconds, got " + describe(v)));
            p.skipChildren();
          }
        }
        case TIMESTAMP -> eventTime = timestamp(p, v, index, violations, receivedAt);
        case ATTRIBUTES -> attributes = attributes(p, v, index, violations);
        default -> {
          violations.add(new Violation(index, EventRules.abbreviate(field), "unknown field (expected "
              + "service, operation, status, latencyMs, timestamp, attributes, eventId)"));
          p.skipChildren();
        }
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new IllegalStateException("unreachable: parser guarantees field names until END_OBJECT, got " + t);
    }
    if (service == null && !seen.contains(SERVICE)) {
      violations.add(new Violation(index, SERVICE, "is required"));
    }
    if (operation == null && !seen.contains(OPERATION)) {
      violations.add(new Violation(index, OPERATION, "is required"));
    }
    if (status == null && !seen.contains(STATUS)) {
      violations.add(new Violation(index, STATUS, "is required"));
    }
    if (latency == null && !seen.contains(LATENCY)) {
      violations.add(new Violation(index, LATENCY, "is required"));
    }
    // The topic keeps milliseconds (Avro timestamp-millis): truncate here so what is validated and
    // acknowledged is exactly what is stored.
    Instant time = (eventTime == null ? receivedAt : eventTime).truncatedTo(ChronoUnit.MILLIS);
    boolean valuesOk = rules.validate(index, service, operation, status, latency, eventTime == null ? null : time,
        receivedAt, attributes, eventId, violations);
    if (valuesOk && violations.size() == before) {
      Map<String, String> attrs = attributes == null ? Map.of() : attributes;
      events.add(RequestEvent.newBuilder()
          .setService(service)
          .setOperation(operation)
          .setStatus(status.intValue())
          .setLatencyMs(latency)
          .setEventTime(time)
          .setAttributes(attrs)
          .setEventId(eventId)
          .build());
    }
  }

  private static String string(JsonParser p, JsonToken v, int index, String field, List<Violation> violations)
      throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    violations.add(new Violation(index, field, "must be a string, got " + describe(v)));
    p.skipChildren();
    return null;
  }

  private static Instant timestamp(JsonParser p, JsonToken v, int index, List<Violation> violations,
      Instant receivedAt) throws IOException {
    switch (v) {
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          violations.add(new Violation(index, TIMESTAMP, "epoch milliseconds out of range (got " + p.getText() + ")"));
          return null;
        }
        long millis = p.getLongValue();
        if (Math.abs(millis) > 100_000L * 365 * 86_400_000L) {
          violations.add(new Violation(index, TIMESTAMP, "epoch milliseconds out of range (got " + millis + ")"));
          return null;
        }
        return Instant.ofEpochMilli(millis);
      case VALUE_STRING:
        String text = p.getText();
        try {
          // ISO_INSTANT accepts "Z" and numeric offsets (2026-11-24T11:00:00+01:00).
          return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
        } catch (DateTimeException e) {
          violations.add(new Violation(index, TIMESTAMP, "not an ISO-8601 instant like 2026-11-24T10:00:00.123Z "
              + "(got \"" + EventRules.abbreviate(text) + "\")"));
          return null;
        }
      default:
        violations.add(new Violation(index, TIMESTAMP,
            "must be an ISO-8601 string or integer epoch milliseconds, got " + describe(v)));
        p.skipChildren();
        return null;
    }
  }

  private static Map<String, String> attributes(JsonParser p, JsonToken v, int index, List<Violation> violations)
      throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v != JsonToken.START_OBJECT) {
      violations.add(new Violation(index, ATTRIBUTES, "must be an object of string values, got " + describe(v)));
      p.skipChildren();
      return null;
    }
    Map<String, String> out = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_STRING) {
        out.put(key, p.getText());
      } else {
        violations.add(new Violation(index, ATTRIBUTES + "." + EventRules.abbreviate(key),
            "must be a string, got " + describe(value)));
        p.skipChildren();
      }
    }
    return out;
  }

  private static boolean isBlank(byte[] body, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static Violation malformed(int index, JsonProcessingException e) {
    return new Violation(index, index == Violation.WHOLE_BODY ? "body" : "$",
        "malformed JSON at " + where(e.getLocation()) + ": " + e.getOriginalMessage());
  }

  private static String where(JsonLocation location) {
    return location == null ? "unknown position"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  static String describe(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }
}
