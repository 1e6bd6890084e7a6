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
  /** Null for a group instance (attribution is the SLO's as a whole). */
  private final Attribution attribution;
  private final List<Attribution.KeyedRing> summaryRings;
  private boolean metaChanged;
  /** Stored records that no longer fit the rings: deleted on the next drain. */
  private final List<StaleRecord> stale = new ArrayList<>();

  /**
   * A bucket record of a resolution, a sketch record when {@code resolution} is null, or an
   * attribution summary when {@code summaryKey} is not negative.
   */
  private record StaleRecord(Resolution resolution, int slot, int summaryKey) {
  }

  StateSync(WindowCounts counts, LateTally late, AlertPolicy alerts, Attribution attribution) {
    this.counts = counts;
    this.late = late;
    this.alerts = alerts;
    this.attribution = attribution;
    this.summaryRings = attribution == null ? List.of() : attribution.keyedRings();
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
    for (Attribution.KeyedRing r : summaryRings) {
      if (r.ring().hasChanges()) {
        return true;
      }
    }
    return false;
  }

  public void drainChanges(StateChanges out) {
    hasChanges(); // folds the parts' change flags into metaChanged
    // Deletions first: a slot freed by a resized ring may be rewritten just below.
    for (StaleRecord r : stale) {
      if (r.summaryKey() >= 0) {
        out.deleteSummary(r.summaryKey(), r.resolution(), r.slot());
      } else if (r.resolution() == null) {
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
    for (Attribution.KeyedRing r : summaryRings) {
      r.ring().drainChanges((slot, bucket, summary) -> out.summary(r.key(), r.ring().resolution(), slot, stored(bucket, summary)));
    }
    if (metaChanged) {
      out.meta(new StateChanges.Meta(counts.firstMinute(), late.snapshot(), alerts.tracks()));
      metaChanged = false;
    }
  }

  private static StateChanges.Summary stored(long bucket, BadSummary s) {
    List<StateChanges.Entry> entries = new ArrayList<>(s.size());
    for (int i = 0; i < s.size(); i++) {
      entries.add(new StateChanges.Entry(s.value(i), s.bad(i), s.total(i)));
    }
    return new StateChanges.Summary(bucket, s.bucketBad(), s.decrements(), entries);
  }

  /** Deletes every record a retired group instance may have stored: each slot of each ring, then its meta. */
  public void drainDeletion(StateChanges out) {
    for (BucketRing ring : counts.rings()) {
      for (int slot = 0; slot < ring.size(); slot++) {
        out.deleteBucket(ring.resolution(), slot);
      }
    }
    if (counts.latencyRing() != null) {
      for (int slot = 0; slot < counts.latencyRing().size(); slot++) {
        out.deleteSketch(slot);
      }
    }
    out.deleteMeta();
  }

  /** Puts back a stored attribution summary; one that no longer fits is queued for deletion. */
  public void restoreSummary(int key, Resolution resolution, int storedSlot, StateChanges.Summary stored) {
    SummaryRing ring = attribution == null ? null : attribution.ring(key, resolution == Resolution.MINUTE ? 0 : 1);
    BadSummary summary = ring == null || ring.resolution() != resolution ? null : ring.restore(storedSlot, stored.bucketIndex());
    if (summary == null) {
      stale.add(new StaleRecord(resolution, storedSlot, key));
      return;
    }
    summary.restore(stored.bucketBad(), stored.decrements());
    for (StateChanges.Entry e : stored.entries()) {
      summary.restoreEntry(e.value(), e.bad(), e.total());
    }
  }

  /** Puts back a stored bucket; a record this SLO no longer keeps where it is, is queued for deletion. */
  public void restoreBucket(Resolution resolution, int storedSlot, long bucketIndex, long good, long total) {
    BucketRing ring = counts.ring(resolution);
    if (ring == null || !ring.restore(storedSlot, bucketIndex, good, total)) {
      stale.add(new StaleRecord(resolution, storedSlot, -1));
    }
  }

  public void restoreSketch(int storedSlot, long minute, LatencySketch sketch) {
    LatencyRing ring = counts.latencyRing();
    if (ring == null || !ring.restore(storedSlot, minute, sketch)) {
      stale.add(new StaleRecord(null, storedSlot, -1));
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
