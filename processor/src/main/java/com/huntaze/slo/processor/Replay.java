package com.huntaze.slo.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.core.Evaluation;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.processor.core.WindowResult;
import com.huntaze.slo.processor.topology.EvaluationClock;
import com.huntaze.slo.processor.topology.PipelineMetrics;
import com.huntaze.slo.processor.topology.ReplayBounds;
import com.huntaze.slo.processor.topology.SloTopology;
import com.huntaze.slo.processor.topology.TopologySettings;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.slo.Durations;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Recomputes SLO state from the event topic for a time range with the live topology, under its own
 * application id, and stops by itself at the end offsets taken when it started.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Recompute SLO budgets from the history in the event topic (backfill), e.g. for an SLO defined today.",
        "Reads from the offsets of --from up to the end offsets taken at start (or those of --to), evaluates every SLO "
            + "at --to, prints a summary and writes one JSON line per SLO. Writes nothing to the live topics unless "
            + "--write-live-status; never publishes alerts where the exporter would send them to Alertmanager."},
    footer = {"%nTimes: ISO-8601 instant (2026-11-01T00:00:00Z), a UTC date (2026-11-01), epoch milliseconds, "
        + "or a duration back from --to (30d, 12h).",
        "Example: processor replay --slos new-slos.yaml --output backfill.jsonl"})
