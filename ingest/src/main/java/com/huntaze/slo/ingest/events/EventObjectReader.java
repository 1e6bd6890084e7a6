package com.huntaze.slo.ingest.events;

import static com.huntaze.slo.schemas.event.EventFields.ATTRIBUTES;
import static com.huntaze.slo.schemas.event.EventFields.EVENT_ID;
import static com.huntaze.slo.schemas.event.EventFields.LATENCY_MS;
import static com.huntaze.slo.schemas.event.EventFields.OPERATION;
import static com.huntaze.slo.schemas.event.EventFields.SERVICE;
import static com.huntaze.slo.schemas.event.EventFields.STATUS;
import static com.huntaze.slo.schemas.event.EventFields.TIMESTAMP;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.event.EventRules;
import com.huntaze.slo.schemas.event.Violation;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one JSON event object into a {@link RequestEvent}: each field's type first, then the event
 * contract's value rules, every problem reported with its field so one answer fixes the whole event.
 */
final class EventObjectReader {
  private static final DateTimeFormatter OFFSET_WITHOUT_COLON = new DateTimeFormatterBuilder()
      .parseCaseInsensitive().append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHmm", "Z")
      .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT).withChronology(IsoChronology.INSTANCE);
  private final EventRules rules;

  EventObjectReader(EventRules rules) {
    this.rules = rules;
  }

  /** Reads one event object (the parser is on its START_OBJECT) and leaves the parser on its END_OBJECT. */
  void read(JsonParser p, int index, Instant receivedAt, List<RequestEvent> events,
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
          if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            violations.add(new Violation(index, field, EventRules.statusOutOfRange(EventRules.abbreviate(p.getText()))));
          } else if (v == JsonToken.VALUE_NUMBER_INT) {
            status = p.getLongValue();
          } else {
            violations.add(new Violation(index, field, "must be an integer HTTP status, got "
                + (v == JsonToken.VALUE_NUMBER_FLOAT ? EventRules.abbreviate(p.getText()) : describe(v))));
            p.skipChildren();
          }
        }
        case LATENCY_MS -> {
          if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            latency = p.getDoubleValue();
            if (Double.isInfinite(latency)) { // 1e400 reads as Infinity: name the number as sent
              violations.add(new Violation(index, field, "must be a finite number of milliseconds (got "
                  + EventRules.abbreviate(p.getText()) + ")"));
              latency = null;
            }
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
    if (latency == null && !seen.contains(LATENCY_MS)) {
      violations.add(new Violation(index, LATENCY_MS, "is required"));
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
          return isoInstant(text);
        } catch (DateTimeException e) {
          violations.add(new Violation(index, TIMESTAMP, "not an ISO-8601 instant like 2026-11-24T10:00:00.123Z "
              + "(got \"" + EventRules.abbreviate(text) + "\"" + (isLocalDateTime(text)
                  ? ": no time zone; add Z for UTC or an offset such as +01:00)" : ")")));
          return null;
        }
      default:
        violations.add(new Violation(index, TIMESTAMP,
            "must be an ISO-8601 string or integer epoch milliseconds, got " + describe(v)));
        p.skipChildren();
        return null;
    }
  }

  /**
   * ISO_INSTANT takes "Z" and offsets with a colon (2026-11-24T11:00:00+01:00); ISO-8601 also allows
   * them without (+0100, -0530) or as hours only (+01), which Java's {@code Z} pattern, Python's
   * {@code %z} and many loggers write: the same instant as +01:00.
   */
  static Instant isoInstant(String text) {
    try {
      return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
    } catch (DateTimeException withColon) {
      return OFFSET_WITHOUT_COLON.parse(text, Instant::from);
    }
  }

  /** A date and time without zone: valid ISO-8601, but not an instant, so the client needs to hear what is missing. */
  private static boolean isLocalDateTime(String text) {
    try {
      LocalDateTime.parse(text);
      return true;
    } catch (DateTimeException e) {
      return false;
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
    Set<String> seen = new HashSet<>();
    Set<String> repeated = new HashSet<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      if (!seen.add(key)) {
        // As for the event's own fields: which of two values was meant is not ours to guess.
        if (repeated.add(key)) {
          violations.add(new Violation(index, ATTRIBUTES + "." + EventRules.abbreviate(key), "appears more than once"));
        }
        p.skipChildren();
      } else if (value == JsonToken.VALUE_STRING) {
        out.put(key, p.getText());
      } else {
        violations.add(new Violation(index, ATTRIBUTES + "." + EventRules.abbreviate(key),
            "must be a string, got " + describe(value)));
        p.skipChildren();
      }
    }
    return out;
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
