package com.huntaze.slo.ingest.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.avro.AvroSerde;
import com.huntaze.slo.schemas.event.EventRules;
import com.huntaze.slo.schemas.event.Violation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvroEventReaderTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private final AvroSerde<RequestEvent> serde = new AvroSerde<>(RequestEvent.class);
  private final AvroEventReader reader = new AvroEventReader(serde, EventRules.defaults());

  private static RequestEvent event(int status) {
    return RequestEvent.newBuilder().setService("svc").setOperation("GET /a").setStatus(status).setLatencyMs(12)
        .setEventTime(NOW.minusSeconds(1)).setAttributes(Map.of("a", "b", "c", "d")).build();
  }

  @Test
  void shouldReadOneSingleObjectEncodedEvent() {
    Decoded d = reader.read(serde.encode(event(200)), NOW);
    assertEquals(List.of(event(200)), d.events());
  }

  @Test
  void shouldRejectGarbageWithTheSerdesExplanation() {
    Decoded d = reader.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, NOW);
    assertTrue(d.events().isEmpty());
    assertEquals("body", d.violations().get(0).field());
    assertTrue(d.violations().get(0).reason().contains("not Avro single-object encoding"), d.violations()::toString);
  }

  @Test
  void shouldRejectATruncatedRecord() {
    byte[] full = serde.encode(event(200));
    Decoded d = reader.read(Arrays.copyOf(full, full.length - 3), NOW);
    assertTrue(d.events().isEmpty());
    assertTrue(d.violations().get(0).reason().contains("cannot decode RequestEvent"), d.violations()::toString);
  }

  @Test
  void shouldRejectBytesAfterTheRecordInsteadOfDroppingThem() {
    byte[] one = serde.encode(event(200));
    byte[] two = new byte[one.length * 2];
    System.arraycopy(one, 0, two, 0, one.length);
    System.arraycopy(one, 0, two, one.length, one.length);
    Decoded d = reader.read(two, NOW);
    assertTrue(d.events().isEmpty());
    assertTrue(d.violations().get(0).reason().contains(one.length + " bytes after the first record"), d.violations()::toString);
  }

  @Test
  void shouldApplyTheSameValueRulesAsJson() {
    Decoded d = reader.read(serde.encode(event(700)), NOW);
    assertEquals(List.of(new Violation(0, "status", "must be an HTTP status between 100 and 599 (got 700)")), d.violations());
  }
}
