package com.huntaze.slo.processor.core;

/**
 * Late and refused events of one SLO so far.
 *
 * @param appliedLate events applied more than a minute behind the newest event of the SLO
 * @param lastLatenessMillis how far behind the latest of those was; 0 when there was none
 * @param rejectedTooOld events older than every window the SLO keeps (counted, not applied)
 * @param rejectedTooFarAhead events further in the future than the allowed clock skew
 * @param newestEventMillis the newest event applied; {@code Long.MIN_VALUE} before the first
 */
public record LateData(long appliedLate, long lastLatenessMillis, long rejectedTooOld, long rejectedTooFarAhead,
                       long newestEventMillis) {
  public static final LateData NONE = new LateData(0, 0, 0, 0, Long.MIN_VALUE);

  public long rejected() {
    return rejectedTooOld + rejectedTooFarAhead;
  }
}
