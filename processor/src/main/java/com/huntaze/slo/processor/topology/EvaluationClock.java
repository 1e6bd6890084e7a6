package com.huntaze.slo.processor.topology;

/**
 * What "now" is when windows are evaluated. Live: the wall clock, so a service that goes silent
 * drops to "no data" instead of freezing on its last value. Replay: the stream time, so replaying
 * the same events gives the same numbers, bit for bit.
 */
public enum EvaluationClock {
  LIVE,
  REPLAY
}
