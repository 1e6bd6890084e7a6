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

  @Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  SharedOptions shared;

  @Option(names = "--from", description = "Start of the range. Default: as far back as the longest SLO window reads")
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
    // One hour more than the window: a window covers whole buckets, the oldest of which starts before --to minus its length.
    Instant start = requestedStart.orElse(end.minus(longest).minus(Duration.ofHours(1)));
    if (!start.isBefore(end)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--from (" + start + ") must be before --to (" + end + ")");
    }
    Topics live = shared.topics();
    String eventTopic = live.requestEvents().name();

    try (Admin admin = Admin.create(shared.kafka.properties())) {
      int partitions;
      try {
        partitions = TopicSetup.partitionsOf(admin, eventTopic);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        err.println("cannot read topic " + eventTopic + " at " + shared.kafka.bootstrapServers() + ": " + rootMessage(e));
        return 1;
      }
      ReplayRange range = ReplayRange.of(admin, eventTopic, partitions, start, end);
      out.printf("replay of %s: %s .. %s, %d SLOs, %d partitions, %,d records in range%n", eventTopic, ReplayReport.TIME.format(start),
          ReplayReport.TIME.format(end), config.slos().size(), partitions, range.records());
      range.reportRetention(out, admin, eventTopic, config, end);
      out.flush();
      if (range.records() == 0) {
        out.println("no events between " + ReplayReport.TIME.format(start) + " and " + ReplayReport.TIME.format(end) + ": every SLO has no data for that range.");
        List<Evaluation> empty = new SloEngine(config.slos(), engineSettings).evaluate(end.toEpochMilli(), new ArrayList<>());
        ReplayReport.summary(out, empty, 0, Duration.ZERO, output);
        return 0;
      }
      return run(out, err, admin, config, engineSettings, range, partitions, end, live);
    }
  }

  private Instant time(String flag, String text, Instant reference) {
    return TimeArg.parse(text, reference).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
        flag + ": '" + text + "' is not a time (ISO-8601 instant or date, epoch milliseconds, or a duration such as 30d)"));
  }

  private int run(PrintWriter out, PrintWriter err, Admin admin, SloConfig config, EngineSettings engineSettings, ReplayRange range,
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

    ReplayReport.Progress progress = new ReplayReport.Progress(range, partitions, end);
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
    Properties props = SloTopology.streamsProperties(shared.kafka.properties(), applicationId, stateDir, 1, -1, Duration.ofSeconds(10));
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
    ReplayReport.summary(out, all, progress.events(), Duration.ofNanos(System.nanoTime() - started), output);
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

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

}
