package com.huntaze.slo.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

  private static ExporterSettings parse(Map<String, String> env, String... args) {
    Main main = new Main();
    CommandLine cli = Main.commandLine(main, env);
    cli.parseArgs(args);
    return main.settings();
  }

  @Test
  void shouldUseTheDocumentedDefaults() {
    ExporterSettings s = parse(Map.of());
    assertEquals(9464, s.port());
    assertEquals("0.0.0.0", s.bind());
    assertEquals("localhost:9092", s.bootstrapServers());
    assertEquals(List.of(), s.alertmanagers());
    assertNull(s.externalUrl());
    assertEquals(Duration.ofMinutes(5), s.alerting().lease());
    assertEquals(Duration.ofMinutes(1), s.alerting().resendInterval());
  }

  @Test
  void shouldReadEveryFlagFromItsEnvironmentVariableAndLetTheCommandLineWin() {
    Map<String, String> env = Map.of(
        "EXPORTER_PORT", "19464",
        "EXPORTER_BIND", "127.0.0.1",
        "EXPORTER_BOOTSTRAP_SERVERS", "kafka:9092",
        "EXPORTER_ALERTMANAGER_URL", "http://am1:9093,http://am2:9093",
        "EXPORTER_EXTERNAL_URL", "https://slo.example",
        "EXPORTER_ALERT_LEASE", "10m",
        "EXPORTER_ALERT_RESEND_INTERVAL", "2m");
    ExporterSettings s = parse(env, "--port", "9999");
    assertEquals(9999, s.port(), "command line wins");
    assertEquals("127.0.0.1", s.bind());
    assertEquals("kafka:9092", s.bootstrapServers());
    assertEquals(List.of("http://am1:9093", "http://am2:9093"), s.alertmanagers());
    assertEquals("https://slo.example", s.externalUrl());
    assertEquals(Duration.ofMinutes(10), s.alerting().lease());
    assertEquals(Duration.ofMinutes(2), s.alerting().resendInterval());
  }

  @Test
  void shouldTakeKafkaClientSettingsFromAFileThenFlagsThenBootstrapServers(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("kafka.properties");
    Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nbootstrap.servers=ignored:1\n");
    ExporterSettings s = parse(Map.of(), "--bootstrap-servers", "broker:9093", "--kafka-config-file", file.toString(),
        "--kafka-config", "sasl.mechanism=SCRAM-SHA-512", "--kafka-config", "ssl.truststore.location=/etc/ts.p12");
    assertEquals(Map.of("bootstrap.servers", "broker:9093", "security.protocol", "SASL_SSL",
        "sasl.mechanism", "SCRAM-SHA-512", "ssl.truststore.location", "/etc/ts.p12"), s.kafka());

    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> parse(Map.of(), "--kafka-config-file", tmp.resolve("absent.properties").toString()));
    assertTrue(missing.getMessage().startsWith("cannot read --kafka-config-file"), missing.getMessage());
  }

  @Test
  void shouldTakeRepeatedAlertmanagerUrls() {
    ExporterSettings s = parse(Map.of(), "--alertmanager-url", "http://a:9093", "--alertmanager-url=http://b:9093,http://c:9093");
    assertEquals(List.of("http://a:9093", "http://b:9093", "http://c:9093"), s.alertmanagers());
  }

  @Test
  void shouldExplainABadDurationOrUrl() {
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--alert-lease", "5 minutes"));
    assertEquals("--alert-lease: '5 minutes' is not a duration (use e.g. 30s, 5m, 1h)", d.getMessage());
    IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--alertmanager-url", "am:9093"));
    assertTrue(u.getMessage().contains("must be http(s)://host[:port]"), u.getMessage());
    IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
        () -> parse(Map.of(), "--alert-lease", "1m", "--alert-resend-interval", "2m"));
    assertEquals("--alert-resend-interval (2m) must be shorter than --alert-lease (1m), or Alertmanager resolves "
        + "firing alerts between resends", l.getMessage());
  }

  @Test
  void shouldNameTheFlagOfAZeroDurationOrOfBackoffsInTheWrongOrder() {
    IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
        () -> parse(Map.of(), "--alertmanager-timeout", "0s"));
    assertEquals("--alertmanager-timeout: must be above 0 (got '0s')", t.getMessage());
    IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--alert-lease", "0"));
    assertEquals("--alert-lease: must be above 0 (got '0')", l.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> parse(Map.of(), "--alertmanager-backoff-max", "100ms"));
    assertEquals("--alertmanager-backoff-max (100ms) is below --alertmanager-backoff-initial (1s)", b.getMessage());
  }

  @Test
  void shouldSayThePortIsInUseWithoutAStackTrace() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine(new Main(), Map.of());
      cli.setErr(new PrintWriter(err, true));
      int port = taken.getLocalPort();
      assertEquals(1, cli.execute("--bind", "127.0.0.1", "--port", String.valueOf(port),
          "--bootstrap-servers", "127.0.0.1:1"));
      assertEquals("exporter: cannot listen on 127.0.0.1:" + port
          + " (in use?): choose another with --port or EXPORTER_PORT", err.toString().trim());
    }
  }

  @Test
  void shouldPrintHelpWithEveryFlagAndTheEnvironmentRule() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine(new Main(), Map.of());
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("--help"));
    for (String flag : List.of("--port", "--bind", "--bootstrap-servers", "--alertmanager-url", "--external-url",
        "--alert-lease", "--alert-resend-interval", "--kafka-config", "--kafka-config-file", "EXPORTER_<OPTION>",
        "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_CONFIG_FILE")) {
      assertTrue(out.toString().contains(flag), () -> "help lacks " + flag + ":\n" + out);
    }
  }

  @Test
  void shouldExitWithUsageErrorOnABadFlagValue() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(new Main(), Map.of());
    cli.setErr(new PrintWriter(err));
    assertEquals(CommandLine.ExitCode.USAGE, cli.execute("--alert-lease", "soon"));
    assertTrue(err.toString().contains("--alert-lease: 'soon' is not a duration"), err.toString());
  }

  /** A value from the environment is refused naming the variable too: start.sh and compose set them, nobody typed the flag. */
  @Test
  void shouldNameTheVariableARefusedValueCameFrom() {
    for (var bad : Map.of("EXPORTER_PORT", "bogus", "EXPORTER_ALERTMANAGER_URL", "ftp://am:9093").entrySet()) {
      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine(new Main(), Map.of(bad.getKey(), bad.getValue()));
      cli.setErr(new PrintWriter(err));
      assertEquals(CommandLine.ExitCode.USAGE, cli.execute("--bootstrap-servers", "127.0.0.1:1"));
      assertTrue(err.toString().contains("(set by environment variable " + bad.getKey() + ")"), err.toString());
    }
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(new Main(), Map.of("EXPORTER_PORT", "8080"));
    cli.setErr(new PrintWriter(err));
    assertEquals(CommandLine.ExitCode.USAGE, cli.execute("--port", "bogus"));
    assertTrue(err.toString().contains("'bogus' is not an int") && !err.toString().contains("environment variable"),
        "the flag given on the command line is the one refused: " + err);
  }
}
