package com.huntaze.slo.processor.intake;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.processor.core.ByteKeyMap;
import com.huntaze.slo.processor.core.EventFields;
import com.huntaze.slo.schemas.event.EventLimits;
import com.huntaze.slo.schemas.avro.AvroSerde;

/**
 * Reads the fields the processor needs straight from a {@code RequestEvent} payload written with
 * the current schema, leaving service and operation as byte ranges of the payload: no objects per
 * event. Anything else (older or newer writer schemas, damaged bytes) is left to {@link AvroSerde},
 * which resolves schemas and explains errors.
 *
 * <p>Layout (Avro binary after the 10-byte single-object header): service string, operation
 * string, status int, latencyMs double, eventTime long, attributes map, eventId union.
 */
public final class EventView implements EventFields {
  private static final java.lang.invoke.VarHandle WORDS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  /** The single-object header; the service's length follows it. */
  static final int HEADER = 10;
  private static final byte[] MARKER_AND_FINGERPRINT = header();

  byte[] buffer;
  int serviceOffset;
  int serviceLength;
  int operationOffset;
  /** The operation's hash, once per record (every SLO ranking bad events by operation needs it). */
  private int operationHash;
  private boolean operationHashed;
  int operationLength;
  int status;
  double latencyMs;
  long eventMillis;
  /** Where the attributes map starts: an attribute is looked up only when an SLO groups or ranks by it. */
  private int attributesOffset;
  /**
   * The attributes' key and value positions, indexed on the first lookup of a record ({@code -1}
   * until then): an event is asked for the same few attributes by every SLO that groups or ranks by them.
   */
  private int indexed = -1;
  private final int[] keyOffsets = new int[EventLimits.MAX_ATTRIBUTES];
  private final int[] keyLengths = new int[EventLimits.MAX_ATTRIBUTES];
  /**
   * Each key's first eight bytes ({@link ByteKeyMap#prefix}): most names are that short, so a
   * lookup compares one long per attribute instead of the bytes of every name of its length (an
   * SLO ranking bad events by ten attributes looks up ten names among ten).
   */
  private final long[] keyPrefixes = new long[EventLimits.MAX_ATTRIBUTES];
  private final long[] valuePositions = new long[EventLimits.MAX_ATTRIBUTES];

  /** Where the payload starts in {@link #buffer}; the service's length follows its header. */
  int start;
  private int position;
  private int limit;

  private static byte[] header() {
    long fingerprint = AvroSerde.fingerprint(RequestEvent.getClassSchema());
    byte[] h = new byte[HEADER];
    h[0] = (byte) 0xC3;
    h[1] = (byte) 0x01;
    for (int i = 0; i < 8; i++) {
      h[2 + i] = (byte) (fingerprint >>> (8 * i)); // little-endian, as the spec says
    }
    return h;
  }

  /** True when the payload is a well-formed current-schema record; the fields are then set. */
  boolean read(byte[] payload) {
    return payload != null && read(payload, 0, payload.length);
  }

  /** {@link #read(byte[])} for a payload at {@code payload[offset, offset + length)}: offsets are then into {@code payload}. */
  boolean read(byte[] payload, int offset, int length) {
    if (length < HEADER + 14) {
      return false;
    }
    for (int i = 0; i < HEADER; i++) {
      if (payload[offset + i] != MARKER_AND_FINGERPRINT[i]) {
        return false;
      }
    }
    buffer = payload;
    indexed = -1;
    operationHashed = false;
    start = offset;
    position = offset + HEADER;
    limit = offset + length;
    try {
      serviceLength = stringLength();
      serviceOffset = position;
      position += serviceLength;
      operationLength = stringLength();
      operationOffset = position;
      position += operationLength;
      long s = varLong();
      if (s < Integer.MIN_VALUE || s > Integer.MAX_VALUE) {
        return false;
      }
      status = (int) s;
      if (position + 8 > limit) {
        return false;
      }
      latencyMs = Double.longBitsToDouble(littleEndianLong());
      eventMillis = varLong();
      attributesOffset = position;
      if (!skipStringMap()) {
        return false;
      }
      long union = varLong();
      if (union == 1) {
        if (skipString() > EventLimits.MAX_EVENT_ID_LENGTH) {
          return false;
        }
      } else if (union != 0) {
        return false;
      }
      return position == limit;
    } catch (Malformed e) {
      return false;
    }
  }

  @Override
  public byte[] buffer() {
    return buffer;
  }

  @Override
  public int operationHash() {
    if (!operationHashed) {
      operationHash = ByteKeyMap.hash(buffer, operationOffset, operationLength);
      operationHashed = true;
    }
    return operationHash;
  }

  @Override
  public int operationOffset() {
    return operationOffset;
  }

