package com.huntaze.slo.processor;

import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.openslo.OpenSloCommand;
import com.huntaze.slo.processor.topology.SloTopology;
import com.huntaze.slo.processor.topology.TopologySettings;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.service.KafkaReachability;
import com.huntaze.slo.schemas.slo.Durations;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.schemas.slo.SloConfigException;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The processor service and its tools. */
@Command(name = "processor", mixinStandardHelpOptions = true, version = "slo-processor 0.1.0",
    description = "Streaming SLO evaluation: request events in, SLO statuses and alerts out.",
    subcommands = {Main.Run.class, Check.class, Replay.class, CopyEvents.class, OpenSloCommand.class, CommandLine.HelpCommand.class},
    footer = "%nWithout a command, 'run' is assumed. Every option can also be set by the environment variable shown.")
public final class Main implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  public static void main(String[] args) {
    CommandLine cli = commandLine();
    boolean hasCommand = args.length > 0 && cli.getSubcommands().containsKey(args[0]);
    boolean topLevelFlag = args.length > 0 && (args[0].equals("--help") || args[0].equals("-h")
        || args[0].equals("--version") || args[0].equals("-V"));
    if (args.length > 0 && !hasCommand && !args[0].startsWith("-")) {
      // Not an option of 'run' either: a misspelt command should not read as a bad argument of 'run'.
      System.err.println("processor: unknown command '" + args[0] + "' (commands: "
          + String.join(", ", cli.getSubcommands().keySet()) + "; see processor --help)");
      System.exit(2);
    }
    String[] effective = hasCommand || topLevelFlag ? args : prepend("run", args);
    System.exit(cli.execute(effective));
  }

  /** The command line {@link #main} runs: every command's settings and handlers, for tests too. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    versionEverywhere(cli, cli.getCommandSpec().version());
    com.huntaze.slo.schemas.service.OptionSources.install(cli, com.huntaze.slo.schemas.service.OptionSources::declaredVariable, System::getenv);
    CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler((e, args) -> {
      java.util.Optional<Integer> unknown = unknownCommand(e);
      return unknown.isPresent() ? unknown.get() : usage.handleParseException(e, args);
    });
    // What the user has to fix (an unreadable --kafka-config-file, a bootstrap address Kafka refuses): one line, no stack trace.
    cli.setExecutionExceptionHandler((e, command, parsed) -> SharedOptions.failureInOneLine(e, command));
    return cli;
  }

  /**
   * A word that is none of a command group's commands ({@code processor openslo bogus}) is said as
   * at the top level, with the commands there are, and exits 2; picocli would say "Unmatched argument".
   */
  private static java.util.Optional<Integer> unknownCommand(CommandLine.ParameterException e) {
    CommandLine group = e.getCommandLine();
    if (!(e instanceof CommandLine.UnmatchedArgumentException u) || group.getSubcommands().isEmpty()
        || u.getUnmatched().isEmpty() || u.getUnmatched().get(0).startsWith("-")) {
      return java.util.Optional.empty();
    }
    String name = group.getCommandSpec().qualifiedName();
    group.getErr().println(name + ": unknown command '" + u.getUnmatched().get(0) + "' (commands: "
        + String.join(", ", group.getSubcommands().keySet()) + "; see " + name + " --help)");
    group.getErr().flush();
    return java.util.Optional.of(2);
  }

  /** Every command's {@code --version} answers, not only the top level's. */
  private static void versionEverywhere(CommandLine cli, String[] version) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      sub.getCommandSpec().version(version);
      versionEverywhere(sub, version);
    }
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  /** Reads and validates an SLO file; null after printing every error when it is bad. */
  public static SloConfig loadSlos(Path file, PrintWriter err) {
    if (!file.isAbsolute() && !java.nio.file.Files.exists(file)) {
      err.println("SLO file " + file + " not found from the current directory " + Path.of("").toAbsolutePath()
          + " (a relative --slos, and its default, are read from there): pass --slos FILE or set SLO_CONFIG");
      return null;
    }
    try {
      SloConfig config = SloConfigLoader.load(file);
      config.warnings().forEach(w -> err.println("warning: " + w));
      return config;
    } catch (SloConfigException e) {
      err.println(e.getMessage());
      return null;
    }
  }

  /** A duration flag's value; a bad one is refused with the usage of {@code command}, the command it was given to. */
  static Duration duration(CommandLine command, String flag, String text) {
    return Durations.parse(text).orElseThrow(() ->
        new CommandLine.ParameterException(command, flag + ": '" + text + "' is not a duration (e.g. 10m, 5s, 1h)"));
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run the processor: evaluate every SLO from the request-events topic (the default command).")
  static final class Run implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SharedOptions shared;

    @Option(names = "--application-id", description = "Kafka Streams application id; instances with the same id share "
        + "the work (env PROCESSOR_APPLICATION_ID). Default: ${DEFAULT-VALUE}",
        defaultValue = "${env:PROCESSOR_APPLICATION_ID:-slo-processor}")
    String applicationId;

    @Option(names = "--state-dir", description = "Local state (env PROCESSOR_STATE_DIR). Default: ${DEFAULT-VALUE}",
        defaultValue = "${env:PROCESSOR_STATE_DIR:-${sys:java.io.tmpdir}/slo-processor}")
    Path stateDir;

    @Option(names = "--threads", description = "Stream threads (env PROCESSOR_THREADS). Default: ${DEFAULT-VALUE}",
        defaultValue = "${env:PROCESSOR_THREADS:-1}")
    int threads;

    @Option(names = "--standby-replicas", description = "Warm copies of each task's state kept on other instances, so a "
        + "failed instance's SLOs resume without replaying their changelog; placed only on another instance, so a single "
        + "instance pays nothing (env PROCESSOR_STANDBY_REPLICAS). Default: ${DEFAULT-VALUE}",
        defaultValue = "${env:PROCESSOR_STANDBY_REPLICAS:-1}")
    int standbyReplicas;

    @Option(names = "--bind", description = "Address of the health/metrics server (env PROCESSOR_BIND). Default: ${DEFAULT-VALUE}",
        defaultValue = "${env:PROCESSOR_BIND:-0.0.0.0}")
    String bind;

    @Option(names = "--port", description = "Port of /health/live, /health/ready, /metrics (env PROCESSOR_PORT). Default: ${DEFAULT-VALUE}",
        defaultValue = "${env:PROCESSOR_PORT:-9465}")
    int port;

    @Option(names = "--emit-interval", description = "How often each SLO's status is published (env PROCESSOR_EMIT_INTERVAL). Default: ${DEFAULT-VALUE}",
        defaultValue = "${env:PROCESSOR_EMIT_INTERVAL:-5s}")
    String emitInterval;

    @Option(names = "--alert-resend", description = "How often a firing alert is published again (env PROCESSOR_ALERT_RESEND). Default: ${DEFAULT-VALUE}",
        defaultValue = "${env:PROCESSOR_ALERT_RESEND:-1m}")
    String alertResend;

    @Option(names = "--partitions", description = "Partitions of topics this command creates when missing (env KAFKA_PARTITIONS). Default: ${DEFAULT-VALUE}",
        defaultValue = "${env:KAFKA_PARTITIONS:-6}")
    int partitions;

    @Option(names = "--replication-factor", description = "Replication of created and internal topics; -1 = broker default (env KAFKA_REPLICATION_FACTOR). Default: ${DEFAULT-VALUE}",
        defaultValue = "${env:KAFKA_REPLICATION_FACTOR:--1}")
    short replicationFactor;

    @Option(names = "--event-retention", description = "Retention of the request-events topic when created; replays need it to cover the longest SLO window (env KAFKA_EVENT_RETENTION). Default: ${DEFAULT-VALUE}",
        defaultValue = "${env:KAFKA_EVENT_RETENTION:-35d}")
    String eventRetention;

    @Option(names = "--start-from", paramLabel = "TIME", defaultValue = "${env:PROCESSOR_START_FROM}",
        description = "For a new --application-id: start reading the event topic at this time (ISO-8601 instant or date, "
            + "epoch ms, or a duration back from now such as 31d) and publish nothing until the history is read: "
            + "how a new or changed SLO goes live with its full-window budget (env PROCESSOR_START_FROM; docs/processor.md, "
            + "the hand-over)")
    String startFrom;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      SloConfig config = shared.loadSlos(err);
      if (config == null) {
        return 1;
      }
      SharedOptions.require(spec.commandLine(), threads >= 1, "--threads: at least 1 (got " + threads + ")");
      SharedOptions.require(spec.commandLine(), partitions >= 1, "--partitions: at least 1 (got " + partitions + ")");
      SharedOptions.require(spec.commandLine(), standbyReplicas >= 0, "--standby-replicas: at least 0 (got " + standbyReplicas + ")");
      SharedOptions.require(spec.commandLine(), port >= 0 && port <= 65535, "--port: 0..65535 (got " + port + ")");
      Duration resend = SharedOptions.atLeast(spec.commandLine(), "--alert-resend", alertResend, Duration.ofSeconds(1));
      EngineSettings engine = shared.engineSettings(resend);
      Duration emitEvery = SharedOptions.atLeast(spec.commandLine(), "--emit-interval", emitInterval, Duration.ofMillis(100)); // flags first, then Kafka
      Duration retention = duration(spec.commandLine(), "--event-retention", eventRetention);
      Topics topics = shared.topics();
      Properties adminProps = shared.kafka.properties();
      int inputPartitions;
      java.util.Map<Integer, Long> catchUp = java.util.Map.of();
      java.time.Instant from = null;
      if (startFrom != null && !startFrom.isBlank()) { // blank: compose passes the variable through unset
        from = TimeArg.parse(startFrom, java.time.Instant.now()).orElseThrow(() -> new CommandLine.ParameterException(
            spec.commandLine(), "--start-from: '" + startFrom + "' is not a time (ISO-8601 instant or date, epoch ms, or e.g. 30d)"));
        if (from.isAfter(java.time.Instant.now())) {
          err.println("warning: --start-from " + from + " is in the future: the history before it is not read");
        }
      }
      if (port > 0 && !HealthServer.canBind(bind, port)) { // after the flags' checks, before Kafka: a retry must find --start-from still unused
        err.println("cannot listen on " + bind + ":" + port + " (in use?): choose another with --port or PROCESSOR_PORT");
        return 1;
      }
      Duration longestWindow = config.slos().stream().map(SloDefinition::longestBudgetSpan).max(Duration::compareTo).orElse(Duration.ZERO);
      // The log says when Kafka cannot be reached, from the topic setup on: the clients' own warnings are off.
      KafkaReachability reachability = KafkaReachability.start(adminProps, applicationId + "-reachability", LOG::warn, LOG::info);
      long setupStarted = System.nanoTime();
      try {
        try (Admin admin = Admin.create(adminProps)) {
          TopicSetup.ensureTopics(admin, topics, partitions, replicationFactor, retention);
          String retentionProblem = TopicSetup.retentionProblem(admin, topics.requestEvents().name(), longestWindow,
              shared.kafka.bootstrapServers());
          if (retentionProblem != null) {
            // A warning, not a refusal: the live numbers stay right; only a replay of a whole window would fall short.
            LOG.warn("RETENTION TOO SHORT: {}", retentionProblem);
          }
          inputPartitions = TopicSetup.partitionsOf(admin, topics.requestEvents().name());
          if (from != null) {
            catchUp = TopicSetup.startFrom(admin, applicationId, topics.requestEvents().name(), inputPartitions, from);
          }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          if (!KafkaReachability.noAnswer(e)) {
            throw e;
          }
          err.println(KafkaReachability.noAnswerMessage(shared.kafka.bootstrapServers(),
              Duration.ofSeconds(Math.round((System.nanoTime() - setupStarted) / 1e9))));
          return 1;
        }

        PrometheusRegistry registry = new PrometheusRegistry();
        AtomicReference<KafkaStreams> streamsRef = new AtomicReference<>();
        ProcessorMetrics metrics = new ProcessorMetrics(registry, streamsRef::get);
        TopologySettings settings = TopologySettings.live(config, topics, engine, emitEvery, inputPartitions, metrics).quietUntil(catchUp);
        Properties props = SloTopology.streamsProperties(shared.kafka.properties(), applicationId, stateDir, threads, replicationFactor,
            standbyReplicas);
        KafkaStreams streams = new KafkaStreams(SloTopology.build(settings), props);
        streamsRef.set(streams);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setUncaughtExceptionHandler(StreamFailurePolicy::handle);
        ReadyNotice ready = new ReadyNotice(System.nanoTime());
        streams.setStateListener((now, before) -> { // Kafka Streams logs each transition itself (INFO), not how long it took
          if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.REBALANCING) {
            var threads = streams.metadataForLocalThreads();
            int active = threads.stream().mapToInt(t -> t.activeTasks().size()).sum();
            ready.on(now, before, System.nanoTime(), active).ifPresent(LOG::info);
            if (now == KafkaStreams.State.RUNNING) {
              StandbyNotice.of(standbyReplicas, active, threads.stream().mapToInt(t -> t.standbyTasks().size()).sum()).ifPresent(LOG::info);
            }
          }
          if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            stopped.countDown();
          }
        });
        try (HealthServer http = new HealthServer(bind, port, registry, streamsRef::get)) {
          http.start();
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: committing state and closing");
            // Leave the group: the partitions move at once instead of after the session timeout (45 s).
            streams.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
            stopped.countDown();
          }, "processor-shutdown"));
          LOG.info("processor {} starting: {} SLOs, topic {} ({} partitions), {} standby replica(s), Kafka {}, health/metrics on {}:{}",
              applicationId, config.slos().size(), topics.requestEvents().name(), inputPartitions, standbyReplicas,
              shared.kafka.bootstrapServers(), bind, http.port());
          streams.start();
          stopped.await();
        }
        return streams.state() == KafkaStreams.State.ERROR ? 1 : 0;
      } finally {
        reachability.close();
      }
    }
  }
}
