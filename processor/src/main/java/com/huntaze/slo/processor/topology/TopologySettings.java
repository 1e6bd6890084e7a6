package com.huntaze.slo.processor.topology;

import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.slo.SloConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the topology is built from.
 *
 * @param inputPartitions partitions of the request-events topic: a task owns the SLOs of the
 *     services whose key hashes to its partition, as Kafka's default partitioner places them
 * @param emitInterval how often each SLO's status is evaluated and published
 * @param replay for a replay, the offsets it covers; empty for the live processor
 * @param catchUpOffsets for a live processor started on history ({@code --start-from}): per
 *     partition, the end offset when it started; until a task reaches it, it publishes nothing
 *     (its state is still being rebuilt). Empty map: publish from the start
 */
public record TopologySettings(
    SloConfig slos,
    Topics topics,
    EngineSettings engine,
    Duration emitInterval,
    EvaluationClock clock,
    int inputPartitions,
    PipelineMetrics metrics,
    Optional<ReplayBounds> replay,
    java.util.Map<Integer, Long> catchUpOffsets) {

  public TopologySettings {
    if (inputPartitions < 1) {
      throw new IllegalArgumentException("inputPartitions must be at least 1");
    }
    if (emitInterval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("emit interval must be at least 100ms, got " + emitInterval);
    }
  }

  /** The live processor's settings. */
  public static TopologySettings live(SloConfig slos, Topics topics, EngineSettings engine, Duration emitInterval,
                                      int inputPartitions, PipelineMetrics metrics) {
    return new TopologySettings(slos, topics, engine, emitInterval, EvaluationClock.LIVE, inputPartitions, metrics, Optional.empty(),
        java.util.Map.of());
  }

  /** The same settings, publishing nothing from a partition until it has read up to the given offset. */
  public TopologySettings quietUntil(java.util.Map<Integer, Long> offsets) {
    return new TopologySettings(slos, topics, engine, emitInterval, clock, inputPartitions, metrics, replay, java.util.Map.copyOf(offsets));
  }
}