  @Override
  public int operationLength() {
    return operationLength;
  }

  /** Looks the key up in the attributes map (checked well-formed by {@link #read}), indexing it first. */
  @Override
  public long attribute(byte[] nameUtf8) {
    if (indexed < 0) {
      indexAttributes();
    }
    long prefix = ByteKeyMap.prefix(nameUtf8, 0, nameUtf8.length);
    for (int i = indexed - 1; i >= 0; i--) { // the last of repeated keys, as the full decoder's map keeps
      if (keyPrefixes[i] == prefix && keyLengths[i] == nameUtf8.length
          && (nameUtf8.length <= Long.BYTES || ByteKeyMap.same(nameUtf8, buffer, keyOffsets[i], keyLengths[i]))) {
        return valuePositions[i];
      }
    }
    return ABSENT;
  }

  /** Records where each attribute's key and value are; more than the contract allows are not looked at. */
  private void indexAttributes() {
    int saved = position;
    position = attributesOffset;
    indexed = 0;
    try {
      for (long count = varLong(); count != 0; count = varLong()) {
        if (count < 0) {
          varLong(); // block size in bytes follows a negative count
          count = -count;
        }
        for (long i = 0; i < count; i++) {
          int keyLength = stringLength();
          int keyOffset = position;
          position += keyLength;
          int valueLength = stringLength();
          if (indexed < keyOffsets.length) {
            keyOffsets[indexed] = keyOffset;
            keyLengths[indexed] = keyLength;
            keyPrefixes[indexed] = ByteKeyMap.prefix(buffer, keyOffset, keyLength);
            valuePositions[indexed++] = ((long) position << 32) | valueLength;
          }
          position += valueLength;
        }
      }
    } finally {
      position = saved;
    }
  }

  private int stringLength() {
    long n = varLong();
    if (n < 0 || n > limit - position) {
      throw Malformed.INSTANCE;
    }
    return (int) n;
  }

  /** Skips a string; returns its length in bytes. */
  private int skipString() {
    int length = stringLength(); // reads the length first: `position += stringLength()` would lose that move
    position += length;
    return length;
  }

  /**
   * Skips the attributes map; false when it may break the contract's limits. Lengths are in bytes
   * here and in characters in the contract, and a character takes at least a byte: within the
   * limits in bytes is within them in characters. Anything else (long values, empty or long names,
   * too many entries) goes to the full decoder, which judges exactly and says what is wrong.
   */
  private boolean skipStringMap() {
    long entries = 0;
    while (true) {
      long count = varLong();
      if (count == 0) {
        return true;
      }
      if (count < 0) {
        varLong(); // block size in bytes follows a negative count
        count = -count;
      }
      entries += count;
      if (count < 0 || entries > EventLimits.MAX_ATTRIBUTES) { // count < 0: -Long.MIN_VALUE
        return false;
      }
      for (long i = 0; i < count; i++) {
        int keyLength = skipString();
        int valueLength = skipString();
        if (keyLength == 0 || keyLength > EventLimits.MAX_ATTRIBUTE_KEY_LENGTH || valueLength > EventLimits.MAX_ATTRIBUTE_VALUE_LENGTH) {
          return false;
        }
      }
    }
  }

  private long littleEndianLong() {
    long v = (long) WORDS.get(buffer, position);
    position += 8;
    return v;
  }

  /**
   * Avro's zig-zag variable-length long. Most fit in the eight bytes ahead (an event time takes
   * six): those are read as one word, the end found from its stop bits, and the 7-bit groups put
   * together without a loop.
   */
  private long varLong() {
    if (position + Long.BYTES <= limit) {
      long word = (long) WORDS.get(buffer, position);
      long stops = ~word & 0x8080808080808080L;
      if (stops != 0) {
        int bits = Long.numberOfTrailingZeros(stops) + 1; // through the last byte's stop bit
        long w = bits == Long.SIZE ? word : word & ((1L << bits) - 1);
        long raw = w & 0x7FL | (w & 0x7F00L) >>> 1 | (w & 0x7F0000L) >>> 2 | (w & 0x7F000000L) >>> 3
            | (w & 0x7F00000000L) >>> 4 | (w & 0x7F0000000000L) >>> 5 | (w & 0x7F000000000000L) >>> 6
            | (w & 0x7F00000000000000L) >>> 7;
        position += bits >>> 3;
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    long raw = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= limit) {
        throw Malformed.INSTANCE;
      }
      byte b = buffer[position++];
      raw |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw Malformed.INSTANCE;
  }

  /** Control flow for a damaged payload: the caller falls back to the full decoder. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Malformed INSTANCE = new Malformed();

    private Malformed() {
      super(null, null, false, false);
    }
  }
}
