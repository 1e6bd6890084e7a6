package com.huntaze.slo.processor.topology;

import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.intake.PipelineMetrics;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.slo.SloConfig;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the live topology is built from.
 *
 * @param inputPartitions partitions of the request-events topic: a task owns the SLOs of the
 *     services whose key hashes to its partition, as Kafka's default partitioner places them
 * @param emitInterval how often each SLO's status is evaluated and published (wall clock)
 * @param catchUpOffsets for a processor started on history ({@code --start-from}): per partition,
 *     the end offset when it started; until a task reaches it, it publishes nothing (its state is
 *     still being rebuilt). Empty map: publish from the start
 */
public record TopologySettings(
    SloConfig slos,
    Topics topics,
    EngineSettings engine,
    Duration emitInterval,
    int inputPartitions,
    PipelineMetrics metrics,
    Map<Integer, Long> catchUpOffsets) {

  public TopologySettings {
    if (inputPartitions < 1) {
      throw new IllegalArgumentException("inputPartitions must be at least 1");
    }
    if (emitInterval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("emit interval must be at least 100ms, got " + emitInterval);
    }
    catchUpOffsets = Map.copyOf(catchUpOffsets);
  }

  public static TopologySettings live(SloConfig slos, Topics topics, EngineSettings engine, Duration emitInterval,
                                      int inputPartitions, PipelineMetrics metrics) {
    return new TopologySettings(slos, topics, engine, emitInterval, inputPartitions, metrics, Map.of());
  }

  /** The same settings, publishing nothing from a partition until it has read up to the given offset. */
  public TopologySettings quietUntil(Map<Integer, Long> offsets) {
    return new TopologySettings(slos, topics, engine, emitInterval, inputPartitions, metrics, offsets);
  }
}
