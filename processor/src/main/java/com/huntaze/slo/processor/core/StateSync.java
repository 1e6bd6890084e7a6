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
  /** A grouped SLO as a whole: its groups' overflow goes with its meta. Null otherwise. */
  private final SloGroups groups;
  private boolean metaChanged;
  /** Deletions of stored records that no longer fit the rings: made on the next drain. */
  private final List<java.util.function.Consumer<StateChanges>> stale = new ArrayList<>();

  StateSync(WindowCounts counts, LateTally late, AlertPolicy alerts, Attribution attribution, SloGroups groups) {
    this.counts = counts;
    this.late = late;
    this.alerts = alerts;
    this.attribution = attribution;
    this.summaryRings = attribution == null ? List.of() : attribution.keyedRings();
    this.groups = groups;
  }

  public boolean hasChanges() {
    metaChanged |= late.takeChanged() | alerts.takeChanged() | counts.takeFirstMinuteChanged()
        | (groups != null && groups.takeOverflowChanged());
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
    stale.forEach(deletion -> deletion.accept(out));
    stale.clear();
    for (BucketRing ring : counts.rings()) {
      ring.drainChanges(page -> out.bucketPage(ring.resolution(), page));
    }
    if (counts.latencyRing() != null) {
      counts.latencyRing().drainChanges(out);
    }
    for (Attribution.KeyedRing r : summaryRings) {
      r.ring().drainChanges((slot, bucket, summary) -> out.summary(r.key(), r.ring().resolution(), slot, stored(bucket, summary)));
    }
    if (metaChanged) {
      out.meta(new StateChanges.Meta(counts.firstMinute(), late.snapshot(), alerts.tracks(),
          groups == null ? new long[0] : groups.overflowedGroups()));
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
      for (int page = 0; page < ring.pages(); page++) {
        out.deleteBucketPage(ring.resolution(), page);
      }
    }
    if (counts.latencyRing() != null) {
      for (int slot = 0; slot < counts.latencyRing().size(); slot++) {
        out.deleteSketch(slot);
      }
    }
    out.deleteMeta();
  }

  /**
   * Puts back a stored attribution summary, where its ring now keeps its bucket (the SLO's window
   * may have changed since); a record stored under another slot, or that no longer fits, is queued
   * for deletion.
   */
  public void restoreSummary(int key, Resolution resolution, int storedSlot, StateChanges.Summary stored) {
    SummaryRing ring = attribution == null ? null : attribution.ring(key, resolution == Resolution.MINUTE ? 0 : 1);
    BadSummary summary = ring == null || ring.resolution() != resolution ? null : ring.restore(storedSlot, stored.bucketIndex());
    if (summary == null || ring.slotOf(stored.bucketIndex()) != storedSlot) {
      stale.add(out -> out.deleteSummary(key, resolution, storedSlot));
    }
    if (summary == null) {
      return;
    }
    summary.restore(stored.bucketBad(), stored.decrements());
    for (StateChanges.Entry e : stored.entries()) {
      summary.restoreEntry(e.value(), e.bad(), e.total());
    }
  }

  /**
   * Puts back a stored page of buckets. A page whose buckets no longer all fit where they were
   * (the SLO's windows changed) is written again as the ring now holds it, or deleted when the
   * ring has no such page any more.
   */
  public void restoreBucketPage(Resolution resolution, BucketPage stored) {
    BucketRing ring = counts.ring(resolution);
    if (ring != null && ring.restore(stored)) {
      return;
    }
    if (ring != null && stored.page() < ring.pages()) {
      ring.markPageDirty(stored.page());
    } else {
      stale.add(out -> out.deleteBucketPage(resolution, stored.page()));
    }
  }

  /**
   * Puts back a page of 16 slots stored by a release before 64-minute pages: its buckets go where
   * the ring keeps them and are written again in today's pages; the caller deletes the old record.
   */
  public void restoreLegacyPage(Resolution resolution, BucketPage legacy) {
    for (int i = 0; i < legacy.slots(); i++) {
      if (legacy.holds(i)) {
        moveIntoPage(resolution, legacy.page() * BucketPage.LEGACY_SLOTS + i, legacy.bucketIndex()[i], legacy.good()[i], legacy.total()[i]);
      }
    }
  }

  /** Puts back a bucket stored by a release before pages, one record per slot: it moves into its page, and the old record goes. */
  public void restoreBucket(Resolution resolution, int storedSlot, long bucketIndex, long good, long total) {
    moveIntoPage(resolution, storedSlot, bucketIndex, good, total);
    stale.add(out -> out.deleteBucket(resolution, storedSlot));
  }

  /** Puts back a bucket of an earlier layout where the ring keeps it; its page is written on the next drain. */
  private void moveIntoPage(Resolution resolution, int storedSlot, long bucketIndex, long good, long total) {
    BucketRing ring = counts.ring(resolution);
    if (ring != null) {
      ring.restore(storedSlot, bucketIndex, good, total);
      ring.markDirtyFor(bucketIndex);
    }
  }

  public void restoreSketch(int storedSlot, long minute, LatencySketch sketch) {
    LatencyRing ring = counts.latencyRing();
    if (ring == null || !ring.restore(storedSlot, minute, sketch)) {
      stale.add(out -> out.deleteSketch(storedSlot));
    }
  }

  /**
   * Once every stored record is back: builds the buckets a ring added by a longer window lacks
   * from the finer buckets kept ({@link WindowCounts#buildCoarserFromFiner}). Returns how many.
   */
  public int finishRestore() {
    return counts.buildCoarserFromFiner();
  }

  /** Puts back the stored meta; it is written again on the next drain, in the current layout. */
  public void restoreMeta(StateChanges.Meta meta) {
    counts.restoreFirstMinute(meta.firstMinute());
    late.restore(meta.late());
    alerts.restore(meta.alerts());
    if (groups != null) {
      groups.restoreOverflowed(meta.overflowedGroups());
    }
    metaChanged = true;
  }
}
