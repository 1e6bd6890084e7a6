package com.huntaze.slo.processor;

import com.huntaze.slo.processor.core.AlertEvent;
import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.core.Evaluation;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.processor.intake.DeadLetterHeaders;
import com.huntaze.slo.processor.topology.AvroMapping;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.service.KafkaReachability;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Recomputes SLO state from the event topic for a time range ({@link ReplayRange}), reading it with
 * plain consumers straight into the SLO core ({@link ReplayRun}), and reports the result once, as of
 * {@code --to} ({@link ReplayReport}). It stops by itself at the end offsets taken when it started.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Recompute SLO budgets from the history in the event topic (backfill), e.g. for an SLO defined today.",
        "Reads from the offsets of --from up to the end offsets taken at start (skipping records stamped at or after --to: "
            + "a backlog that arrived later still counts), evaluates every SLO "
            + "at --to, prints a summary and writes one JSON line per SLO. Writes nothing to the live topics unless "
            + "--write-live-status; never publishes alerts where the exporter would send them to Alertmanager."},
    footer = {"%nTimes: ISO-8601 instant (2026-11-01T00:00:00Z), a UTC date (2026-11-01), epoch milliseconds, "
        + "or a duration back from --to (30d, 12h).",
        "Example: processor replay --slos new-slos.yaml --output backfill.jsonl"})
final class Replay implements Callable<Integer> {
  @Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  SharedOptions shared;

  @Option(names = "--from", description = "Start of the range: reading starts at the first record stamped at or after it, and events "
      + "stamped earlier that come later in the topic (a backlog) count too. Default: as far back as the longest SLO window reads")
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

  /** Ignored, kept so existing scripts still run: a replay publishes its result once, at the end, and keeps no state. */
  @Option(names = {"--emit-interval", "--keep-state"}, hidden = true, arity = "0..1")
  String ignored;

  @Option(names = "--timeout", description = "Give up after this long, also on a broker that does not answer. Default: ${DEFAULT-VALUE}", defaultValue = "6h")
  String timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant now = Instant.now();
    // Flags first: a typo should be reported as such, whatever else is wrong.
    Instant end = to == null ? now : time("--to", to, now);
    if (end.isAfter(now.plus(Duration.ofMinutes(5)))) {
      err.println("warning: --to " + end + " is in the future: every window ends there, and holds no event after now");
    }
    Optional<Instant> requestedStart = from == null ? Optional.empty() : Optional.of(time("--from", from, end));
    Duration giveUpAfter = SharedOptions.atLeast(spec.commandLine(), "--timeout", timeout, Duration.ofSeconds(1));
    SloConfig config = shared.loadSlos(err);
    if (config == null) {
      return 1;
    }
    EngineSettings engineSettings = shared.engineSettings(Duration.ofMinutes(1));
    Duration longest = config.slos().stream().map(SloDefinition::longestBudgetSpan).max(Comparator.naturalOrder()).orElseThrow();
    // One hour more than the window: a window covers whole buckets, the oldest of which starts before --to minus its length.
    Instant start = requestedStart.orElse(end.minus(longest).minus(Duration.ofHours(1)));
    if (!start.isBefore(end)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--from (" + start + ") must be before --to (" + end + ")");
    }
    if (output != null) {
      checkWritable(output); // before a replay of hours, not after it
    }
    Topics live = shared.topics();
    String eventTopic = live.requestEvents().name();

