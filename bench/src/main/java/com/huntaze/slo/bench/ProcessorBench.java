package com.huntaze.slo.bench;

import static com.huntaze.slo.bench.Main.EMIT_INTERVAL;
import static com.huntaze.slo.bench.Main.OUT;
import static com.huntaze.slo.bench.Main.threadCpuNanos;

import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.processor.intake.PipelineMetrics;
import com.huntaze.slo.processor.topology.SloTopology;
import com.huntaze.slo.processor.topology.TopologySettings;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.service.KafkaOptions;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.testing.KafkaFixture;
import java.io.IOException;
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

/**
 * The live processor against Kafka's raw consumer on the same topic. With {@code --workload grouped}
 * it also runs the same SLOs without {@code groupBy} on the same events, in the same JVM, rounds
 * alternating which goes first: two separate runs each pay their own JIT warm-up (8-12 s of a 2M
 * grouped run) and meet different load on this shared machine, so their ratio was mostly noise.
 */
@Command(name = "processor", mixinStandardHelpOptions = true,
    description = "Produce N realistic events (100 services, 1,000 SLOs), then read them with Kafka's raw consumer "
        + "and with the processor; print events/s for both and the ratio, and the processor's heap and state size. "
        + "With --workload grouped, also the same SLOs without groupBy on the same events, and grouped / ungrouped.")
final class ProcessorBench implements Callable<Integer> {
  private static final java.lang.management.CompilationMXBean JIT = java.lang.management.ManagementFactory.getCompilationMXBean();

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

  @Option(names = "--rounds", description = "Times the processor reads all the events, each time a new Kafka Streams "
      + "instance in this JVM; the best round is reported (later rounds run code already compiled, as a processor does "
      + "after its first minutes). With --workload grouped, each round runs both workloads. Default: 1, with --workload "
      + "grouped 4")
  Integer rounds;

  @Option(names = "--measure-from", description = "Share of the events, 0..1, after which the rate is measured: with 0.5 "
      + "and twice the --span, the first half fills the state (new group instances, ring pages) and the rate is that of a "
      + "processor whose state is already there. Default: ${DEFAULT-VALUE}", defaultValue = "0")
  double measureFrom;

  @Option(names = "--timeout-minutes", description = "Give up after this long. Default: ${DEFAULT-VALUE}", defaultValue = "30")
  int timeoutMinutes;

  @Override
  public Integer call() throws Exception {
    if (events < 1 || partitions < 1 || threads < 1 || spanHours < 1 || rounds() < 1 || !(lateShare >= 0 && lateShare <= 1)
        || !(measureFrom >= 0 && measureFrom < 1)) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--events, --span, --partitions, --threads and --rounds must be "
          + "positive, --late-share within 0..1 and --measure-from within 0..1 (not 1)");
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
      boolean compare = workload == Workload.Kind.grouped;
      ProcessorRun best = null;
      ProcessorRun bestUngrouped = null;
      for (int round = 1; round <= rounds(); round++) {
        // Alternated, so neither workload always runs on code the other one's round compiled.
        boolean ungroupedFirst = compare && round % 2 == 0;
        if (ungroupedFirst) {
          bestUngrouped = faster(bestUngrouped, runRound(round, Workload.Kind.ungrouped, servers, topics));
        }
        best = faster(best, runRound(round, workload, servers, topics));
        if (compare && !ungroupedFirst) {
          bestUngrouped = faster(bestUngrouped, runRound(round, Workload.Kind.ungrouped, servers, topics));
        }
      }
      double ratio = best.rate() / rawRate;
      OUT.println();
      OUT.printf(Locale.ROOT, "RESULT events=%d raw_consumer_eps=%.0f processor_eps=%.0f ratio=%.2f processor_total_s=%.2f "
              + "heap_after_gc_mb=%.1f state_dir_mb=%.1f emits=%d%s%s%n",
          events, rawRate, best.rate(), ratio, best.totalSeconds(), best.heapMb(), best.stateMb(), best.emits(),
          measureFrom > 0 ? " measured_from_event=" + measuredFrom() : "",
          compare ? String.format(Locale.ROOT, " ungrouped_eps=%.0f grouped_vs_ungrouped=%.2f", bestUngrouped.rate(),
              best.rate() / bestUngrouped.rate()) : "");
      OUT.printf(Locale.ROOT, "processor / raw consumer = %.2f%s%n", ratio, workload == Workload.Kind.standard ? " (target >= 0.5)" : "");
      if (compare) {
        OUT.printf(Locale.ROOT, "grouped / ungrouped = %.2f (target >= 0.8; best round of %d each)%n",
            best.rate() / bestUngrouped.rate(), rounds());
      }
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