final class Replay implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(Replay.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  SharedOptions shared;

  @Option(names = "--from", description = "Start of the range. Default: as far back as the longest SLO window needs (plus the grace)")
  String from;

  @Option(names = "--to", description = "End of the range and the time SLOs are evaluated at. Default: now")
  String to;

  @Option(names = "--output", description = "Write the result per SLO as JSON lines to this file")
  Path output;

  @Option(names = "--output-topics", description = "Prefix of the replay's own topics (<prefix>.status, .alerts, .dlq). Default: ${DEFAULT-VALUE}",
      defaultValue = "slo.replay")
  String outputTopics;

  @Option(names = "--write-live-status", description = "Also publish the replayed statuses to the live slo.status topic "
      + "(alerts still go to the replay's own topic)")
  boolean writeLiveStatus;

  @Option(names = "--emit-interval", description = "Status emitted every so much stream time during the replay. Default: ${DEFAULT-VALUE}",
      defaultValue = "1h")
  String emitInterval;

  @Option(names = "--keep-state", description = "Keep the replay's consumer group, changelog topic and local state (default: removed at the end)")
  boolean keepState;

  @Option(names = "--timeout", description = "Give up after this long. Default: ${DEFAULT-VALUE}", defaultValue = "6h")
  String timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant now = Instant.now();
    // Flags first: a typo should be reported as such, whatever else is wrong.
    Instant end = to == null ? now : time("--to", to, now);
    Optional<Instant> requestedStart = from == null ? Optional.empty() : Optional.of(time("--from", from, end));
    SloConfig config = shared.loadSlos(err);
    if (config == null) {
      return 1;
    }
    EngineSettings engineSettings = shared.engineSettings(Duration.ofMinutes(1));
    Duration longest = config.slos().stream().map(SloDefinition::window).max(Comparator.naturalOrder()).orElseThrow();
    Instant start = requestedStart.orElse(end.minus(longest).minus(engineSettings.grace()));
    if (!start.isBefore(end)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--from (" + start + ") must be before --to (" + end + ")");
    }
    Topics live = Topics.defaults();
    String eventTopic = live.requestEvents().name();

    try (Admin admin = Admin.create(shared.adminProperties())) {
      int partitions;
      try {
        partitions = TopicSetup.partitionsOf(admin, eventTopic);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        err.println("cannot read topic " + eventTopic + " at " + shared.bootstrapServers + ": " + rootMessage(e));
        return 1;
      }
      Range range = range(admin, eventTopic, partitions, start, end);
      out.printf("replay of %s: %s .. %s, %d SLOs, %d partitions, %,d records in range%n", eventTopic, TIME.format(start),
          TIME.format(end), config.slos().size(), partitions, range.records());
      reportRetention(out, admin, eventTopic, range, config, end);
      out.flush();
      if (range.records() == 0) {
        out.println("no events between " + TIME.format(start) + " and " + TIME.format(end) + ": every SLO has no data for that range.");
        List<Evaluation> empty = new SloEngine(config.slos(), engineSettings).evaluate(end.toEpochMilli(), new ArrayList<>());
        finish(out, empty, 0, Duration.ZERO);
        return 0;
      }
      return run(out, err, admin, config, engineSettings, range, partitions, end, live);
    }
  }

  private Instant time(String flag, String text, Instant reference) {
    return TimeArg.parse(text, reference).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
        flag + ": '" + text + "' is not a time (ISO-8601 instant or date, epoch milliseconds, or a duration such as 30d)"));
  }

  /** Offsets per partition: first record at or after {@code start}, and the first at or after {@code end} (else the end). */
  record Range(Map<Integer, Long> start, Map<Integer, Long> stop, Map<Integer, Long> logStart, Map<Integer, Long> firstTimestamp) {
    long records() {
      return start.keySet().stream().mapToLong(p -> Math.max(0, stop.get(p) - start.get(p))).sum();
    }
  }

  private static Range range(Admin admin, String topic, int partitions, Instant start, Instant end) throws Exception {
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> atStart = new HashMap<>();
    Map<TopicPartition, OffsetSpec> atEnd = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      TopicPartition tp = new TopicPartition(topic, p);
      earliest.put(tp, OffsetSpec.earliest());
      latest.put(tp, OffsetSpec.latest());
      atStart.put(tp, OffsetSpec.forTimestamp(start.toEpochMilli()));
      atEnd.put(tp, OffsetSpec.forTimestamp(end.toEpochMilli()));
    }
    var first = admin.listOffsets(earliest).all().get(60, TimeUnit.SECONDS);
    var last = admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS);
    var fromStart = admin.listOffsets(atStart).all().get(60, TimeUnit.SECONDS);
    var fromEnd = admin.listOffsets(atEnd).all().get(60, TimeUnit.SECONDS);
    Map<Integer, Long> startOffsets = new HashMap<>();
    Map<Integer, Long> stopOffsets = new HashMap<>();
    Map<Integer, Long> logStart = new HashMap<>();
    Map<Integer, Long> firstTs = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      TopicPartition tp = new TopicPartition(topic, p);
      long endOffset = last.get(tp).offset();
      long stop = offsetOr(fromEnd.get(tp), endOffset);
      long begin = Math.min(offsetOr(fromStart.get(tp), endOffset), stop);
      startOffsets.put(p, begin);
      stopOffsets.put(p, stop);
      logStart.put(p, first.get(tp).offset());
      ListOffsetsResult.ListOffsetsResultInfo s = fromStart.get(tp);
      firstTs.put(p, s != null && s.offset() >= 0 ? s.timestamp() : -1L);
    }
    return new Range(startOffsets, stopOffsets, logStart, firstTs);
  }

  private static long offsetOr(ListOffsetsResult.ListOffsetsResultInfo info, long otherwise) {
    return info == null || info.offset() < 0 ? otherwise : info.offset();
  }

  /**
   * Says when the topic no longer holds the start of the range (retention deleted it) and which SLOs
   * will therefore be computed over part of their window, instead of silently under-counting.
   */
  private static void reportRetention(PrintWriter out, Admin admin, String topic, Range range, SloConfig config, Instant end)
      throws Exception {
    String retention = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
        .all().get(60, TimeUnit.SECONDS).values().iterator().next().get("retention.ms").value();
    long covered = Long.MAX_VALUE;
    boolean truncated = false;
    for (int p : range.start().keySet()) {
      // Data was deleted on this partition if its log no longer starts at 0 and the range starts at the log start.
      if (range.logStart().get(p) > 0 && range.start().get(p).equals(range.logStart().get(p)) && range.firstTimestamp().get(p) >= 0) {
        truncated = true;
        covered = Math.min(covered, range.firstTimestamp().get(p));
      }
    }
    long retentionMs = Long.parseLong(retention);
    out.printf("topic retention: %s%n", retentionMs < 0 ? "unlimited" : Durations.format(Duration.ofMillis(retentionMs)));
    if (!truncated) {
      return;
    }
    Instant coveredFrom = Instant.ofEpochMilli(covered);
    out.printf("WARNING: the topic only holds events from %s on (older ones were deleted by retention).%n", TIME.format(coveredFrom));
    for (SloDefinition s : config.slos()) {
      Instant windowStart = end.minus(s.window());
      if (windowStart.isBefore(coveredFrom)) {
        double share = Math.max(0, Duration.between(coveredFrom, end).toMillis()) / (double) s.window().toMillis();
        out.printf(Locale.ROOT, "  partial: %-30s window %s, history covers %.1f %% of it%n", s.name(), Durations.format(s.window()), 100 * share);
      }
    }
  }

  private int run(PrintWriter out, PrintWriter err, Admin admin, SloConfig config, EngineSettings engineSettings, Range range,
                  int partitions, Instant end, Topics live) throws Exception {
    String applicationId = "slo-replay-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
        + "-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
    Topics topics = Topics.withNames(live.requestEvents().name(),
        writeLiveStatus ? live.status().name() : outputTopics + ".status", outputTopics + ".alerts", outputTopics + ".dlq");
    createMissing(admin, topics, partitions);

    // The replay's consumer group starts where the range starts.
    Map<TopicPartition, OffsetAndMetadata> startAt = new HashMap<>();
    range.start().forEach((p, o) -> startAt.put(new TopicPartition(live.requestEvents().name(), p), new OffsetAndMetadata(o)));
    admin.alterConsumerGroupOffsets(applicationId, startAt).all().get(60, TimeUnit.SECONDS);

    Progress progress = new Progress(range, partitions, end);
    Map<Integer, List<Evaluation>> finished = new ConcurrentHashMap<>();
    ReplayBounds bounds = new ReplayBounds(range.start(), range.stop(), end.toEpochMilli(), new ReplayBounds.Listener() {
      @Override
      public void progress(int partition, long offset, long recordMillis) {
        progress.record(partition, offset, recordMillis);
      }

      @Override
      public void finished(int partition, List<Evaluation> evaluations) {
        finished.put(partition, evaluations);
      }
    });
    AtomicLong deadLetters = new AtomicLong();
    PipelineMetrics metrics = new PipelineMetrics() {
      @Override
      public void deadLettered(String reason) {
        deadLetters.incrementAndGet();
      }
    };
    TopologySettings settings = new TopologySettings(config, topics, engineSettings, Main.duration("--emit-interval", emitInterval),
        EvaluationClock.REPLAY, partitions, metrics, Optional.of(bounds), Map.of());
    Path stateDir = Files.createTempDirectory("slo-replay");
    // A replay is a batch: commit less often, it only costs a longer redo after a crash.
    Properties props = SloTopology.streamsProperties(shared.bootstrapServers, applicationId, stateDir, 1, -1, Duration.ofSeconds(10));
    props.putAll(shared.kafkaConfig);
    long started = System.nanoTime();
    Duration limit = Main.duration("--timeout", timeout);
    try (KafkaStreams streams = new KafkaStreams(SloTopology.build(settings), props)) {
      streams.setUncaughtExceptionHandler(e -> {
        LOG.error("replay stream thread failed", e);
        return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      });
      streams.start();
      long nextLine = System.nanoTime();
      while (finished.size() < partitions) {
        if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
          err.println("replay failed: Kafka Streams is " + streams.state() + " (see the log above)");
          return 1;
        }
        if (System.nanoTime() - started > limit.toNanos()) {
          err.println("replay did not finish within " + timeout + " (--timeout)");
          return 1;
        }
        if (System.nanoTime() >= nextLine) {
          out.println(progress.line(started));
          out.flush();
          nextLine = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        }
        Thread.sleep(50);
      }
      out.println(progress.line(started));
      // Leave the group now, so the group can be deleted right after.
      streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(60)));
    } finally {
      if (!keepState) {
        cleanUp(admin, applicationId, stateDir);
      }
    }
    List<Evaluation> all = finished.values().stream().flatMap(List::stream).toList();
    finish(out, all, progress.events(), Duration.ofNanos(System.nanoTime() - started));
    if (deadLetters.get() > 0) {
      out.printf("%,d undecodable or invalid records went to %s%n", deadLetters.get(), topics.deadLetters().name());
    }
    if (keepState) {
      out.println("kept application " + applicationId + " (consumer group, changelog) and local state in " + stateDir);
    }
    return 0;
  }

  private static void createMissing(Admin admin, Topics topics, int partitions) throws Exception {
    Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
    List<NewTopic> missing = Stream.of(topics.status().name(), topics.alerts().name(), topics.deadLetters().name())
        .filter(t -> !existing.contains(t))
        .map(t -> new NewTopic(t, Optional.of(partitions), Optional.empty()))
        .toList();
    if (!missing.isEmpty()) {
      admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
    }
  }

  /** Removes what the replay's application id left in Kafka and on disk. */
  private static void cleanUp(Admin admin, String applicationId, Path stateDir) {
    try {
      List<String> internal = admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
          .filter(t -> t.startsWith(applicationId + "-")).toList();
      if (!internal.isEmpty()) {
        admin.deleteTopics(internal).all().get(60, TimeUnit.SECONDS);
      }
      admin.deleteConsumerGroups(List.of(applicationId)).all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("could not remove the replay's consumer group or internal topics of {}: {}", applicationId, rootMessage(e));
    }
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not remove local replay state {}", stateDir, e);
    }
  }

  private void finish(PrintWriter out, List<Evaluation> evaluations, long events, Duration took) throws IOException {
    List<Evaluation> sorted = evaluations.stream().sorted(Comparator.comparing(e -> e.slo().name())).toList();
    out.printf(Locale.ROOT, "%nreplayed %,d events in %.1f s%n", events, took.toMillis() / 1000.0);
    out.printf("%-30s %-10s %12s %12s %10s %10s %8s%n", "SLO", "window", "good", "total", "SLI", "budget", "late");
    for (Evaluation e : sorted) {
      WindowResult w = e.window(Durations.format(e.slo().window())).orElseThrow();
      out.printf(Locale.ROOT, "%-30s %-10s %,12d %,12d %10s %10s %8d%n", e.slo().name(), Durations.format(e.slo().window()),
          w.good(), w.total(), percent(e.sli()), percent(e.budgetRemaining()), e.lateEvents());
    }
    if (output != null) {
      ObjectMapper json = new ObjectMapper();
      try (Writer w = Files.newBufferedWriter(output)) {
        for (Evaluation e : sorted) {
          w.write(json.writeValueAsString(jsonOf(e)));
          w.write('\n');
        }
      }
      out.println("wrote " + sorted.size() + " SLOs to " + output);
    }
    out.flush();
  }

  static Map<String, Object> jsonOf(Evaluation e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.slo().name());
    m.put("service", e.slo().service());
    m.put("sliKind", e.slo().sli().kind());
    m.put("objective", e.slo().objective().isPresent() ? e.slo().objective().getAsDouble() : null);
    m.put("window", Durations.format(e.slo().window()));
    m.put("asOf", Instant.ofEpochMilli(e.atMillis()).toString());
    m.put("sli", e.sli().isPresent() ? e.sli().getAsDouble() : null);
    m.put("budgetRemaining", e.budgetRemaining().isPresent() ? e.budgetRemaining().getAsDouble() : null);
    m.put("lateEvents", e.lateEvents());
    m.put("windows", e.windows().stream().map(w -> {
      Map<String, Object> wm = new LinkedHashMap<>();
      wm.put("window", w.window().label());
      wm.put("good", w.good());
      wm.put("total", w.total());
      wm.put("burnRate", w.burnRate().isPresent() ? w.burnRate().getAsDouble() : null);
      return wm;
    }).collect(Collectors.toList()));
    m.put("latencyQuantiles", e.latencyQuantiles());
    m.put("throughputRps", e.throughputRps().isPresent() ? e.throughputRps().getAsDouble() : null);
    return m;
  }

  private static String percent(java.util.OptionalDouble d) {
    return d.isPresent() ? String.format(Locale.ROOT, "%.4f%%", d.getAsDouble() * 100) : "no data";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /** Progress by offsets and by event time, for the progress line. */
  private static final class Progress {
    private final Range range;
    private final AtomicLongArray position;
    private final AtomicLong latestRecord = new AtomicLong(Long.MIN_VALUE);
    private final long total;
    private final long firstTime;
    private final long lastTime;

    Progress(Range range, int partitions, Instant end) {
      this.range = range;
      this.position = new AtomicLongArray(partitions);
      for (int p = 0; p < partitions; p++) {
        position.set(p, range.start().get(p));
      }
      this.total = range.records();
      this.firstTime = range.firstTimestamp().values().stream().filter(t -> t >= 0).min(Long::compare).orElse(0L);
      this.lastTime = end.toEpochMilli();
    }

    void record(int partition, long offset, long recordMillis) {
      position.set(partition, offset + 1);
      latestRecord.accumulateAndGet(recordMillis, Math::max);
    }

    long events() {
      long done = 0;
      for (int p = 0; p < position.length(); p++) {
        done += position.get(p) - range.start().get(p);
      }
      return done;
    }

    String line(long startedNanos) {
      long done = events();
      double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
      double rate = done / seconds;
      double share = total == 0 ? 1 : done / (double) total;
      long latest = latestRecord.get();
      String eventTime = latest == Long.MIN_VALUE ? "-" : TIME.format(Instant.ofEpochMilli(latest));
      double timeShare = latest == Long.MIN_VALUE || lastTime <= firstTime ? 0
          : Math.min(1, (latest - firstTime) / (double) (lastTime - firstTime));
      String eta = rate > 0 && done < total ? Math.round((total - done) / rate) + " s" : "-";
      return String.format(Locale.ROOT, "replay %5.1f %% of offsets (%,d / %,d), event time %s (%4.1f %%), %,.0f events/s, ETA %s",
          100 * share, done, total, eventTime, 100 * timeShare, rate, eta);
    }
  }
}
