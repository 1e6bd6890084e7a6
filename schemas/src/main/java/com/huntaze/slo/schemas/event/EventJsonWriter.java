package com.huntaze.slo.schemas.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.huntaze.slo.avro.RequestEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes events in the gateway's JSON format ({@code POST /v1/events}), which its reader reads back exactly. */
public final class EventJsonWriter {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private EventJsonWriter() {
  }

  /** A JSON array of the events; the timestamp as epoch milliseconds (exact and cheap). */
  public static byte[] array(List<RequestEvent> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 160 + 2);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartArray();
      for (RequestEvent e : events) {
        write(g, e);
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] object(RequestEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, RequestEvent e) throws IOException {
    g.writeStartObject();
    g.writeStringField(EventFields.SERVICE, e.getService());
    g.writeStringField(EventFields.OPERATION, e.getOperation());
    g.writeNumberField(EventFields.STATUS, e.getStatus());
    g.writeNumberField(EventFields.LATENCY_MS, e.getLatencyMs());
    g.writeNumberField(EventFields.TIMESTAMP, e.getEventTime().toEpochMilli());
    if (!e.getAttributes().isEmpty()) {
      g.writeObjectFieldStart(EventFields.ATTRIBUTES);
      for (Map.Entry<String, String> a : e.getAttributes().entrySet()) {
        g.writeStringField(a.getKey(), a.getValue());
      }
      g.writeEndObject();
    }
    if (e.getEventId() != null) {
      g.writeStringField(EventFields.EVENT_ID, e.getEventId());
    }
    g.writeEndObject();
  }
}
