package com.huntaze.slo.processor.core;

import java.util.List;

/**
 * Receives what changed in an SLO's state since the last drain, to persist it. Buckets are keyed
 * by their page of ring slots, sketches by their ring slot: a newer bucket overwrites the older
 * one in place.
 */
public interface StateChanges {
  /** A page to write; its arrays are reused once this returns ({@link BucketPage#copy} keeps one). */
  void bucketPage(Resolution resolution, BucketPage page);

  void deleteBucketPage(Resolution resolution, int page);

  /** A bucket record of the layout before pages, one per slot: deleted once its bucket is in a page. */
  void deleteBucket(Resolution resolution, int slot);

  void sketch(int slot, long minute, LatencySketch sketch);

  void deleteSketch(int slot);

  void meta(Meta meta);

  /** The attribution summary of key {@code key} (its index in the SLO's attribution list) in a slot of one resolution. */
  void summary(int key, Resolution resolution, int slot, Summary summary);

  void deleteSummary(int key, Resolution resolution, int slot);

  /** A retired group instance: its meta goes, after every bucket and sketch of it. */
  void deleteMeta();

  /** One bucket's attribution summary: see {@code BadSummary}. */
  record Summary(long bucketIndex, long bucketBad, long decrements, List<Entry> entries) {
  }

  record Entry(byte[] value, long bad, long total) {
  }

  /**
   * The small per-SLO facts besides buckets: first event, late data, alert states, and for a
   * grouped SLO as a whole the hashes of the distinct groups that overflowed into {@code _other}
   * (so a restart neither forgets them nor counts them again); empty otherwise.
   */
  record Meta(long firstMinute, LateData late, List<AlertTrack> alerts, long[] overflowedGroups) {
  }
}
