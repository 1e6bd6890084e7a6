package com.huntaze.slo.processor.topology;

import com.huntaze.slo.processor.core.Evaluation;
import java.util.List;
import java.util.Map;

/**
 * What a replay reads and where it stops: per partition, the first offset to read and the offset
 * it must not reach (taken once, at start, so a replay ends even while events keep arriving).
 * When a partition reaches its stop offset, its SLOs are evaluated once more at {@code
 * evaluateAtMillis} and handed to the listener.
 */
public record ReplayBounds(Map<Integer, Long> startOffsets, Map<Integer, Long> stopOffsets, long evaluateAtMillis,
                           Listener listener) {
  public ReplayBounds {
    startOffsets = Map.copyOf(startOffsets);
    stopOffsets = Map.copyOf(stopOffsets);
  }

  boolean isEmpty(int partition) {
    return startOffsets.getOrDefault(partition, 0L) >= stopOffsets.getOrDefault(partition, 0L);
  }

  long stop(int partition) {
    return stopOffsets.getOrDefault(partition, 0L);
  }

  /** Hears how a replay advances; called on stream threads, so implementations must be thread-safe. */
  public interface Listener {
    /** A record of the range was processed. */
    void progress(int partition, long offset, long recordMillis);

    /** The partition is done; these are its SLOs as of {@code evaluateAtMillis}. */
    void finished(int partition, List<Evaluation> evaluations);
  }
}
