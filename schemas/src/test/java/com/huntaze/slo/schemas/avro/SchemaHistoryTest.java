package com.huntaze.slo.schemas.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.avro.SloStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** Released schema versions stay readable: every frozen version resolves against the current one. */
class SchemaHistoryTest {
  private static final List<Schema> CURRENT = List.of(
      RequestEvent.getClassSchema(), SloStatus.getClassSchema(), SloAlert.getClassSchema());

  /** Frozen versions: the released ones (main) and test-only older drafts (test resources). */
  private static List<Path> frozen() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(Path.of("src/main/resources/avro-history"), Path.of("src/test/resources/avro-history"))) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> p.toString().endsWith(".avsc")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  @Test
  void shouldFreezeTheCurrentVersionOfEverySchema() {
    for (Schema schema : CURRENT) {
      Path file = Path.of("src/main/resources/avro-history", AvroSerde.fingerprintHex(schema) + ".avsc");
      assertTrue(Files.exists(file), schema.getName() + " changed: freeze it as " + file
          + " (copy of the .avsc) so readers resolve records it writes");
    }
  }

  @Test
  void shouldNameEveryFrozenFileByItsFingerprint() throws IOException {
    for (Path file : frozen()) {
      Schema schema = new Schema.Parser().parse(file.toFile());
      assertEquals(AvroSerde.fingerprintHex(schema) + ".avsc", file.getFileName().toString(), file.toString());
    }
  }

  @Test
  void shouldReadEveryFrozenVersionWithTheCurrentSchemaAndBack() throws IOException {
    List<Path> files = frozen();
    assertFalse(files.isEmpty());
    for (Path file : files) {
      Schema old = new Schema.Parser().parse(file.toFile());
      Schema current = CURRENT.stream().filter(s -> s.getFullName().equals(old.getFullName())).findFirst().orElseThrow();
      assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
          SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType(), "current reads " + file);
      assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
          SchemaCompatibility.checkReaderWriterCompatibility(old, current).getType(), file + " reads current");
    }
  }

  @Test
  void shouldDecodeEventWrittenByOlderSchemaVersion() throws IOException {
    Schema v0;
    try (var in = getClass().getResourceAsStream("/avro-history/5e27ed58c3b1babc.avsc")) {
      v0 = new Schema.Parser().parse(in);
    }
    GenericRecord old = new GenericData.Record(v0);
    old.put("service", "huntaze-api");
    old.put("operation", "GET /api/users");
    old.put("status", 503);
    old.put("latencyMs", 12.5);
    old.put("eventTime", 1_764_000_000_000L);
    ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v0).encode(old);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);

    RequestEvent event = new AvroSerde<>(RequestEvent.class).decode(bytes);

    assertEquals("huntaze-api", event.getService());
    assertEquals(503, event.getStatus());
    assertEquals(12.5, event.getLatencyMs());
    assertEquals(Instant.ofEpochMilli(1_764_000_000_000L), event.getEventTime());
    assertEquals(Map.of(), event.getAttributes(), "field added later takes its default");
    assertEquals(null, event.getEventId());
  }
}
