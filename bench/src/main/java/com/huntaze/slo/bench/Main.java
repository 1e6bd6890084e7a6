package com.huntaze.slo.bench;

import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.processor.intake.PipelineMetrics;
import com.huntaze.slo.processor.topology.SloTopology;
import com.huntaze.slo.schemas.service.KafkaOptions;
import com.huntaze.slo.processor.topology.TopologySettings;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.testing.KafkaFixture;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks against a real broker, each next to a baseline measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {Main.ProcessorBench.class, ReplayBench.class, GroupsBench.class, GroupingBench.class, CoreBench.class},
    description = "Benchmarks of the SLO pipeline against a real Kafka broker (in-process KRaft unless --bootstrap-servers).")
public final class Main implements Callable<Integer> {
  static final PrintStream OUT = System.out;
  private static final java.lang.management.CompilationMXBean JIT = java.lang.management.ManagementFactory.getCompilationMXBean();
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

  @Command(name = "processor", mixinStandardHelpOptions = true,
      description = "Produce N realistic events (100 services, 1,000 SLOs), then read them with Kafka's raw consumer "
          + "and with the processor; print events/s for both and the ratio, and the processor's heap and state size.")
  static final class ProcessorBench implements Callable<Integer> {
    @Option(names = "--events", description = "Events to produce. Default: ${DEFAULT-VALUE}", defaultValue = "2000000")
    long events;

    @Option(names = "--span", description = "Event-time span the events cover, in hours. Default: ${DEFAULT-VALUE}", defaultValue = "6")
    int spanHours;

    @Option(names = "--late-share", description = "Share of events that arrive 1-48 hours late, 0..1 (a client backlog). "
        + "Default: ${DEFAULT-VALUE}", defaultValue = "0")
    double lateShare;

    @Option(names = "--partitions", description = "Partitions of the event topic. Default: ${DEFAULT-VALUE}", defaultValue = "4")
    int partitions;

    @Option(names = "--workload", description = "standard: 1,000 SLOs of 100 services; grouped: 100 SLOs split by operation "
        + "and region into 100 groups each, bad events ranked by 10 keys (events carry 10 attributes); ungrouped: the "
        + "grouped workload without groupBy (what grouping itself costs). Default: ${DEFAULT-VALUE}", defaultValue = "standard")
    Workload.Kind workload;

    @Option(names = "--threads", description = "Processor stream threads. Default: ${DEFAULT-VALUE}", defaultValue = "1")
    int threads;

    @Option(names = "--bootstrap-servers", description = "Use this broker instead of an in-process one (its topic must not exist yet)")
    String bootstrap;

    @Option(names = "--streams-config", paramLabel = "KEY=VALUE", description = "Extra Kafka Streams setting for the processor, repeatable")
    java.util.Map<String, String> streamsConfig = new java.util.LinkedHashMap<>();

    @Option(names = "--streams-baseline", description = "Also time an empty Kafka Streams topology (same settings, exactly-once) on the topic")
    boolean streamsBaseline;

    @Option(names = "--timeout-minutes", description = "Give up after this long. Default: ${DEFAULT-VALUE}", defaultValue = "30")
    int timeoutMinutes;

    @Override
    public Integer call() throws Exception {
      if (events < 1 || partitions < 1 || threads < 1 || spanHours < 1 || !(lateShare >= 0 && lateShare <= 1)) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--events, --span, --partitions and --threads must be positive");
      }
      KafkaFixture fixture = bootstrap == null ? KafkaFixture.start() : null;
      try {
        String servers = bootstrap != null ? bootstrap : fixture.bootstrapServers();
        String topic = "bench.request-events." + System.currentTimeMillis();
        Topics topics = Topics.withNames(topic, topic + ".status", topic + ".alerts", topic + ".dlq");
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers", servers))) {
          admin.createTopics(java.util.List.of(
              new org.apache.kafka.clients.admin.NewTopic(topic, partitions, (short) 1),
              new org.apache.kafka.clients.admin.NewTopic(topics.status().name(), partitions, (short) 1),
              new org.apache.kafka.clients.admin.NewTopic(topics.alerts().name(), partitions, (short) 1),
              new org.apache.kafka.clients.admin.NewTopic(topics.deadLetters().name(), 1, (short) 1))).all().get();
        }
        SloConfig slos = Workload.slos(workload);
        OUT.printf(Locale.ROOT, "processor benchmark: %,d events (%.0f %% 1-48 h late), %d services, %d SLOs%s, %d partitions, "
                + "%d stream thread(s), Kafka %s%n", events, lateShare * 100, Workload.SERVICES, slos.slos().size(),
            workload.description(), partitions, threads, servers);

