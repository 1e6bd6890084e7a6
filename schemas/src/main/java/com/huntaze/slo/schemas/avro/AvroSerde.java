package com.huntaze.slo.schemas.avro;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record in Avro single-object encoding: every payload starts
 * with the marker {@code C3 01} and the 8-byte fingerprint of the schema that wrote it, so a reader
 * can resolve records written by any released (older or newer) schema version.
 *
 * <p>Writer schemas other than the current one are looked up by fingerprint on the classpath at
 * {@code avro-history/<fingerprint as 16 hex digits>.avsc}: releasing a schema change means copying
 * the outgoing version there ({@code SchemaHistoryTest} fails until the current one is frozen).
 */
public final class AvroSerde<T extends SpecificRecordBase> implements Serde<T> {

  static {
    // Avro 1.12 refuses to instantiate classes outside its trusted packages; ours are generated.
    // Every record the schemas name is trusted, nested ones included, so a record added to a
    // schema is never refused at run time (tests trust the whole package by system property and
    // would not notice a missing one).
    ClassSecurityValidator.Builder trusted = ClassSecurityValidator.builder();
    Set<String> names = new TreeSet<>();
    for (Schema schema : List.of(com.huntaze.slo.avro.RequestEvent.getClassSchema(), com.huntaze.slo.avro.SloStatus.getClassSchema(),
        com.huntaze.slo.avro.SloAlert.getClassSchema())) {
      collectRecords(schema, names);
    }
    names.forEach(trusted::add);
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), trusted.build()));
  }

  /** The full names of the records in a schema, itself and every nested one. */
  static void collectRecords(Schema schema, Set<String> into) {
    switch (schema.getType()) {
      case RECORD -> {
        if (into.add(schema.getFullName())) {
          schema.getFields().forEach(f -> collectRecords(f.schema(), into));
        }
      }
      case ARRAY -> collectRecords(schema.getElementType(), into);
      case MAP -> collectRecords(schema.getValueType(), into);
      case UNION -> schema.getTypes().forEach(t -> collectRecords(t, into));
      default -> { }
    }
  }

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  public AvroSerde(Class<T> type) {
    this.type = Objects.requireNonNull(type);
    Schema schema = SpecificData.get().getSchema(type);
    SpecificData model = SpecificData.getForClass(type); // the generated model knows its logical types
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, new ClasspathHistory(type.getClassLoader()));
  }

  /** The fingerprint written in front of every payload this serde produces. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  public static String fingerprintHex(Schema schema) {
    return String.format(Locale.ROOT, "%016x", fingerprint(schema));
  }

  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Decodes a payload or throws a {@link SerializationException} that says what is wrong with it. */
  public T decode(byte[] payload) {
    if (payload == null) {
      throw new SerializationException("cannot decode " + type.getSimpleName() + ": empty record value (null)");
    }
    if (payload.length < 10 || payload[0] != (byte) 0xC3 || payload[1] != (byte) 0x01) {
      throw new SerializationException("cannot decode " + type.getSimpleName()
          + ": not Avro single-object encoding (expected marker C3 01 and an 8-byte schema fingerprint, got "
          + payload.length + " bytes starting " + hexPrefix(payload) + ")");
    }
    try {
      return decoder.decode(payload);
    } catch (MissingSchemaException e) {
      throw new SerializationException("cannot decode " + type.getSimpleName()
          + ": written with an unknown schema (fingerprint " + hex(payload, 2, 8)
          + "); add that schema version to avro-history/", e);
    } catch (BadHeaderException e) {
      throw new SerializationException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
    } catch (EOFException e) {
      throw new SerializationException("cannot decode " + type.getSimpleName()
          + ": payload truncated (" + payload.length + " bytes)", e);
    } catch (IOException | AvroRuntimeException | IllegalArgumentException | IndexOutOfBoundsException
             | NegativeArraySizeException | ClassCastException | UnsupportedOperationException e) {
      // UnsupportedOperationException: Avro's answer to a length prefix above 2^31 - 9 (SystemLimitException).
      throw new SerializationException("cannot decode " + type.getSimpleName() + ": corrupt payload ("
          + payload.length + " bytes): " + e, e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, record) -> record == null ? null : encode(record);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  private static String hexPrefix(byte[] bytes) {
    return bytes.length == 0 ? "(nothing)" : hex(bytes, 0, Math.min(8, bytes.length));
  }

  private static String hex(byte[] bytes, int from, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = from; i < from + count && i < bytes.length; i++) {
      out.append(String.format(Locale.ROOT, "%02X", bytes[i]));
    }
    return out.toString();
  }

  /** Older writer schemas, found by fingerprint under {@code avro-history/} on the classpath. */
  private static final class ClasspathHistory implements SchemaStore {
    private final ClassLoader loader;
    private final SchemaStore.Cache cache = new SchemaStore.Cache();

    ClasspathHistory(ClassLoader loader) {
      this.loader = loader;
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
      Schema cached = cache.findByFingerprint(fingerprint);
      if (cached != null) {
        return cached;
      }
      String resource = String.format(Locale.ROOT, "avro-history/%016x.avsc", fingerprint);
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          return null;
        }
        Schema schema = new Schema.Parser().parse(in);
        cache.addSchema(schema);
        return schema;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
  }
}
