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
