package com.huntaze.slo.schemas.avro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.avro.SloStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private final AvroSerde<RequestEvent> events = new AvroSerde<>(RequestEvent.class);

  @Test
  void shouldRoundTripEveryRecord() {
    roundTrip(RequestEvent.class, Records.requestEvent());
    roundTrip(SloStatus.class, Records.sloStatus());
    roundTrip(SloAlert.class, Records.sloAlert());
  }

  private static <T extends SpecificRecordBase> void roundTrip(Class<T> type, T record) {
    AvroSerde<T> serde = new AvroSerde<>(type);
    byte[] bytes = serde.serializer().serialize("t", record);
    assertEquals(record, serde.deserializer().deserialize("t", bytes));
  }

  @Test
  void shouldPrefixPayloadWithMarkerAndSchemaFingerprint() {
    byte[] bytes = events.encode(Records.requestEvent());
    assertEquals((byte) 0xC3, bytes[0]);
    assertEquals((byte) 0x01, bytes[1]);
    long fingerprint = 0;
    for (int i = 9; i >= 2; i--) {
      fingerprint = (fingerprint << 8) | (bytes[i] & 0xFF); // little-endian, as the spec says
    }
    assertEquals(AvroSerde.fingerprint(RequestEvent.getClassSchema()), fingerprint);
  }

  @Test
  void shouldRejectTruncatedPayloadWithClearMessage() {
    byte[] bytes = events.encode(Records.requestEvent());
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);
    SerializationException e = assertThrows(SerializationException.class, () -> events.decode(truncated));
    assertTrue(e.getMessage().contains("cannot decode RequestEvent"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void shouldRejectForeignPayloadWithClearMessage() {
    byte[] json = "{\"service\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    SerializationException e = assertThrows(SerializationException.class, () -> events.decode(json));
    assertTrue(e.getMessage().contains("not Avro single-object encoding"), e.getMessage());
    assertTrue(e.getMessage().contains("7B22"), e.getMessage());
  }

  @Test
  void shouldRejectEmptyPayload() {
    SerializationException e = assertThrows(SerializationException.class, () -> events.decode(new byte[0]));
    assertTrue(e.getMessage().contains("0 bytes"), e.getMessage());
  }

  @Test
  void shouldNameUnknownSchemaFingerprint() {
    byte[] bytes = events.encode(Records.requestEvent());
    bytes[2] ^= 0x5A; // a fingerprint nobody released
    byte[] tampered = bytes;
    SerializationException e = assertThrows(SerializationException.class, () -> events.decode(tampered));
    assertTrue(e.getMessage().contains("unknown schema"), e.getMessage());
  }

  @Test
  void shouldRejectRecordOfAnotherTypeOnTheTopic() {
    byte[] status = new AvroSerde<>(SloStatus.class).encode(Records.sloStatus());
    SerializationException e = assertThrows(SerializationException.class, () -> events.decode(status));
    assertTrue(e.getMessage().contains("cannot decode RequestEvent"), e.getMessage());
  }

  @Test
  void shouldRejectLengthPrefixBeyondWhatJavaCanAllocate() {
    byte[] header = Arrays.copyOf(events.encode(Records.requestEvent()), 10);
    byte[] bytes = Arrays.copyOf(header, 15);
    System.arraycopy(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}, 0, bytes, 10, 5); // length 2^31 - 1
    SerializationException e = assertThrows(SerializationException.class, () -> events.decode(bytes));
    assertTrue(e.getMessage().contains("corrupt payload"), e.getMessage());
  }

  @Test
  void shouldLeaveNullAsTombstone() {
    assertEquals(null, events.deserializer().deserialize("t", null));
    assertArrayEquals(null, events.serializer().serialize("t", null));
  }
}
