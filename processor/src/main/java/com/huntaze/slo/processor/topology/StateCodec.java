package com.huntaze.slo.processor.topology;

import com.huntaze.slo.processor.core.AlertTrack;
import com.huntaze.slo.processor.core.LateData;
import com.huntaze.slo.processor.core.Resolution;
import com.huntaze.slo.processor.core.StateChanges;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary layout of the state store: one small record per page of ring slots of buckets, per
 * ring slot of latency sketches, and one per SLO's meta, so a commit writes only what changed
 * (never a whole SLO history) and a newer bucket overwrites the older one under the same key.
 *
 * <pre>
 * key   = instance key (UTF-8: the SLO name, or name{label="value",...} for a group) 0x00 kind [fields]
 *         kind 'Q' resolution code(1 byte) page(4 bytes) -> slots(varlong) held(varlong: bit i = slot i holds a bucket)
 *                                                      {bucketDistance(zigzag varlong) total(varlong) bad(varlong)}*
 *                                                      (held slots; 64 to a page of minutes, 16 otherwise; the
 *                                                      distance is from the previous held bucket plus the slots between)
 *         kind 'P' resolution code(1 byte) page(4 bytes) -> slots(varlong) held(varlong)
 *                                                      {bucket(zigzag varlong) good(varlong) total(varlong)}*
 *                                                      (releases before 'Q', 16 slots: read, rewritten as 'Q', deleted)
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
 * <p>Keys and meta values here; the values of Q, P, B, S and A records in {@link RingValues}.
 *
 * <p>Every byte that names something is an explicit code ({@link Resolution#code()}, the kind
 * letters, the meta version), never an enum's ordinal: reordering a Java enum cannot corrupt a store.
 */
final class StateCodec {
  static final byte PAGE = 'Q';
  static final byte LEGACY_PAGE = 'P';
  static final byte BUCKET = 'B';
  static final byte SKETCH = 'S';
  static final byte META = 'M';
  static final byte SUMMARY = 'A';
  /** 3: the overflowed groups after the alerts; 2: without them; 1 (no version byte): before the late tally. */
  private static final byte META_VERSION = 3;
  private static final byte META_VERSION_WITHOUT_OVERFLOW = 2;

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
      case PAGE, LEGACY_PAGE, BUCKET -> new Key(slo, kind, Resolution.ofCode(rest.get()), rest.getInt());
      case SKETCH -> new Key(slo, kind, null, rest.getInt());
      case META -> new Key(slo, kind, null, 0);
      case SUMMARY -> {
        int summaryKey = rest.get();
        yield new Key(slo, kind, Resolution.ofCode(rest.get()), rest.getInt(), summaryKey);
      }
      default -> throw new IllegalArgumentException("unknown state key kind " + kind);
    };
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
      out.writeInt(meta.overflowedGroups().length);
      for (long group : meta.overflowedGroups()) {
        out.writeLong(group);
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
      byte version = value.length > 0 && (value[0] == META_VERSION || value[0] == META_VERSION_WITHOUT_OVERFLOW) ? value[0] : 1;
      if (version > 1) {
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
      long[] overflowed = new long[version == META_VERSION ? in.readInt() : 0];
      for (int i = 0; i < overflowed.length; i++) {
        overflowed[i] = in.readLong();
      }
      return new StateChanges.Meta(firstMinute, late, alerts, overflowed);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt SLO meta record", e);
    }
  }
}