    java.util.Properties adminProperties = shared.kafka.properties();
    // A broker that does not answer: give up within --timeout when it is shorter than the client's minute.
    long adminTimeoutMs = Math.min(giveUpAfter.toMillis(), Duration.ofMinutes(1).toMillis());
    adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) adminTimeoutMs);
    adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) adminTimeoutMs);
    Admin admin;
    try {
      admin = Admin.create(adminProperties);
    } catch (org.apache.kafka.common.KafkaException e) {
      // Refused before connecting (a host that does not resolve, no port): the user's to fix, said like a broker that does not answer.
      err.println("cannot reach Kafka at " + shared.kafka.bootstrapServers() + ": " + rootMessage(e));
      return 1;
    }
    try (admin) {
      int partitions;
      try {
        // A missing topic fails at once, not after the minute a starting processor waits for a new one.
        if (!admin.listTopics().names().get(adminTimeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS).contains(eventTopic)) {
          err.println("topic '" + eventTopic + "' does not exist at " + shared.kafka.bootstrapServers() + " (--events-topic)");
          return 1;
        }
        partitions = TopicSetup.partitionsOf(admin, eventTopic);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        err.println(KafkaReachability.noAnswer(e) ? KafkaReachability.noAnswerMessage(shared.kafka.bootstrapServers(), Duration.ofMillis(adminTimeoutMs))
            : "cannot read topic " + eventTopic + " at " + shared.kafka.bootstrapServers() + ": " + rootMessage(e));
        return 1;
      }
      ReplayRange range = ReplayRange.of(admin, eventTopic, partitions, start);
      out.printf("replay of %s: %s .. %s, %d SLOs, %d partitions, %,d records to read%n", eventTopic, ReplayReport.TIME.format(start),
          ReplayReport.TIME.format(end), config.slos().size(), partitions, range.records());
      range.reportRetention(out, admin, eventTopic, config, end);
      out.flush();
      if (range.records() == 0) {
        out.println(noEvents(start, end));
        List<Evaluation> empty = new SloEngine(config.slos(), engineSettings).evaluate(end.toEpochMilli(), new ArrayList<>());
        boolean written = ReplayReport.summary(out, err, empty,
            LiveBudgets.read(shared.kafka.properties(), live.status(), Duration.ofSeconds(30)), 0, Duration.ZERO, output);
        return written ? 0 : 1;
      }
      return run(out, err, admin, config, engineSettings, range, partitions, start, end, live, giveUpAfter);
    }
  }

  /**
   * Records stamped from here on are skipped. A replay as of now (no --to) read only records that had
   * arrived by now, and the live processor counted those stamped ahead of its clock by up to the
   * allowed skew: so does the replay. Before a --to in the past, such records mostly arrived after it.
   */
  private Instant admitUntil(Instant end, EngineSettings engineSettings) {
    return to == null ? end.plus(engineSettings.maxFuture()) : end;
  }

  private static String noEvents(Instant start, Instant end) {
    return "no events between " + ReplayReport.TIME.format(start) + " and " + ReplayReport.TIME.format(end) + ": every SLO has no data for that range.";
  }

  private Instant time(String flag, String text, Instant reference) {
    Instant t = TimeArg.parse(text, reference).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
        flag + ": '" + text + "' is not a time (ISO-8601 instant or date, epoch milliseconds, or a duration such as 30d)"));
    // Epoch seconds read as milliseconds land in 1970: a replay as of then ends "no data", exit 0, so refuse it as the gateway does.
    if (text.trim().matches("[0-9]+") && t.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
      throw new CommandLine.ParameterException(spec.commandLine(), flag + ": '" + text.trim() + "' as epoch milliseconds is " + t
          + ", before 2000: epoch seconds? (" + text.trim() + "000 in milliseconds)");
    }
    return t;
  }

  private int run(PrintWriter out, PrintWriter err, Admin admin, SloConfig config, EngineSettings engineSettings, ReplayRange range,
                  int partitions, Instant start, Instant end, Topics live, Duration giveUpAfter) throws Exception {
    Topics topics = Topics.withNames(live.requestEvents().name(),
        writeLiveStatus ? live.status().name() : outputTopics + ".status", outputTopics + ".alerts", outputTopics + ".dlq");
    createMissing(admin, topics, partitions);
    // Before anything is published: --write-live-status would otherwise compare the replay with itself.
    Map<String, Double> liveBudgets = LiveBudgets.read(shared.kafka.properties(), live.status(), Duration.ofSeconds(30));
    ReplayReport.Progress progress = new ReplayReport.Progress(range, partitions, start, end);
    AtomicLong deadLetters = new AtomicLong();
    long started = System.nanoTime();
    boolean written;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      ReplayRun replay = new ReplayRun(shared.kafka.properties(), live.requestEvents().name(), config, engineSettings, range,
          partitions, progress, (record, dead) -> {
            deadLetters.incrementAndGet();
            byte[] value = ReplayRun.bytes(record.value());
            producer.send(new ProducerRecord<>(topics.deadLetters().name(), null, record.timestamp(),
                ReplayRun.bytes(record.key()), DeadLetterHeaders.payload(value), DeadLetterHeaders.of(record.headers(), value,
                    dead.reason(), record.topic(), record.partition(), record.offset(), record.timestamp())));
          });
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "replay-progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(() -> {
        out.println(progress.line(started));
        out.flush();
      }, 2, 2, TimeUnit.SECONDS);
      ReplayRun.Result result;
      Instant admitUntil = admitUntil(end, engineSettings);
      try {
        result = replay.run(end.toEpochMilli(), admitUntil.toEpochMilli(), giveUpAfter);
      } catch (java.util.concurrent.ExecutionException e) {
        err.println("replay failed: " + rootMessage(e));
        return 1;
      } finally {
        ticker.shutdownNow();
      }
      out.println(progress.line(started));
      long counted = progress.events() - progress.skipped();
      if (progress.skipped() > 0) {
        // Read all the same: events stamped before --to that arrived after them (a backlog) count.
        out.printf("%,d records stamped at or after %s skipped%n", progress.skipped(), ReplayReport.TIME.format(admitUntil));
      }
      if (counted == 0) {
        out.println(noEvents(start, end));
      }
      publish(producer, topics, result, end.toEpochMilli());
      written = ReplayReport.summary(out, err, result.evaluations(), liveBudgets, counted,
          Duration.ofNanos(System.nanoTime() - started), output);
    }
    if (deadLetters.get() > 0) {
      out.printf("%,d undecodable or invalid records went to %s%n", deadLetters.get(), topics.deadLetters().name());
    }
    return written ? 0 : 1;
  }

  /** The result once, as of --to: a status per SLO, and the alerts to the replay's own topic (never Alertmanager's). */
  private static void publish(KafkaProducer<byte[], byte[]> producer, Topics topics, ReplayRun.Result result, long atMillis) {
    var statuses = topics.status().valueSerde().serializer();
    for (Evaluation e : result.evaluations()) {
      producer.send(new ProducerRecord<>(topics.status().name(), null, atMillis, e.instanceKey().getBytes(StandardCharsets.UTF_8),
          statuses.serialize(topics.status().name(), AvroMapping.status(e))));
    }
    var alerts = topics.alerts().valueSerde().serializer();
    for (AlertEvent a : result.alerts()) {
      producer.send(new ProducerRecord<>(topics.alerts().name(), null, atMillis, a.slo().getBytes(StandardCharsets.UTF_8),
          alerts.serialize(topics.alerts().name(), AvroMapping.alert(a))));
    }
    producer.flush();
  }

  private Properties producerProperties() {
    Properties p = shared.kafka.properties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return p;
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

  /** The innermost cause of a failure as {@code Class: message}: what a one-line error or log says. */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }


  private void checkWritable(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    String problem = java.nio.file.Files.isDirectory(file) ? "is a directory"
        : dir == null || !java.nio.file.Files.isDirectory(dir) ? "its directory " + dir + " does not exist"
        : java.nio.file.Files.exists(file) ? (java.nio.file.Files.isWritable(file) ? null : "is not writable")
        : java.nio.file.Files.isWritable(dir) ? null : "its directory " + dir + " is not writable";
    if (problem != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--output " + file + ": " + problem);
    }
  }
}
