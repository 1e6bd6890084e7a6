package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Says in the log when late events arrive or events are refused: one line per SLO per minute at
 * most, and only when its counts moved, so a backlog of a million late events is a few lines, not
 * a million.
 */
public final class LateDataLog {
  private static final long INTERVAL_MILLIS = 60_000;

  private record Logged(LateData late, long atMillis) {
  }

  private final Map<String, Logged> last = new HashMap<>();

  /**
   * Takes the tallies a task restored with its state (SLOs as a whole, by name) as already said: a
   * restart or a rebalance logged them again as if they had just arrived ("20 late events applied
   * (+20 ...)" at every start). What arrives next is logged at once.
   */
  public void restored(Map<String, SloState> wholes) {
    wholes.forEach((slo, state) -> last.put(slo, new Logged(state.lateTally().snapshot(), -INTERVAL_MILLIS)));
  }

  /** The lines to log for these evaluations, {@code clockMillis} being the wall clock. */
  public List<String> lines(List<Evaluation> evaluations, long clockMillis) {
    List<String> out = new ArrayList<>(0);
    for (Evaluation e : evaluations) {
      if (!e.group().isEmpty()) {
        // a group instance shares its SLO's name: keyed together, the whole's and its groups' tallies
        // took turns under one entry (lines with negative deltas while nothing moved); the whole's
        // tally holds every event of the SLO, refused ones included, so it alone is logged
        continue;
      }
      String slo = e.slo().name();
      LateData now = e.late();
      Logged before = last.get(slo);
      LateData was = before == null ? LateData.NONE : before.late();
      boolean moved = now.appliedLate() != was.appliedLate() || now.rejected() != was.rejected();
      if (!moved || before != null && clockMillis - before.atMillis() < INTERVAL_MILLIS) {
        continue;
      }
      last.put(slo, new Logged(now, clockMillis));
      out.add(String.format(Locale.ROOT,
          "SLO %s: %d late events applied (+%d%s), %d refused as too old (+%d), %d too far ahead (+%d)",
          slo, now.appliedLate(), now.appliedLate() - was.appliedLate(), now.appliedLate() == 0 ? ""
              : ", latest " + Durations.approximate(Duration.ofMillis(now.lastLatenessMillis())) + " behind the newest",
          now.rejectedTooOld(), now.rejectedTooOld() - was.rejectedTooOld(),
          now.rejectedTooFarAhead(), now.rejectedTooFarAhead() - was.rejectedTooFarAhead()));
    }
    return out;
  }
}
