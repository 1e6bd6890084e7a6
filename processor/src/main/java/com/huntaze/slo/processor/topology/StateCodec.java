package com.huntaze.slo.processor.topology;

import com.huntaze.slo.processor.core.AlertTrack;
import com.huntaze.slo.processor.core.BucketPage;
import com.huntaze.slo.processor.core.LateData;
import com.huntaze.slo.processor.core.LatencySketch;
import com.huntaze.slo.processor.core.Resolution;
import com.huntaze.slo.processor.core.StateChanges;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary layout of the state store: one small record per page of 16 ring slots of buckets, per
 * ring slot of latency sketches, and one per SLO's meta, so a commit writes only what changed
 * (never a whole SLO history) and a newer bucket overwrites the older one under the same key.
 *
 * <pre>
 * key   = instance key (UTF-8: the SLO name, or name{label="value",...} for a group) 0x00 kind [fields]
 *         kind 'P' resolution code(1 byte) page(4 bytes) -> slots(varlong) held(varlong: bit i = slot i holds a bucket)
 *                                                      {bucket(zigzag varlong) good(varlong) total(varlong)}* (held slots)
 *         kind 'B' resolution code(1 byte) slot(4 bytes) -> bucket(varlong) good(varlong) total(varlong)
 *                                                      (releases before pages: read, moved into pages, deleted)
 *         kind 'S' slot(4 bytes)                    -> minute(varlong) zeroCount(varlong) firstBin(zigzag varlong)
 *                                                      bins(varlong) {count(varlong)}*   (dense from firstBin)
 *         kind 'A' key index(1 byte) resolution code(1) slot(4) -> bucket(varlong) bucketBad(varlong) decrements(varlong)
 *                                                      entries(varlong) {length(varlong) bytes bad(varlong) total(varlong)}*
 *         kind 'M'                                  -> version 2(1) firstMinute(8) appliedLate(8) lastLateness(8)
 *                                                      tooOld(8) tooFarAhead(8) excluded(8) newestEvent(8) alerts
 *                                                      (version 1, first byte 0: late(8) firstMinute(8) alerts)
 * </pre>
 *
 * <p>Every byte that names something is an explicit code ({@link Resolution#code()}, the kind
 * letters, the meta version), never an enum's ordinal: reordering a Java enum cannot corrupt a store.
 */
final class StateCodec {
  static final byte PAGE = 'P';
  static final byte BUCKET = 'B';
  static final byte SKETCH = 'S';
  static final byte META = 'M';
  static final byte SUMMARY = 'A';
  private static final byte META_VERSION = 2;

  private StateCodec() {
  }

  static byte[] pageKey(byte[] slo, Resolution resolution, int page) {
    return slotKey(slo, PAGE, resolution, page);
  }

  static byte[] bucketKey(byte[] slo, Resolution resolution, int slot) {
    return slotKey(slo, BUCKET, resolution, slot);
  }

  private static byte[] slotKey(byte[] slo, byte kind, Resolution resolution, int index) {
    return ByteBuffer.allocate(slo.length + 7).put(slo).put((byte) 0).put(kind).put(resolution.code()).putInt(index).array();
  }

  static byte[] sketchKey(byte[] slo, int slot) {
    return ByteBuffer.allocate(slo.length + 6).put(slo).put((byte) 0).put(SKETCH).putInt(slot).array();
  }

  static byte[] metaKey(String slo) {
    byte[] name = slo.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(name.length + 2).put(name).put((byte) 0).put(META).array();
  }

  static byte[] summaryKey(byte[] slo, int key, Resolution resolution, int slot) {
    return ByteBuffer.allocate(slo.length + 8).put(slo).put((byte) 0).put(SUMMARY).put((byte) key)
        .put(resolution.code()).putInt(slot).array();
  }

  /** A decoded key: which SLO instance, which kind, the ring slot for B, S and A keys (the page for P), the attribution key for A. */
  record Key(String slo, byte kind, Resolution resolution, int slot, int summaryKey) {
    Key(String slo, byte kind, Resolution resolution, int slot) {
      this(slo, kind, resolution, slot, -1);
    }
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
      case PAGE, BUCKET -> new Key(slo, kind, Resolution.ofCode(rest.get()), rest.getInt());
      case SKETCH -> new Key(slo, kind, null, rest.getInt());
      case META -> new Key(slo, kind, null, 0);
      case SUMMARY -> {
        int summaryKey = rest.get();
        yield new Key(slo, kind, Resolution.ofCode(rest.get()), rest.getInt(), summaryKey);
      }
      default -> throw new IllegalArgumentException("unknown state key kind " + kind);
    };
  }

  static byte[] summaryValue(StateChanges.Summary summary) {
    int size = 40;
    for (StateChanges.Entry e : summary.entries()) {
      size += e.value().length + 25;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    putVarLong(out, summary.bucketIndex());
    putVarLong(out, summary.bucketBad());
    putVarLong(out, summary.decrements());
    putVarLong(out, summary.entries().size());
    for (StateChanges.Entry e : summary.entries()) {
      putVarLong(out, e.value().length);
      out.put(e.value());
      putVarLong(out, e.bad());
      putVarLong(out, e.total());
    }
    return Arrays.copyOf(out.array(), out.position());
  }

  static StateChanges.Summary readSummary(byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    long bucket = getVarLong(in);
    long bad = getVarLong(in);
    long decrements = getVarLong(in);
    int n = (int) getVarLong(in);
    java.util.List<StateChanges.Entry> entries = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] v = new byte[(int) getVarLong(in)];
      in.get(v);
      entries.add(new StateChanges.Entry(v, getVarLong(in), getVarLong(in)));
    }
    return new StateChanges.Summary(bucket, bad, decrements, entries);
  }

  static byte[] pageValue(BucketPage page) {
    ByteBuffer out = ByteBuffer.allocate(20 + page.slots() * 30);
    putVarLong(out, page.slots());
    long held = 0;
    for (int i = 0; i < page.slots(); i++) {
      held |= page.holds(i) ? 1L << i : 0;
    }
    putVarLong(out, held);
    for (int i = 0; i < page.slots(); i++) {
      if (page.holds(i)) {
        putVarLong(out, zigzag(page.bucketIndex()[i]));
        putVarLong(out, page.good()[i]);
        putVarLong(out, page.total()[i]);
      }
    }
    return Arrays.copyOf(out.array(), out.position());
  }

  static BucketPage readPage(int page, byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    int slots = (int) getVarLong(in);
    if (slots < 0 || slots > BucketPage.SLOTS) {
      throw new IllegalArgumentException("bucket page of " + slots + " slots");
    }
    long held = getVarLong(in);
    long[] bucket = new long[slots];
    long[] good = new long[slots];
    long[] total = new long[slots];
    for (int i = 0; i < slots; i++) {
      if ((held & 1L << i) == 0) {
        bucket[i] = BucketPage.NONE;
      } else {
        bucket[i] = unzigzag(getVarLong(in));
        good[i] = getVarLong(in);
        total[i] = getVarLong(in);
      }
    }
    return new BucketPage(page, bucket, good, total);
  }

  /** {bucket, good, total}. */
  static long[] readBucket(byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    return new long[] {getVarLong(in), getVarLong(in), getVarLong(in)};
  }

  /** Dense from the lowest used bin: about a byte per bin, a third of (bin, count) pairs. */
  static byte[] sketchValue(long minute, LatencySketch sketch) {
    long[] zero = {0};
    int[] range = {Integer.MAX_VALUE, Integer.MIN_VALUE};
    sketch.forEachBin((bin, n) -> {
      if (bin == Integer.MIN_VALUE) {
        zero[0] = n;
      } else {
        range[0] = Math.min(range[0], bin);
        range[1] = Math.max(range[1], bin);
      }
    });
    int bins = range[0] == Integer.MAX_VALUE ? 0 : range[1] - range[0] + 1;
    long[] counts = new long[bins];
    sketch.forEachBin((bin, n) -> {
      if (bin != Integer.MIN_VALUE) {
        counts[bin - range[0]] = n;
      }
    });
    ByteBuffer out = ByteBuffer.allocate(40 + bins * 10);
    putVarLong(out, minute);
    putVarLong(out, zero[0]);
    putVarLong(out, zigzag(bins == 0 ? 0 : range[0]));
    putVarLong(out, bins);
    for (long c : counts) {
      putVarLong(out, c);
    }
    return Arrays.copyOf(out.array(), out.position());
  }

  record Sketch(long minute, LatencySketch sketch) {
  }

  static Sketch readSketch(byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    long minute = getVarLong(in);
    LatencySketch sketch = new LatencySketch();
    long zero = getVarLong(in);
    if (zero > 0) {
      sketch.addBin(Integer.MIN_VALUE, zero);
    }
    int first = (int) unzigzag(getVarLong(in));
    long bins = getVarLong(in);
    for (int i = 0; i < bins; i++) {
      long n = getVarLong(in);
      if (n > 0) {
        sketch.addBin(first + i, n);
      }
    }
    return new Sketch(minute, sketch);
  }

  static byte[] metaValue(StateChanges.Meta meta) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
      DataOutputStream out = new DataOutputStream(bytes);
      LateData late = meta.late();
      out.writeByte(META_VERSION);
      out.writeLong(meta.firstMinute());
      out.writeLong(late.appliedLate());
      out.writeLong(late.lastLatenessMillis());
      out.writeLong(late.rejectedTooOld());
      out.writeLong(late.rejectedTooFarAhead());
      out.writeLong(late.excluded());
      out.writeLong(late.newestEventMillis());
      out.writeInt(meta.alerts().size());
      for (AlertTrack a : meta.alerts()) {
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

  static StateChanges.Meta readMeta(byte[] value) {
    try {
      var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(value));
      long firstMinute;
      LateData late;
      if (value.length > 0 && value[0] == META_VERSION) {
        in.readByte();
        firstMinute = in.readLong();
        late = new LateData(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
      } else {
        // Version 1 had one count of refused events (then: later than a 10-minute grace) and no late tally.
        long refused = in.readLong();
        firstMinute = in.readLong();
        late = new LateData(0, 0, refused, 0, 0, Long.MIN_VALUE);
      }
      int n = in.readInt();
      List<AlertTrack> alerts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        alerts.add(new AlertTrack(in.readUTF(), in.readUTF(), in.readBoolean(), in.readLong(), in.readLong(), in.readInt()));
      }
      return new StateChanges.Meta(firstMinute, late, alerts);
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
