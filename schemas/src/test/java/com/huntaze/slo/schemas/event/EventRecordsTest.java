package com.huntaze.slo.schemas.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.avro.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class EventRecordsTest {
  @Test
  void shouldKeyByServiceEncodeSingleObjectAvroAndStampWithEventTime() {
    RequestEvent e = RequestEvent.newBuilder().setService("bücher-api").setOperation("GET /a").setStatus(200)
        .setLatencyMs(1.5).setEventTime(Instant.parse("2026-11-24T10:00:00.123Z")).setAttributes(Map.of("k", "v"))
        .build();
    ProducerRecord<byte[], byte[]> r = new EventRecords("slo.request-events").record(e);
    assertEquals("slo.request-events", r.topic());
    assertArrayEquals("bücher-api".getBytes(StandardCharsets.UTF_8), r.key());
    assertEquals(Instant.parse("2026-11-24T10:00:00.123Z").toEpochMilli(), r.timestamp());
    assertEquals(null, r.partition(), "the partition follows from the key");
    assertEquals(e, new AvroSerde<>(RequestEvent.class).decode(r.value()));
  }
}
