package com.huntaze.slo.processor.core;

/**
 * One operation of a service as the engine routes it: its UTF-8 bytes, the SLOs that cover it, and
 * how each takes its events. Made once per distinct operation and remembered by the service.
 */
public final class Operation {
  final byte[] bytes;
  final int hash;
  final SloState[] slos;
  /** SLOs applied one event at a time: all of them, or with {@link EventBatch}es those that need every field of an event. */
  final SloState[] direct;
  /** With event batches, the batch indices of the SLOs that take them; empty otherwise. */
  final int[] batched;
  /** Whether a batched SLO keeps latency sketches, so an event needs its sketch bin. */
  final boolean binned;

  // Scratch of SloRun while it sums one SLO's run of events per operation (one engine, one thread).
  long runMark;
  long runBad;
  long runTotal;
  int runIndex;

  /** @param batchIndex the list in the engine's {@link EventBatch} of each SLO that takes batches */
  Operation(byte[] bytes, SloState[] slos, java.util.Map<SloState, Integer> batchIndex) {
    this.bytes = bytes;
    this.hash = ByteKeyMap.hash(bytes, 0, bytes.length);
    this.slos = slos;
    java.util.List<SloState> direct = new java.util.ArrayList<>();
    java.util.List<Integer> batched = new java.util.ArrayList<>();
    boolean binned = false;
    for (SloState s : slos) {
      Integer index = batchIndex.get(s);
      if (index != null) {
        batched.add(index);
        binned |= s.keepsLatencies();
      } else {
        direct.add(s);
      }
    }
    this.direct = direct.toArray(SloState[]::new);
    this.batched = batched.stream().mapToInt(Integer::intValue).toArray();
    this.binned = binned;
  }

  /** The SLOs covering this operation. */
  public SloState[] slos() {
    return slos;
  }
}
