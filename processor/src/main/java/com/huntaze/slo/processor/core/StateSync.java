package com.huntaze.slo.processor.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The persistence of one SLO's state: which parts changed since the last drain, putting stored
 * records back after a restart, and which stored records no longer fit (an SLO whose windows
 * changed) and must be deleted.
 */
public final class StateSync {
  private final WindowCounts counts;
  private final LateTally late;
  private final AlertPolicy alerts;
  private boolean metaChanged;
  /** Stored records that no longer fit the rings: deleted on the next drain. */
  private final List<StaleRecord> stale = new ArrayList<>();

  /** A bucket record of a resolution, or a sketch record when {@code resolution} is null. */
  private record StaleRecord(Resolution resolution, int slot) {
  }

  StateSync(WindowCounts counts, LateTally late, AlertPolicy alerts) {
    this.counts = counts;
    this.late = late;
    this.alerts = alerts;
  }

  public boolean hasChanges() {
    metaChanged |= late.takeChanged() | alerts.takeChanged() | counts.takeFirstMinuteChanged();
    if (metaChanged || !stale.isEmpty() || counts.latencyRing() != null && counts.latencyRing().hasChanges()) {
      return true;
    }
    for (BucketRing ring : counts.rings()) {
      if (ring.hasChanges()) {
        return true;
      }
    }
    return false;
  }

  public void drainChanges(StateChanges out) {
    hasChanges(); // folds the parts' change flags into metaChanged
    // Deletions first: a slot freed by a resized ring may be rewritten just below.
    for (StaleRecord r : stale) {
      if (r.resolution() == null) {
        out.deleteSketch(r.slot());
      } else {
        out.deleteBucket(r.resolution(), r.slot());
      }
    }
    stale.clear();
    for (BucketRing ring : counts.rings()) {
      ring.drainChanges(out::bucket);
    }
    if (counts.latencyRing() != null) {
      counts.latencyRing().drainChanges(out);
    }
    if (metaChanged) {
      out.meta(new StateChanges.Meta(counts.firstMinute(), late.snapshot(), alerts.tracks()));
      metaChanged = false;
    }
  }

  /** Puts back a stored bucket; a record this SLO no longer keeps where it is, is queued for deletion. */
  public void restoreBucket(Resolution resolution, int storedSlot, long bucketIndex, long good, long total) {
    BucketRing ring = counts.ring(resolution);
    if (ring == null || !ring.restore(storedSlot, bucketIndex, good, total)) {
      stale.add(new StaleRecord(resolution, storedSlot));
    }
  }

  public void restoreSketch(int storedSlot, long minute, LatencySketch sketch) {
    LatencyRing ring = counts.latencyRing();
    if (ring == null || !ring.restore(storedSlot, minute, sketch)) {
      stale.add(new StaleRecord(null, storedSlot));
    }
  }

  /** Puts back the stored meta; it is written again on the next drain, in the current layout. */
  public void restoreMeta(StateChanges.Meta meta) {
    counts.restoreFirstMinute(meta.firstMinute());
    late.restore(meta.late());
    alerts.restore(meta.alerts());
    metaChanged = true;
  }
}
