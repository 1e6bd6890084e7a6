package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencySketchTest {

  @Test
  void shouldStayWithinOnePercentOfExactQuantilesOnSkewedLatencies() {
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      int n = 1 + random.nextInt(20_000);
      double[] values = new double[n];
      LatencySketch a = new LatencySketch();
      LatencySketch b = new LatencySketch();
      for (int i = 0; i < n; i++) {
        // Log-normal body with a heavy tail: what request latencies look like.
        values[i] = Math.exp(3 + random.nextGaussian() * 1.2) * (random.nextInt(100) == 0 ? 50 : 1);
        (i % 2 == 0 ? a : b).add(values[i]);
      }
      a.merge(b);
      Arrays.sort(values);
      for (double q : new double[] {0, 0.5, 0.9, 0.95, 0.99, 0.999, 1}) {
        double exact = values[(int) Math.floor(q * (n - 1))];
        double estimate = a.quantile(q);
        assertTrue(Math.abs(estimate - exact) <= 0.01 * exact,
            "q" + q + " n=" + n + ": estimate " + estimate + " vs exact " + exact);
      }
    }
  }

  @Test
  void shouldReportZeroLatencyAndNoDataHonestly() {
    LatencySketch sketch = new LatencySketch();
    assertTrue(Double.isNaN(sketch.quantile(0.5)), "empty sketch has no quantile");
    sketch.add(0);
    sketch.add(0);
    sketch.add(100);
    assertEquals(0, sketch.quantile(0.5));
    assertEquals(100, sketch.quantile(1), 1);
  }

  @Test
  void shouldRoundTripThroughBins() {
    LatencySketch sketch = new LatencySketch();
    for (double v : new double[] {0, 0.5, 3, 3, 700, 12_000}) {
      sketch.add(v);
    }
    LatencySketch copy = new LatencySketch();
    sketch.forEachBin(copy::addBin);
    assertEquals(sketch.count(), copy.count());
    for (double q = 0; q <= 1; q += 0.1) {
      assertEquals(sketch.quantile(q), copy.quantile(q));
    }
  }
}
