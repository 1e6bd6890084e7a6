package com.huntaze.slo.schemas.slo;

import java.time.Duration;

/**
 * How an SLO's events become its SLI and budget (OpenSLO's budgeting methods).
 *
 * <ul>
 *   <li>{@link Occurrences} (default): good events / events.
 *   <li>{@link Timeslices}: time is cut into slices; a slice is good when its ratio of good events
 *       is at least {@code goodIf}; SLI = good slices / slices. Slices without events are
 *       <b>excluded</b> (neither good nor bad): counting them as good would let a dead service meet
 *       its objective, counting them as bad would page on quiet nights; excluding them is also what
 *       our "no data" rule says everywhere else.
 *   <li>{@link RatioTimeslices}: the mean of the slices' good ratios (slices without events
 *       excluded, same reason). This is what Sloth's recording rules compute by default (an average
 *       of per-interval ratios), and it weighs every slice alike: with uneven traffic one bad
 *       request in a quiet minute weighs as much as a thousand in a busy one.
 * </ul>
 *
 * Slices are the bucket sizes state is kept in (1m, 10m, 1h), so a slice is exactly a bucket.
 */
public sealed interface Budgeting {

  /** As published in statuses: occurrences, timeslices or ratioTimeslices. */
  String kind();

  /** The slice length; empty for occurrences. */
  default Duration slice() {
    return Duration.ZERO;
  }

  record Occurrences() implements Budgeting {
    @Override
    public String kind() {
      return "occurrences";
    }
  }

  /** @param goodIf the good ratio (0..1] at or above which a slice is good */
  record Timeslices(Duration slice, double goodIf) implements Budgeting {
    @Override
    public String kind() {
      return "timeslices";
    }
  }

  record RatioTimeslices(Duration slice) implements Budgeting {
    @Override
    public String kind() {
      return "ratioTimeslices";
    }
  }
}
