package com.huntaze.slo.bench;

import static com.huntaze.slo.bench.Main.OUT;
import static com.huntaze.slo.bench.Main.threadCpuNanos;

import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.processor.intake.EventIntake;
import com.huntaze.slo.processor.intake.Partitioning;
import com.huntaze.slo.processor.intake.PipelineMetrics;
import com.huntaze.slo.schemas.slo.SloConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A replay's work per event without the broker: one partition's events of the replay workload,
 * encoded as the gateway encodes them, read from memory by the same intake and engine as a replay
 * reader, once with the replay's event batches and once one event at a time (minute batches only,
 * the replay before event batches), alternated round by round. Without a broker and a consumer in
 * the same two cores, the figures move far less between runs than the replay benchmark's.
 */
@Command(name = "core", mixinStandardHelpOptions = true,
    description = "The replay's SLO core alone (no broker): ns per event with event batches vs one event at a time, same events, same run.")
final class CoreBench implements Callable<Integer> {
  private static final int PARTITIONS = 4;

  @Option(names = "--events", description = "Events of the whole workload (24 h, 100 services); one partition's share is replayed. "
      + "Default: ${DEFAULT-VALUE}", defaultValue = "10000000")
  long events;

  @Option(names = "--rounds", description = "Rounds; each times both ways once. Default: ${DEFAULT-VALUE}", defaultValue = "4")
  int rounds;

  @Override
  public Integer call() throws Exception {
    SloConfig config = Workload.slos(Workload.Kind.standard);
    long end = System.currentTimeMillis();
    Workload.PartitionEvents partition = Workload.partitionEvents(events, end, Duration.ofHours(24), false, PARTITIONS);
    List<byte[]> values = partition.values();
    List<Long> times = partition.times();
    OUT.printf(Locale.ROOT, "core benchmark: partition 0 of %d, %,d events, %d SLOs%n", PARTITIONS, values.size(),
        Partitioning.slosOf(config.slos(), 0, PARTITIONS).size());
    EngineSettings replay = EngineSettings.DEFAULTS.withMinuteBatches().evaluatedOnlyAt(end);
    double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
    for (int round = 1; round <= rounds; round++) {
      double single = nanosPerEvent(config, replay, values, times);
      double batched = nanosPerEvent(config, replay.withEventBatches(), values, times);
      best[0] = Math.min(best[0], single);
      best[1] = Math.min(best[1], batched);
      OUT.printf(Locale.ROOT, "round %d: one event at a time %.0f ns of CPU/event, event batches %.0f ns/event (%.2fx)%n",
          round, single, batched, single / batched);
    }
    OUT.printf(Locale.ROOT, "RESULT single_ns=%.0f batched_ns=%.0f speedup=%.2f (best round of each)%n", best[0], best[1],
        best[0] / best[1]);
    return 0;
  }

  private static double nanosPerEvent(SloConfig config, EngineSettings settings, List<byte[]> values, List<Long> times) {
    SloEngine engine = new SloEngine(Partitioning.slosOf(config.slos(), 0, PARTITIONS), settings);
    EventIntake intake = new EventIntake(engine, config.slos(), 0, PARTITIONS, PipelineMetrics.NONE);
    long now = Long.MIN_VALUE;
    long began = threadCpuNanos();
    for (int i = 0; i < values.size(); i++) {
      long at = times.get(i); // the gateway stamps a record with its event's time
      now = Math.max(now, at);
      if (intake.accept(values.get(i), at, now) != null) {
        throw new IllegalStateException("event " + i + " was refused");
      }
    }
    engine.evaluate(now, new ArrayList<>());
    return (threadCpuNanos() - began) / (double) values.size();
  }
}