  private int rounds() {
    // Grouped: even, so the order G U, U G, G U, U G gives each workload as many late places (the JVM
    // keeps getting faster for minutes; with 3 the ungrouped one always ran last, on the most compiled code).
    return rounds != null ? rounds : workload == Workload.Kind.grouped ? 4 : 1;
  }

  /** The event after which a round's rate is measured ({@code --measure-from}). */
  private long measuredFrom() {
    return (long) (events * measureFrom);
  }

  private ProcessorRun runRound(int round, Workload.Kind kind, String servers, Topics topics) throws Exception {
    OUT.printf(Locale.ROOT, "round %d of %d: %s%n", round, rounds(), kind);
    ProcessorRun run = runProcessor(servers, topics, Workload.slos(kind));
    OUT.printf(Locale.ROOT, "round %d, %s: %,.0f events/s (%d emits, heap after GC %.0f MB)%n", round, kind, run.rate(), run.emits(),
        run.heapMb());
    return run;
  }

  private static ProcessorRun faster(ProcessorRun best, ProcessorRun run) {
    return best == null || run.rate() > best.rate() ? run : best;
  }

  private ProcessorRun runProcessor(String servers, Topics topics, SloConfig slos) throws Exception {
    Path stateDir = Files.createTempDirectory("bench-processor");
    AtomicLong firstEvent = new AtomicLong();
    AtomicLong lastEvent = new AtomicLong();
    AtomicLong emits = new AtomicLong();
    long[] streamThread = new long[1];
    long[] streamCpu = new long[2];
    long[] compiling = new long[2];
    long measuredFrom = measuredFrom();
    try (Progress progress = new Progress("processor", events, OUT)) {
      PipelineMetrics counting = new PipelineMetrics() {
        @Override
        public void event(SloEngine.Outcome outcome) {
          // Called on the stream thread that processed the event; a plain read first, cheaper than a CAS per event.
          if (firstEvent.get() == 0 && progress.done() >= measuredFrom && firstEvent.compareAndSet(0, System.nanoTime())) {
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
        double rate = (events - measuredFrom) / processing;
        System.gc();
        Runtime rt = Runtime.getRuntime();
        double heapMb = (rt.totalMemory() - rt.freeMemory()) / 1e6;
        OUT.printf(Locale.ROOT, "processor: %,d events in %.2f s from %s to last event = %,.0f events/s "
            + "(%.2f s including start-up and rebalance)%n", events - measuredFrom, processing,
            measuredFrom == 0 ? "first" : "event " + measuredFrom, rate, total);
        if (streamCpu[1] > 0) { // the first and last event went through the same stream thread
          OUT.printf(Locale.ROOT, "from the first measured event to the last: stream thread on CPU %.2f s, JIT compiling %.2f s%n",
              (streamCpu[1] - streamCpu[0]) / 1e9, (compiling[1] - compiling[0]) / 1e3);
        }
        OUT.println(Main.streamThreadTime(streams));
        streams.close(Duration.ofSeconds(30));
        return new ProcessorRun(rate, total, heapMb, sizeMb(stateDir), emits.get());
      }
    }
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
