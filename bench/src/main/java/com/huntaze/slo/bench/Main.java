package com.huntaze.slo.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Benchmarks against a real broker, each next to a baseline measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {ProcessorBench.class, ReplayBench.class, GroupsBench.class, GroupingBench.class, CoreBench.class},
    description = "Benchmarks of the SLO pipeline against a real Kafka broker (in-process KRaft unless --bootstrap-servers).")
public final class Main implements Callable<Integer> {
  static final PrintStream OUT = System.out;
  /** The live processor's default: each emit commits. */
  static final Duration EMIT_INTERVAL = Duration.ofSeconds(5);

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(OUT);
    return 0;
  }

  /** CPU time of the calling thread so far: on a shared machine, time others take is not the measured code's. */
  static long threadCpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** CPU time of this process so far (every thread: the in-process broker's too). */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /**
   * Where the stream threads' time went, from Kafka Streams' own metrics: the share of each phase
   * (over the last 30 s) and the commits and emits (punctuations) with their mean and longest
   * duration. A run's rate depends on how many commits fall in it, so they are printed with it.
   * With several stream threads: shares and means averaged over them, counts summed, longest the longest.
   */
  static String streamThreadTime(KafkaStreams streams) {
    Map<String, java.util.DoubleSummaryStatistics> perThread = new java.util.TreeMap<>();
    streams.metrics().forEach((name, metric) -> {
      if (name.group().equals("stream-thread-metrics") && metric.metricValue() instanceof Double d && !d.isNaN()) {
        perThread.computeIfAbsent(name.name(), n -> new java.util.DoubleSummaryStatistics()).accept(d);
      }
    });
    Map<String, Double> m = new java.util.TreeMap<>();
    perThread.forEach((name, values) -> m.put(name, name.endsWith("-total") ? values.getSum()
        : name.endsWith("-max") ? values.getMax() : values.getAverage()));
    return String.format(Locale.ROOT, "stream threads: process %.0f %%, poll %.0f %%, commit %.0f %%, punctuate %.0f %%; "
            + "%.0f commits (mean %.0f ms, max %.0f ms), %.0f punctuations (mean %.0f ms, max %.0f ms)",
        100 * m.getOrDefault("process-ratio", 0.0), 100 * m.getOrDefault("poll-ratio", 0.0),
        100 * m.getOrDefault("commit-ratio", 0.0), 100 * m.getOrDefault("punctuate-ratio", 0.0),
        m.getOrDefault("commit-total", 0.0), m.getOrDefault("commit-latency-avg", 0.0), m.getOrDefault("commit-latency-max", 0.0),
        m.getOrDefault("punctuate-total", 0.0), m.getOrDefault("punctuate-latency-avg", 0.0), m.getOrDefault("punctuate-latency-max", 0.0));
  }
}
