package com.huntaze.slo.processor.core;

import java.util.OptionalDouble;

/** Counts over one window and, for SLOs with an objective, the burn rate; empty = no events (no data). */
public record WindowResult(WindowSpec window, long good, long total, OptionalDouble burnRate) {

  public boolean hasData() {
    return total > 0;
  }

  public long bad() {
    return total - good;
  }
}
