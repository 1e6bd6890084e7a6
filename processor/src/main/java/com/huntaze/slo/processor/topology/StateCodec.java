package com.huntaze.slo.processor.topology;

import com.huntaze.slo.processor.core.AlertTrack;
import com.huntaze.slo.processor.core.LatencySketch;
import com.huntaze.slo.processor.core.Resolution;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary layout of the state store: one small record per bucket, per latency-sketch minute and
 * per SLO's meta, so a commit writes only what changed (never a whole SLO history).
 *
 * <pre>
 * key   = slo name (UTF-8) 0x00 kind [fields]
 *         kind 'B' resolution(1 byte) bucket(8 bytes)  -> good(varlong) total(varlong)
 *         kind 'S' minute(8 bytes)                     -> bins: count(varint) {bin(zigzag varint) n(varlong)}*
 *         kind 'M'                                     -> late(8) firstMinute(8) alerts
 * </pre>
 */
final class StateCodec {
  static final byte BUCKET = 'B';
  static final byte SKETCH = 'S';
  static final byte META = 'M';

  private StateCodec() {
  }

  static byte[] bucketKey(String slo, Resolution resolution, long bucket) {
    byte[] name = slo.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(name.length + 11).put(name).put((byte) 0).put(BUCKET)
        .put((byte) resolution.ordinal()).putLong(bucket).array();
  }

  static byte[] sketchKey(String slo, long minute) {
    byte[] name = slo.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(name.length + 10).put(name).put((byte) 0).put(SKETCH).putLong(minute).array();
  }

  static byte[] metaKey(String slo) {
    byte[] name = slo.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(name.length + 2).put(name).put((byte) 0).put(META).array();
  }

  /** A decoded key: which SLO, which kind, and the bucket/minute for B and S keys. */
  record Key(String slo, byte kind, Resolution resolution, long index) {
  }

  static Key parseKey(byte[] key) {
    int zero = 0;
    while (zero < key.length && key[zero] != 0) {
      zero++;
    }
    if (zero + 1 >= key.length) {
      throw new IllegalArgumentException("state key without kind: " + key.length + " bytes");
    }
    String slo = new String(key, 0, zero, StandardCharsets.UTF_8);
    ByteBuffer rest = ByteBuffer.wrap(key, zero + 1, key.length - zero - 1);
    byte kind = rest.get();
    return switch (kind) {
      case BUCKET -> new Key(slo, kind, Resolution.values()[rest.get()], rest.getLong());
      case SKETCH -> new Key(slo, kind, null, rest.getLong());
      case META -> new Key(slo, kind, null, 0);
      default -> throw new IllegalArgumentException("unknown state key kind " + kind);
    };
  }

  static byte[] bucketValue(long good, long total) {
    ByteBuffer out = ByteBuffer.allocate(20);
    putVarLong(out, good);
    putVarLong(out, total);
    byte[] bytes = new byte[out.position()];
    out.flip().get(bytes);
    return bytes;
  }

  static long[] readBucket(byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    return new long[] {getVarLong(in), getVarLong(in)};
  }

  static byte[] sketchValue(LatencySketch sketch) {
    List<long[]> bins = new ArrayList<>();
    sketch.forEachBin((bin, n) -> bins.add(new long[] {bin, n}));
    ByteBuffer out = ByteBuffer.allocate(10 + bins.size() * 20);
    putVarLong(out, bins.size());
    for (long[] b : bins) {
      putVarLong(out, zigzag(b[0]));
      putVarLong(out, b[1]);
    }
    return java.util.Arrays.copyOf(out.array(), out.position());
  }

  static LatencySketch readSketch(byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    LatencySketch sketch = new LatencySketch();
    long bins = getVarLong(in);
    for (long i = 0; i < bins; i++) {
      long bin = unzigzag(getVarLong(in));
      sketch.addBin((int) bin, getVarLong(in));
    }
    return sketch;
  }

  static byte[] metaValue(long late, long firstMinute, List<AlertTrack> alerts) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeLong(late);
      out.writeLong(firstMinute);
      out.writeInt(alerts.size());
      for (AlertTrack a : alerts) {
        out.writeUTF(a.alertName());
        out.writeUTF(a.severity());
        out.writeBoolean(a.firing());
        out.writeLong(a.sinceMillis());
        out.writeLong(a.lastSentMillis());
        out.writeInt(a.row());
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Meta(long late, long firstMinute, List<AlertTrack> alerts) {
  }

  static Meta readMeta(byte[] value) {
    try {
      var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(value));
      long late = in.readLong();
      long firstMinute = in.readLong();
      int n = in.readInt();
      List<AlertTrack> alerts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        alerts.add(new AlertTrack(in.readUTF(), in.readUTF(), in.readBoolean(), in.readLong(), in.readLong(), in.readInt()));
      }
      return new Meta(late, firstMinute, alerts);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt SLO meta record", e);
    }
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static void putVarLong(ByteBuffer out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.put((byte) v);
  }

  private static long getVarLong(ByteBuffer in) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("varint too long");
  }
}
