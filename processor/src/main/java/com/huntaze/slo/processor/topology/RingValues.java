package com.huntaze.slo.processor.topology;

import com.huntaze.slo.processor.core.BucketPage;
import com.huntaze.slo.processor.core.LatencySketch;
import com.huntaze.slo.processor.core.StateChanges;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The values of the store's ring records: bucket pages, latency sketches and attribution summaries
 * (their keys and the layout as a whole: {@link StateCodec}). Varints throughout, so a record is
 * as small as its counts.
 */
final class RingValues {
  private RingValues() {
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

  /**
   * A page ({@link StateCodec}'s kind 'Q'), sized exactly before it is written: a commit encodes a
   * page per ring that changed, thousands at a time. Each held slot's bucket is written as its
   * distance from the bucket its place implies (the previous held one's, plus the slots between),
   * so consecutive buckets take a byte each; its bad count (total - good) is mostly 0, a byte too.
   */
  static byte[] pageValue(BucketPage page) {
    long held = 0;
    int size = 0;
    long implied = 0;
    for (int i = 0; i < page.slots(); i++, implied++) {
      if (page.holds(i)) {
        long bucket = page.bucketIndex()[i];
        held |= 1L << i;
        size += varLongSize(zigzag(bucket - implied)) + varLongSize(page.total()[i]) + varLongSize(page.total()[i] - page.good()[i]);
        implied = bucket;
      }
    }
    byte[] out = new byte[varLongSize(page.slots()) + varLongSize(held) + size];
    int at = putVarLong(out, 0, page.slots());
    at = putVarLong(out, at, held);
    implied = 0;
    for (int i = 0; i < page.slots(); i++, implied++) {
      if (page.holds(i)) {
        long bucket = page.bucketIndex()[i];
        at = putVarLong(out, at, zigzag(bucket - implied));
        at = putVarLong(out, at, page.total()[i]);
        at = putVarLong(out, at, page.total()[i] - page.good()[i]);
        implied = bucket;
      }
    }
    return out;
  }

  static BucketPage readPage(int page, byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    int slots = slots(in, BucketPage.MAX_SLOTS);
    long held = getVarLong(in);
    BucketPage out = emptyPage(page, slots);
    long implied = 0;
    for (int i = 0; i < slots; i++, implied++) {
      if ((held & 1L << i) != 0) {
        long bucket = implied + unzigzag(getVarLong(in));
        long total = getVarLong(in);
        out.bucketIndex()[i] = bucket;
        out.total()[i] = total;
        out.good()[i] = total - getVarLong(in);
        implied = bucket;
      }
    }
    return out;
  }

  /** A page of 16 slots as releases before 64-minute pages wrote it ({@link StateCodec}'s kind 'P'). */
  static BucketPage readLegacyPage(int page, byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    int slots = slots(in, BucketPage.LEGACY_SLOTS);
    long held = getVarLong(in);
    BucketPage out = emptyPage(page, slots);
    for (int i = 0; i < slots; i++) {
      if ((held & 1L << i) != 0) {
        out.bucketIndex()[i] = unzigzag(getVarLong(in));
        out.good()[i] = getVarLong(in);
        out.total()[i] = getVarLong(in);
      }
    }
    return out;
  }

  private static int slots(ByteBuffer in, int most) {
    long slots = getVarLong(in);
    if (slots < 0 || slots > most) {
      throw new IllegalArgumentException("bucket page of " + slots + " slots, at most " + most);
    }
    return (int) slots;
  }

  private static BucketPage emptyPage(int page, int slots) {
    long[] bucket = new long[slots];
    Arrays.fill(bucket, BucketPage.NONE);
    return new BucketPage(page, bucket, new long[slots], new long[slots]);
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

  /** Bytes {@link #putVarLong} writes for {@code v}. */
  private static int varLongSize(long v) {
    return Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(v) + 6) / 7);
  }

  /** Writes {@code v} at {@code at}; returns where the next value goes. */
  private static int putVarLong(byte[] out, int at, long v) {
    while ((v & ~0x7FL) != 0) {
      out[at++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[at++] = (byte) v;
    return at;
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
