package com.huntaze.slo.ingest.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.event.EventRules;
import com.huntaze.slo.schemas.event.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads events from a JSON body (one object or an array of objects) or NDJSON (one object per
 * line). Streaming, so a 500-event batch costs no tree; every type and value problem of every event
 * is reported, not just the first, so a client can fix a batch in one round trip.
 */
public final class JsonEventReader {
  private final JsonFactory factory = JsonFactory.builder()
      // NaN/Infinity parse as numbers, so the answer is "latencyMs must be finite", not "bad JSON".
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();
  private final EventObjectReader objects;

  public JsonEventReader(EventRules rules) {
    this.objects = new EventObjectReader(rules);
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
        objects.read(p, 0, receivedAt, events, violations);
      } else if (t == JsonToken.START_ARRAY) {
        index = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == null) {
            throw new IllegalStateException("unreachable: parser reports end of input as an error");
          }
          count++;
          if (t == JsonToken.START_OBJECT) {
            objects.read(p, index, receivedAt, events, violations);
          } else {
            violations.add(new Violation(index, "$", "expected an event object, got " + EventObjectReader.describe(t)));
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
            "expected a JSON object or an array of event objects, got " + EventObjectReader.describe(t)));
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
            + EventObjectReader.describe(t)));
        return;
      }
      int before = violations.size();
      objects.read(p, index, receivedAt, events, violations);
      for (int i = before; i < violations.size(); i++) { // an NDJSON writer finds an event by its line
        Violation v = violations.get(i);
        violations.set(i, new Violation(v.index(), v.field(), "line " + lineNumber + ": " + v.reason()));
      }
      if (p.nextToken() != null) {
        violations.add(new Violation(index, "$", "line " + lineNumber
            + ": unexpected content after the event object (one event per line)"));
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation(); // the parser saw one line: its line 1 is this line
      violations.add(new Violation(index, "$", "malformed JSON at line " + lineNumber
          + (at == null ? "" : ", column " + at.getColumnNr()) + ": " + plain(e.getOriginalMessage())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code body[from, to)} is only JSON whitespace; stops at the first byte that is not. */
  public static boolean isBlank(byte[] body, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private static Violation malformed(int index, JsonProcessingException e) {
    return new Violation(index, index == Violation.WHOLE_BODY ? "body" : "$",
        "malformed JSON at " + where(e.getLocation()) + ": " + plain(e.getOriginalMessage()));
  }

  /** The parser's message without its own bookkeeping ("[Source: REDACTED ...; line: 1, column: 1]"): the position is given once, above. */
  static String plain(String message) {
    return message.replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
        .replaceAll("\\s*at \\[Source: [^\\]]*\\]", "").replaceAll("\\s*\\[Source: [^\\]]*\\]", "").strip();
  }

  private static String where(JsonLocation location) {
    return location == null ? "unknown position"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
