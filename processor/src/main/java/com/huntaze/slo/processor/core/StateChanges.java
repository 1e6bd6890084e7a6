package com.huntaze.slo.processor.core;

import java.util.List;

/**
 * Receives what changed in an SLO's state since the last drain, to persist it. Buckets and sketches
 * are keyed by their ring slot: a newer bucket overwrites the older one in place.
 */
public interface StateChanges {
  void bucket(Resolution resolution, int slot, long bucketIndex, long good, long total);

  void deleteBucket(Resolution resolution, int slot);

  void sketch(int slot, long minute, LatencySketch sketch);

  void deleteSketch(int slot);

  void meta(Meta meta);

  /** The small per-SLO facts besides buckets: first event, late data and alert states. */
  record Meta(long firstMinute, LateData late, List<AlertTrack> alerts) {
  }
}
