package com.huntaze.slo.processor.core;

import java.util.Arrays;

/**
 * A mergeable latency histogram with logarithmic bins (the DDSketch idea): every value in bin
 * {@code i} lies in {@code (gamma^(i-1), gamma^i]}, so reporting the bin's midpoint is within
 * {@link #RELATIVE_ACCURACY} of any value in it. Bins are dense between the lowest and highest
 * used, which for real latencies (a few decades) is a few hundred longs.
 */
public final class LatencySketch {
  /** Half of the 1 % the quantiles promise, leaving room for rank rounding. */
  public static final double RELATIVE_ACCURACY = 0.005;
  private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
  private static final double LOG_GAMMA = Math.log(GAMMA);
  /** Values at or below this (in ms) count as zero: a microsecond is below any network latency. */
  private static final double MIN_VALUE = 1e-3;

  private long zeroCount;
  private long[] counts = new long[0];
  private int offset;
  private long count;

  public void add(double valueMs) {
    add(valueMs, 1);
  }

  public void add(double valueMs, long n) {
    addBin(binOf(valueMs), n);
  }

  public void merge(LatencySketch other) {
    count += other.count;
    zeroCount += other.zeroCount;
    for (int i = 0; i < other.counts.length; i++) {
      if (other.counts[i] != 0) {
        addToBin(other.offset + i, other.counts[i]);
      }
    }
  }

  public long count() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /**
   * The value at quantile {@code q} (0..1) by the nearest-rank rule on rank {@code floor(q * (n - 1))},
   * within the sketch's relative accuracy; NaN when empty (callers report "no data").
   */
  public double quantile(double q) {
    if (count == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.floor(q * (count - 1));
    long seen = zeroCount;
    if (rank < seen) {
      return 0;
    }
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (rank < seen) {
        return valueOf(offset + i);
      }
    }
    return valueOf(offset + counts.length - 1);
  }

  /** Visits every non-empty bin, zero bin first as {@code Integer.MIN_VALUE}: for serialization. */
  public void forEachBin(BinVisitor visitor) {
    if (zeroCount != 0) {
      visitor.visit(Integer.MIN_VALUE, zeroCount);
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        visitor.visit(offset + i, counts[i]);
      }
    }
  }

  /** Adds a bin as produced by {@link #forEachBin}. */
  public void addBin(int bin, long n) {
    count += n;
    if (bin == Integer.MIN_VALUE) {
      zeroCount += n;
    } else {
      addToBin(bin, n);
    }
  }

  /**
   * Makes room for bins {@code low..high} at once, so that adding a minute's values in a batch
   * does not grow the bins several times over (what the sketch holds does not change).
   */
  void reserve(int low, int high) {
    if (low > high) {
      return;
    }
    if (counts.length == 0) {
      counts = new long[high - low + 1];
      offset = low;
    } else if (low < offset || high >= offset + counts.length) {
      int from = Math.min(low, offset);
      long[] wider = new long[Math.max(high, offset + counts.length - 1) - from + 1];
      System.arraycopy(counts, 0, wider, offset - from, counts.length);
      counts = wider;
      offset = from;
    }
  }

  /** The bin of a value, {@code Integer.MIN_VALUE} for the zero bin. */
  static int binOf(double valueMs) {
    return valueMs <= MIN_VALUE ? Integer.MIN_VALUE : (int) Math.ceil(Math.log(valueMs) / LOG_GAMMA);
  }

  static double valueOf(int bin) {
    // Midpoint (in relative terms) of (gamma^(bin-1), gamma^bin].
    return 2 * Math.pow(GAMMA, bin) / (GAMMA + 1);
  }

  private void addToBin(int bin, long n) {
    // Grown by doubling: a minute's sketch is created often and usually spans ~100-300 bins.
    if (counts.length == 0) {
      counts = new long[64];
      offset = bin - 32;
    } else if (bin < offset) {
      int grow = Math.max(offset - bin, counts.length);
      long[] wider = new long[counts.length + grow];
      System.arraycopy(counts, 0, wider, grow, counts.length);
      counts = wider;
      offset -= grow;
    } else if (bin >= offset + counts.length) {
      int grow = Math.max(bin - offset - counts.length + 1, counts.length);
      counts = Arrays.copyOf(counts, counts.length + grow);
    }
    counts[bin - offset] += n;
  }

  @FunctionalInterface
  public interface BinVisitor {
    void visit(int bin, long count);
  }
}