        long spanStart = Instant.now().minus(Duration.ofHours(spanHours)).toEpochMilli();
        try (Progress progress = new Progress("producing", events, OUT)) {
          Workload.produce(servers, topic, events, spanStart, Duration.ofHours(spanHours), 42, lateShare, workload != Workload.Kind.standard, progress);
        }

        double rawSeconds;
        try (Progress progress = new Progress("raw consumer", events, OUT)) {
          rawSeconds = RawConsumer.read(servers, topic, events, progress);
        }
        double rawRate = events / rawSeconds;
        OUT.printf(Locale.ROOT, "raw consumer: %,d events in %.2f s = %,.0f events/s%n", events, rawSeconds, rawRate);

        if (streamsBaseline) {
          double emptyRate = runEmptyStreams(servers, topic);
          OUT.printf(Locale.ROOT, "empty Kafka Streams topology: %,.0f events/s (%.2f x raw consumer)%n", emptyRate, emptyRate / rawRate);
        }
        ProcessorRun run = runProcessor(servers, topics, slos);
        double ratio = run.rate() / rawRate;
        OUT.println();
        OUT.printf(Locale.ROOT, "RESULT events=%d raw_consumer_eps=%.0f processor_eps=%.0f ratio=%.2f processor_total_s=%.2f "
                + "heap_after_gc_mb=%.1f state_dir_mb=%.1f emits=%d%n",
            events, rawRate, run.rate(), ratio, run.totalSeconds(), run.heapMb(), run.stateMb(), run.emits());
        OUT.printf(Locale.ROOT, "processor / raw consumer = %.2f (target >= 0.5)%n", ratio);
        return 0;
      } finally {
        if (fixture != null) {
          fixture.close();
        }
      }
    }

    /**
     * @param emits emits (each followed by a commit) before the last event, counted per task
     *     (each emits its own SLOs): a run's rate depends on how many fall in it, so it is printed with it
     */
    record ProcessorRun(double rate, double totalSeconds, double heapMb, double stateMb, long emits) {
    }

    private ProcessorRun runProcessor(String servers, Topics topics, SloConfig slos) throws Exception {
      Path stateDir = Files.createTempDirectory("bench-processor");
      AtomicLong firstEvent = new AtomicLong();
      AtomicLong lastEvent = new AtomicLong();
      AtomicLong emits = new AtomicLong();
      long[] streamThread = new long[1];
      long[] streamCpu = new long[2];
      long[] compiling = new long[2];
      try (Progress progress = new Progress("processor", events, OUT)) {
        PipelineMetrics counting = new PipelineMetrics() {
          @Override
          public void event(SloEngine.Outcome outcome) {
            // Called on the stream thread that processed the event.
            if (firstEvent.compareAndSet(0, System.nanoTime())) {
              streamThread[0] = Thread.currentThread().getId();
              streamCpu[0] = threadCpuNanos();
              compiling[0] = JIT.getTotalCompilationTime();
            }
            lastEvent.set(System.nanoTime());
            if (progress.done() == events - 1 && Thread.currentThread().getId() == streamThread[0]) {
              streamCpu[1] = threadCpuNanos(); // before the count that ends the run: visible to it
              compiling[1] = JIT.getTotalCompilationTime();
            }
            progress.add(1);
          }

          @Override
          public void deadLettered(String reason) {
            progress.add(1);
          }

          @Override
          public void evaluated(int slos, long nanos) {
            if (progress.done() < events) {
              emits.incrementAndGet();
            }
          }
        };
        TopologySettings settings = TopologySettings.live(slos, topics, EngineSettings.DEFAULTS, EMIT_INTERVAL,
            partitions, counting);
        Properties props = SloTopology.streamsProperties(new KafkaOptions(servers, Map.of()).properties(), "bench-processor-" + System.nanoTime(), stateDir, threads, 1);
        props.putAll(streamsConfig);
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(timeoutMinutes).toNanos();
        try (KafkaStreams streams = new KafkaStreams(SloTopology.build(settings), props)) {
          streams.start();
          while (progress.done() < events) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
              throw new IllegalStateException("processor did not finish: " + progress.done() + " of " + events
                  + " events, streams " + streams.state());
            }
            Thread.sleep(20);
          }
          double total = (System.nanoTime() - started) / 1e9;
          double processing = (lastEvent.get() - firstEvent.get()) / 1e9;
          double rate = events / processing;
          System.gc();
          Runtime rt = Runtime.getRuntime();
          double heapMb = (rt.totalMemory() - rt.freeMemory()) / 1e6;
          OUT.printf(Locale.ROOT, "processor: %,d events in %.2f s from first to last event = %,.0f events/s "
              + "(%.2f s including start-up and rebalance)%n", events, processing, rate, total);
          if (streamCpu[1] > 0) { // the first and last event went through the same stream thread
            OUT.printf(Locale.ROOT, "from first to last event: stream thread on CPU %.2f s, JIT compiling %.2f s%n",
                (streamCpu[1] - streamCpu[0]) / 1e9, (compiling[1] - compiling[0]) / 1e3);
          }
          OUT.println(threadTime(streams));
          streams.close(Duration.ofSeconds(30));
          return new ProcessorRun(rate, total, heapMb, sizeMb(stateDir), emits.get());
        }
      }
    }

    /**
     * Where the stream threads' time went, from Kafka Streams' own metrics: the share of each phase
     * (over the last 30 s) and the commits and emits (punctuations) with their mean and longest
     * duration. A run's rate depends on how many commits fall in it, so they are printed with it.
     * With several stream threads: shares and means averaged over them, counts summed, longest the longest.
     */
    private static String threadTime(KafkaStreams streams) {
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

    /** Kafka Streams' own cost: the same settings and topic, a processor that only counts. */
    private double runEmptyStreams(String servers, String topic) throws Exception {
      Path stateDir = Files.createTempDirectory("bench-empty");
      AtomicLong first = new AtomicLong();
      AtomicLong last = new AtomicLong();
      try (Progress progress = new Progress("empty streams", events, OUT)) {
        org.apache.kafka.streams.Topology topology = new org.apache.kafka.streams.Topology();
        var bytes = new org.apache.kafka.common.serialization.ByteArrayDeserializer();
        topology.addSource("source", bytes, bytes, topic);
        topology.addProcessor("count", () -> (org.apache.kafka.streams.processor.api.Processor<byte[], byte[], Void, Void>) record -> {
          first.compareAndSet(0, System.nanoTime());
          progress.add(1);
          last.set(System.nanoTime());
        }, "source");
        Properties props = SloTopology.streamsProperties(new KafkaOptions(servers, Map.of()).properties(), "bench-empty-" + System.nanoTime(), stateDir, threads, 1);
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
          streams.start();
          long deadline = System.nanoTime() + Duration.ofMinutes(timeoutMinutes).toNanos();
          while (progress.done() < events && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
          streams.close(Duration.ofSeconds(30));
        }
      }
      return events / ((last.get() - first.get()) / 1e9);
    }

    private static double sizeMb(Path dir) throws IOException {
      try (Stream<Path> files = Files.walk(dir)) {
        return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum() / 1e6;
      }
    }
  }
}
