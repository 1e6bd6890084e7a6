package com.huntaze.slo.processor.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.avro.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventViewTest {
  private final AvroSerde<RequestEvent> serde = new AvroSerde<>(RequestEvent.class);

  @Test
  void shouldReadWhatAvroWritesForRandomEvents() {
    Random random = new Random(11);
    EventView view = new EventView();
    for (int i = 0; i < 2_000; i++) {
      Map<String, String> attributes = new HashMap<>();
      for (int a = random.nextInt(4); a > 0; a--) {
        attributes.put("k" + random.nextInt(100), "välue-" + random.nextInt());
      }
      RequestEvent e = RequestEvent.newBuilder()
          .setService(random.nextBoolean() ? "huntaze-api" : "sérvice-" + random.nextInt(1000))
          .setOperation("GET /api/" + "x".repeat(random.nextInt(200)) + "/ünïcode")
          .setStatus(100 + random.nextInt(500))
          .setLatencyMs(random.nextInt(10) == 0 ? 0 : random.nextDouble() * 1e5)
          .setEventTime(Instant.ofEpochMilli(random.nextLong() >> random.nextInt(64))) // 1 to 10 bytes written
          .setAttributes(attributes)
          .setEventId(random.nextBoolean() ? null : "id-" + i)
          .build();
      byte[] bytes = serde.encode(e);
      assertTrue(view.read(bytes), "event " + i);
      assertEquals(e.getService(), new String(bytes, view.serviceOffset, view.serviceLength, StandardCharsets.UTF_8));
      assertEquals(e.getOperation(), new String(bytes, view.operationOffset, view.operationLength, StandardCharsets.UTF_8));
      assertEquals(e.getStatus(), view.status);
      assertEquals(e.getLatencyMs(), view.latencyMs);
      assertEquals(e.getEventTime().toEpochMilli(), view.eventMillis);
      // The same payload inside a larger array (as a consumer's buffer holds it), read in place.
      int offset = random.nextInt(20);
      byte[] around = new byte[offset + bytes.length + random.nextInt(20)];
      random.nextBytes(around);
      System.arraycopy(bytes, 0, around, offset, bytes.length);
      assertTrue(view.read(around, offset, bytes.length), "event " + i + " at " + offset);
      assertEquals(e.getOperation(), new String(around, view.operationOffset, view.operationLength, StandardCharsets.UTF_8));
      assertEquals(e.getStatus(), view.status);
      assertEquals(e.getEventTime().toEpochMilli(), view.eventMillis);
      assertFalse(view.read(around, offset, bytes.length - 1), "event " + i + " cut short");
    }
  }

  @Test
  void shouldFindEveryAttributeByNameAsTheDecodedMapDoes() {
    // Names alike in length and first bytes: a lookup by the first eight bytes must never take one for another.
    String[] names = {"a1", "a2", "a", "a10", "region", "regioN", "region-", "tenant_id", "tenant_ie", "tenant_id_long",
        "tenant_id_lonG", "12345678", "123456789", "ü", "üü", "名前"};
    Random random = new Random(12);
    EventView view = new EventView();
    for (int i = 0; i < 2_000; i++) {
      Map<String, String> attributes = new HashMap<>();
      for (int a = random.nextInt(names.length); a > 0; a--) {
        attributes.put(names[random.nextInt(names.length)], "v" + random.nextInt(1000));
      }
      RequestEvent e = RequestEvent.newBuilder().setService("svc").setOperation("GET /").setStatus(200).setLatencyMs(1)
          .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L)).setAttributes(attributes).build();
      byte[] bytes = serde.encode(e);
      assertTrue(view.read(bytes), "event " + i);
      for (String name : names) {
        long found = view.attribute(name.getBytes(StandardCharsets.UTF_8));
        String value = found == com.huntaze.slo.processor.core.EventFields.ABSENT ? null
            : new String(bytes, (int) (found >>> 32), (int) found, StandardCharsets.UTF_8);
        assertEquals(attributes.get(name), value, "event " + i + ", attribute " + name + " of " + attributes);
      }
    }
  }

  @Test
  void shouldLeaveDamagedAndForeignPayloadsToTheFullDecoder() {
    EventView view = new EventView();
    byte[] good = serde.encode(RequestEvent.newBuilder().setService("s").setOperation("o").setStatus(200).setLatencyMs(1)
        .setEventTime(Instant.EPOCH).setAttributes(Map.of("a", "b")).build());
    assertTrue(view.read(good));
    for (int cut = 0; cut < good.length; cut++) {
      assertFalse(view.read(Arrays.copyOf(good, cut)), "truncated to " + cut);
    }
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertFalse(view.read(longer), "trailing byte");
    byte[] otherSchema = good.clone();
    otherSchema[5] ^= 1;
    assertFalse(view.read(otherSchema), "another fingerprint");
    assertFalse(view.read("{\"service\":\"s\"}".getBytes(StandardCharsets.UTF_8)));
    assertFalse(view.read(null));
  }
}
