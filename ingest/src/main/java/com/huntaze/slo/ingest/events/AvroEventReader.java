package com.huntaze.slo.ingest.events;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.avro.AvroSerde;
import com.huntaze.slo.schemas.event.EventRules;
import com.huntaze.slo.schemas.event.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads an {@code application/avro} body: exactly one {@link RequestEvent} in Avro single-object
 * encoding (the encoding of the topic itself), then applies the same value rules as JSON.
 */
public final class AvroEventReader {
  private final AvroSerde<RequestEvent> serde;
  private final EventRules rules;
  private final byte[] currentFingerprint;

  public AvroEventReader(AvroSerde<RequestEvent> serde, EventRules rules) {
    this.serde = serde;
    this.rules = rules;
    this.currentFingerprint = Arrays.copyOfRange(serde.encode(sample()), 2, 10);
  }

  public Decoded read(byte[] body, Instant receivedAt) {
    RequestEvent event;
    try {
      event = serde.decode(body);
    } catch (SerializationException e) {
      return Decoded.rejected(List.of(new Violation(Violation.WHOLE_BODY, "body", e.getMessage())), 1);
    }
    // The decoder stops after one record: refuse bytes it did not read instead of dropping them. The
    // length check is exact for the current schema (older writers are rare and re-encode differently).
    if (Arrays.equals(body, 2, 10, currentFingerprint, 0, 8)) {
      int length = serde.encode(event).length;
      if (length != body.length) {
        return Decoded.rejected(List.of(new Violation(Violation.WHOLE_BODY, "body", (body.length - length)
            + " bytes after the first record: send exactly one single-object-encoded RequestEvent per "
            + "application/avro request")), 1);
      }
    }
    List<Violation> violations = new ArrayList<>(0);
    Instant eventTime = event.getEventTime();
    rules.validate(0, event.getService(), event.getOperation(), (long) event.getStatus(), event.getLatencyMs(),
        eventTime, receivedAt, event.getAttributes(), event.getEventId(), violations);
    return violations.isEmpty() ? Decoded.ok(List.of(event)) : Decoded.rejected(violations, 1);
  }

  private static RequestEvent sample() {
    return RequestEvent.newBuilder().setService("s").setOperation("o").setStatus(200).setLatencyMs(0)
        .setEventTime(Instant.EPOCH).build();
  }
}
