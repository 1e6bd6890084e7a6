package com.huntaze.slo.processor.core;

/**
 * What became of the events offered to one SLO besides counting on time: late ones (applied),
 * refused ones, and those of excluded periods.
 *
 * @param appliedLate events applied more than a minute behind the newest event of the SLO
 * @param lastLatenessMillis how far behind the latest of those was; 0 when there was none
 * @param rejectedTooOld events older than every window the SLO keeps (counted, not applied)
 * @param rejectedTooFarAhead events further in the future than the allowed clock skew
 * @param excluded events inside a period the SLO excludes (maintenance, corrections): not counted
 * @param newestEventMillis the newest event applied; {@code Long.MIN_VALUE} before the first
 */
public record LateData(long appliedLate, long lastLatenessMillis, long rejectedTooOld, long rejectedTooFarAhead,
                       long excluded, long newestEventMillis) {
  public static final LateData NONE = new LateData(0, 0, 0, 0, 0, Long.MIN_VALUE);

  public long rejected() {
    return rejectedTooOld + rejectedTooFarAhead;
  }
}
