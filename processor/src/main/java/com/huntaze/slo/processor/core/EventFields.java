package com.huntaze.slo.processor.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The parts of an event that split an SLO into groups or rank its bad events: its operation and its
 * attributes, as byte ranges of one buffer, so the hot path decodes no strings. The intake's
 * record view implements it over the record's own bytes.
 */
public interface EventFields {
  /** Returned by {@link #attribute} when the event has no such attribute. */
  long ABSENT = -1;

  byte[] buffer();

  int operationOffset();

  int operationLength();

  /** {@link ByteKeyMap#hash} of the operation: a view computes it once per event for all the SLOs ranking by it. */
  default int operationHash() {
    return ByteKeyMap.hash(buffer(), operationOffset(), operationLength());
  }

  /**
   * Where the value of the attribute named {@code nameUtf8} is in {@link #buffer()}: its offset in
   * the high 32 bits and its length in the low 32, or {@link #ABSENT}.
   */
  long attribute(byte[] nameUtf8);

  /** An event's fields from strings (tests, tools, records in older schema versions). */
  static EventFields of(String operation, Map<String, String> attributes) {
    return new Decoded(operation, attributes);
  }

  /** Fields laid out in one buffer: the operation, then each attribute's value. */
  final class Decoded implements EventFields {
    private final byte[] buffer;
    private final int operationLength;
    private final Map<String, Long> attributes = new java.util.HashMap<>();

    Decoded(String operation, Map<String, String> values) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      byte[] op = operation.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(op);
      operationLength = op.length;
      for (Map.Entry<String, String> e : values.entrySet()) {
        byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
        attributes.put(e.getKey(), ((long) out.size() << 32) | v.length);
        out.writeBytes(v);
      }
      buffer = out.toByteArray();
    }

    @Override
    public byte[] buffer() {
      return buffer;
    }

    @Override
    public int operationOffset() {
      return 0;
    }

    @Override
    public int operationLength() {
      return operationLength;
    }

    @Override
    public long attribute(byte[] nameUtf8) {
      return attributes.getOrDefault(new String(nameUtf8, StandardCharsets.UTF_8), ABSENT);
    }
  }
}
