package com.huntaze.slo.processor.intake;

import com.huntaze.slo.schemas.slo.SloDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition's state holds an SLO: that of its service, as Kafka's default partitioner places
 * the service's events (key = service). No repartitioning, and every reader of the event topic
 * agrees.
 */
public final class Partitioning {
  private Partitioning() {
  }

  /** The SLOs whose service lands on {@code partition}. */
  public static List<SloDefinition> slosOf(List<SloDefinition> slos, int partition, int partitions) {
    return slos.stream().filter(s -> partitionOf(s.service(), partitions) == partition).toList();
  }

  /** Kafka's default partitioner for a keyed record (murmur2 of the key bytes). */
  public static int partitionOf(String service, int partitions) {
    return Utils.toPositive(Utils.murmur2(service.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
