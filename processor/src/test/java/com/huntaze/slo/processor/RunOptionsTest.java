package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.processor.topology.SloTopology;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunOptionsTest {

  private static CliRun withOneSlo(String... args) throws Exception {
    return CliRun.withOneSlo(args);
  }

  @Test
  void shouldKeepOneStandbyReplicaUnlessToldOtherwise() {
    Main.Run defaults = new Main.Run();
    new CommandLine(defaults).parseArgs();
    assertEquals(1, defaults.standbyReplicas, "one standby: free with one instance, a warm failover with two");
    Main.Run none = new Main.Run();
    new CommandLine(none).parseArgs("--standby-replicas", "0");
    assertEquals(0, none.standbyReplicas);
  }

  @Test
  void shouldPassTheStandbyReplicasToKafkaStreams() {
    Properties p = SloTopology.streamsProperties(new Properties(), "app", Path.of("/tmp/x"), 1, 3, 2);
    assertEquals(2, p.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG));
    assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    // Each emit commits; an interval of its own (Kafka Streams counts only those) would add a second commit per emit.
    assertEquals(10_000L, p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    // A task reads one partition: nothing to wait for across partitions.
    assertEquals(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED, p.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG));
  }

  @Test
  void shouldEnableTheGlobalProcessingExceptionHandlerWhereTheAssignorReadsItToo() {
    // Kafka Streams builds a second StreamsConfig from the main consumer's settings (its partition
    // assignor) and warned at each start that the handler was off when the setting was not among them.
    Properties p = SloTopology.streamsProperties(new Properties(), "app", Path.of("/tmp/x"), 1, 3, 2);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    StreamsConfig assignors = new StreamsConfig(new StreamsConfig(p).getMainConsumerConfigs("app", "client", 0));
    assertTrue(assignors.getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG));
  }

  @Test
  void shouldSayAnUnknownCommandOfACommandGroupAsTheTopLevelDoes() {
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new java.io.PrintWriter(err));
    assertEquals(2, cli.execute("openslo", "bogus", "--x"));
    assertEquals("processor openslo: unknown command 'bogus' (commands: import, export; see processor openslo --help)",
        err.toString().strip());
    err.getBuffer().setLength(0);
    assertEquals(2, cli.execute("openslo", "--bogus"));
    org.junit.jupiter.api.Assertions.assertTrue(err.toString().startsWith("Unknown option: '--bogus'"), "an option stays an option: " + err);
  }

  /** No broker answers there: a replay told to give up after 2 s does, not after the Kafka client's minute. */
  @Test
  @org.junit.jupiter.api.Timeout(40)
  void shouldGiveUpOnAnUnreachableBrokerWithinTheReplaysTimeout() throws Exception {
    CliRun r = withOneSlo("replay", "--bootstrap-servers", "127.0.0.1:1", "--timeout", "2s");
    assertEquals(1, r.exit(), r.err());
    assertEquals("cannot reach Kafka at 127.0.0.1:1 within 2s: is the broker running? (--bootstrap-servers)", r.err().strip());
  }

  /** The same for the live processor: a line that says what to check, not a stack trace. */
  @Test
  @org.junit.jupiter.api.Timeout(40)
  void shouldSayThatNoBrokerAnswersWhenTheProcessorStarts() throws Exception {
    CliRun r = withOneSlo("run", "--bootstrap-servers", "127.0.0.1:1", "--port", "0",
        "--kafka-config", "default.api.timeout.ms=2000", "--kafka-config", "request.timeout.ms=2000");
    assertEquals(1, r.exit(), r.err());
    org.junit.jupiter.api.Assertions.assertTrue(r.err().strip().matches(
        "cannot reach Kafka at 127\\.0\\.0\\.1:1 within [2-9]s: is the broker running\\? \\(--bootstrap-servers\\)"), r.err());
  }

  /** A bootstrap address the Kafka client refuses before connecting: one line, exit 1, in every command that reads Kafka. */
  @Test
  void shouldSayABootstrapAddressKafkaRefusesInOneLine() throws Exception {
    CliRun run = withOneSlo("run", "--port", "0", "--bootstrap-servers", "no-such-broker.invalid:9092");
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new java.io.PrintWriter(err, true));
    CliRun copy = new CliRun(cli.execute("copy-events", "--from-topic", "a", "--to-topic", "b",
        "--bootstrap-servers", "no-such-broker.invalid:9092"), err.toString());
    for (var r : java.util.Map.of("run", run, "copy-events", copy).entrySet()) {
      assertEquals(1, r.getValue().exit(), r.getValue().err());
      assertEquals("processor " + r.getKey() + ": cannot use Kafka: No resolvable bootstrap urls given in bootstrap.servers"
          + " (--bootstrap-servers, KAFKA_BOOTSTRAP_SERVERS)", r.getValue().err().strip());
    }
  }

  @Test
  void shouldSayWhereARelativeSloFileWasLookedForInEveryCommand() {
    // The last word: each command's documented exit code for an SLO file it cannot load.
    for (String[] args : new String[][] {{"check", "1"}, {"check", "--slos", "no/such.yaml", "1"}, {"openslo", "export", "--slos", "no/such.yaml", "2"}}) {
      int expectedExit = Integer.parseInt(args[args.length - 1]);
      args = java.util.Arrays.copyOf(args, args.length - 1);
      java.io.StringWriter err = new java.io.StringWriter();
      CommandLine cli = new CommandLine(new Main());
      cli.setErr(new java.io.PrintWriter(err));
      Path missing = Path.of(args.length == 1 ? "compose/slos.yaml" : args[args.length - 1]);
      org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(missing), "tests run in processor/, where it is missing");
      assertEquals(expectedExit, cli.execute(args), err.toString());
      org.junit.jupiter.api.Assertions.assertTrue(err.toString().startsWith("SLO file " + missing + " not found from the current directory "
          + Path.of("").toAbsolutePath() + " (a relative --slos, and its default, are read from there)"), err.toString());
    }
  }

  @Test
  void shouldRefuseAReplayOutputThatCannotBeWrittenBeforeReadingAnything() throws Exception {
    Path slos = java.nio.file.Files.createTempFile("slos", ".yaml");
    slos.toFile().deleteOnExit();
    java.nio.file.Files.writeString(slos, "slos:\n  - {name: a, service: s, objective: 99, sli: {availability: {}}}\n");
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setErr(new java.io.PrintWriter(err));
    // No broker at that address: the answer must come before any attempt to read.
    int exit = cli.execute("replay", "--slos", slos.toString(), "--bootstrap-servers", "127.0.0.1:1",
        "--output", "/nonexistent-dir/result.jsonl");
    assertEquals(2, exit, err.toString());
    org.junit.jupiter.api.Assertions.assertTrue(
        err.toString().contains("--output /nonexistent-dir/result.jsonl: its directory /nonexistent-dir does not exist"), err.toString());
  }

  /** A bad duration is said at once with its command's usage: no broker answers there, and reaching for it first would end in exit 1. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"replay,--timeout,-5s", "replay,--timeout,abc", "replay,--max-future-skew,xyz",
      "run,--emit-interval,xyz", "run,--event-retention,xyz", "run,--alert-resend,xyz"})
  void shouldRefuseABadDurationBeforeReachingForKafkaWithItsCommandsUsage(String command, String flag, String value) throws Exception {
    CliRun r = command.equals("run") ? withOneSlo(command, "--bootstrap-servers", "127.0.0.1:1", flag, value, "--port", "0")
        : withOneSlo(command, "--bootstrap-servers", "127.0.0.1:1", flag, value);
    assertEquals(2, r.exit(), r.err());
    org.junit.jupiter.api.Assertions.assertTrue(r.err().startsWith(flag + ": '" + value + "' is not a duration"), r.err());
    org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("Usage: processor " + command), r.err());
  }

  @Test
  void shouldRefuseAPortInUseBeforeTouchingKafka() throws Exception {
    Path slos = java.nio.file.Files.createTempFile("slos", ".yaml");
    slos.toFile().deleteOnExit();
    java.nio.file.Files.writeString(slos, "slos:\n  - {name: a, service: s, objective: 99, sli: {availability: {}}}\n");
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      java.io.StringWriter err = new java.io.StringWriter();
      CommandLine cli = new CommandLine(new Main());
      cli.setErr(new java.io.PrintWriter(err));
      // No broker at that address: refused first, so a retry finds --start-from still unused.
      int exit = cli.execute("run", "--slos", slos.toString(), "--bootstrap-servers", "127.0.0.1:1", "--bind", "127.0.0.1",
          "--port", String.valueOf(taken.getLocalPort()), "--application-id", "x", "--start-from", "1d");
      assertEquals(1, exit, err.toString());
      org.junit.jupiter.api.Assertions.assertTrue(err.toString().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()
          + " (in use?): choose another with --port or PROCESSOR_PORT"), err.toString());
    }
  }

  /** Refused before Kafka is asked, with the flag and the bound, not a stack trace after connecting. */
  @Test
  void shouldRefuseOutOfRangeDurationsNamingTheFlag() throws Exception {
    for (String[] c : new String[][] {
        {"--emit-interval: at least 100ms (got '0s')", "run", "--emit-interval", "0s"},
        {"--alert-resend: at least 1s (got '500ms')", "run", "--alert-resend", "500ms"},
        {"--max-future-skew: at most 1h (got '2h')", "run", "--max-future-skew", "2h"},
        {"--max-future-skew: at most 1h (got '2h')", "replay", "--max-future-skew", "2h"},
        {"--timeout: at least 1s (got '0s')", "replay", "--timeout", "0s"},
        {"--threads: at least 1 (got 0)", "run", "--threads", "0"},
        {"--partitions: at least 1 (got 0)", "run", "--partitions", "0"},
        {"--port: 0..65535 (got 99999)", "run", "--port", "99999"}}) {
      CliRun r = withOneSlo(java.util.Arrays.copyOfRange(c, 1, c.length));
      assertEquals(2, r.exit(), r.err());
      org.junit.jupiter.api.Assertions.assertTrue(r.err().startsWith(c[0]), r.err());
    }
  }

  @Test
  void shouldSayAnUnreadableKafkaConfigFileInOneLine() throws Exception {
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setExecutionExceptionHandler((e, command, parsed) -> SharedOptions.failureInOneLine(e, command));
    assertEquals(2, cli.execute("copy-events", "--from-topic", "a", "--to-topic", "b", "--kafka-config-file", "/nonexistent/k.properties"));
    assertEquals("processor copy-events: cannot read --kafka-config-file /nonexistent/k.properties (no such file)",
        err.toString().trim());
  }

  /** Before Kafka is asked (no broker there): a copy into the topic it reads would count every event twice. */
  @Test
  void shouldRefuseToCopyATopicIntoItself() {
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setErr(new java.io.PrintWriter(err, true));
    assertEquals(2, cli.execute("copy-events", "--bootstrap-servers", "127.0.0.1:1", "--from-topic", "slo.request-events",
        "--to-topic", "slo.request-events"));
    org.junit.jupiter.api.Assertions.assertTrue(err.toString().startsWith(
        "--from-topic and --to-topic are both 'slo.request-events': copy into another topic"), err.toString());
  }
}
