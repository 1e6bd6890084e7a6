package com.huntaze.slo.bench;

import static com.huntaze.slo.bench.Main.OUT;
import static com.huntaze.slo.bench.Main.threadCpuNanos;

import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.processor.core.SloState;
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
 * What grouping itself costs, in the SLO core alone: one partition's events of the grouped
 * workload, encoded as the gateway encodes them, read from memory by the live processor's intake
 * and engine, once with the grouped SLOs and once with the same SLOs without {@code groupBy},
 * alternated round by round. Every {@code --emit-every} events both evaluate every instance (an
 * emit) and drain what changed (a commit's store writes, counted, not written). CPU time of this
 * thread only: without a broker, a consumer and a JIT compiler busy with them on the same two
 * cores, the figures move far less between runs than the processor benchmark's.
 */
@Command(name = "grouping", mixinStandardHelpOptions = true,
    description = "Grouping's cost in the SLO core alone (no broker): CPU per event, per emit and store records, "
        + "grouped vs the same SLOs without groupBy, same events, same run.")
final class GroupingBench implements Callable<Integer> {
  @Option(names = "--events", description = "Events of the whole workload (6 h, 100 services); one partition's share is read. "
      + "Default: ${DEFAULT-VALUE}", defaultValue = "8000000")
  long events;

  @Option(names = "--partitions", description = "Partitions the workload is split into; partition 0's events and SLOs are read. "
      + "1 reads them all in one engine: the state one stream thread holds when it runs every task. Default: ${DEFAULT-VALUE}",
      defaultValue = "4")
  int partitions;

  @Option(names = "--rounds", description = "Rounds; each times both workloads once. Default: ${DEFAULT-VALUE}", defaultValue = "3")
  int rounds;

  @Option(names = "--emit-every", description = "Events of the partition between two emits (and commits). Default: ${DEFAULT-VALUE}",
      defaultValue = "125000")
  int emitEvery;

  /** One workload's round: CPU per event in all, and the part of it the emits and the drains took. */
  private record Round(double nanosPerEvent, double evaluateMs, double drainMs, long records) {
  }

  @Override
  public Integer call() throws Exception {
    if (events < 1 || partitions < 1 || rounds < 1 || emitEvery < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--events, --partitions, --rounds and --emit-every must be positive");
    }
    long end = System.currentTimeMillis();
    Workload.PartitionEvents partition = Workload.partitionEvents(events, end, Duration.ofHours(6), true, partitions);
    List<byte[]> values = partition.values();
    List<Long> times = partition.times();
    OUT.printf(Locale.ROOT, "grouping benchmark: partition 0 of %d, %,d events, an emit every %,d events%n", partitions,
        values.size(), emitEvery);
    Round[] best = new Round[2];
    for (int round = 1; round <= rounds; round++) {
      Round grouped = run(Workload.slos(Workload.Kind.grouped), values, times, end);
      Round ungrouped = run(Workload.slos(Workload.Kind.ungrouped), values, times, end);
      best[0] = best[0] == null || grouped.nanosPerEvent() < best[0].nanosPerEvent() ? grouped : best[0];
      best[1] = best[1] == null || ungrouped.nanosPerEvent() < best[1].nanosPerEvent() ? ungrouped : best[1];
      OUT.printf(Locale.ROOT, "round %d: grouped %s; ungrouped %s; ungrouped / grouped = %.2f%n", round, describe(grouped),
          describe(ungrouped), ungrouped.nanosPerEvent() / grouped.nanosPerEvent());
    }
    OUT.printf(Locale.ROOT, "RESULT grouped_ns=%.0f ungrouped_ns=%.0f ratio=%.2f (best round of each; the ratio is of "
        + "rates, ungrouped time / grouped time)%n", best[0].nanosPerEvent(), best[1].nanosPerEvent(),
        best[1].nanosPerEvent() / best[0].nanosPerEvent());
    return 0;
  }

  private static String describe(Round r) {
    return String.format(Locale.ROOT, "%.0f ns of CPU/event (emits %.0f ms, drains %.0f ms, %,d store records)",
        r.nanosPerEvent(), r.evaluateMs(), r.drainMs(), r.records());
  }

  private Round run(SloConfig config, List<byte[]> values, List<Long> times, long now) {
    SloEngine engine = new SloEngine(Partitioning.slosOf(config.slos(), 0, partitions), EngineSettings.DEFAULTS);
    EventIntake intake = new EventIntake(engine, config.slos(), 0, partitions, PipelineMetrics.NONE);
    long[] records = {0};
    var counting = GroupsBench.countingChanges(records);
    long evaluating = 0;
    long draining = 0;
    long began = threadCpuNanos();
    for (int i = 0; i < values.size(); i++) {
      // The live processor admits events against the wall clock: "now" is the end of the span.
      if (intake.accept(values.get(i), times.get(i), now) != null) {
        throw new IllegalStateException("event " + i + " was refused");
      }
      if ((i + 1) % emitEvery == 0 || i == values.size() - 1) {
        long emitted = threadCpuNanos();
        engine.evaluate(now, new ArrayList<>());
        long drained = threadCpuNanos();
        for (SloState instance : engine.instances()) {
          if (instance.persistence().hasChanges()) {
            instance.persistence().drainChanges(counting);
          }
        }
        evaluating += drained - emitted;
        draining += threadCpuNanos() - drained;
      }
    }
    long total = threadCpuNanos() - began;
    return new Round(total / (double) values.size(), evaluating / 1e6, draining / 1e6, records[0]);
  }
}
