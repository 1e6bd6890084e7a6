package com.huntaze.slo.processor.core;

import java.util.List;

/** Receives what changed in an SLO's state since the last drain, to persist it. */
public interface StateChanges {
  void bucket(Resolution resolution, long bucketIndex, long good, long total);

  void deleteBucket(Resolution resolution, long bucketIndex);

  void sketch(long minute, LatencySketch sketch);

  void deleteSketch(long minute);

  void meta(long lateEvents, long firstMinute, List<AlertTrack> alerts);
}
