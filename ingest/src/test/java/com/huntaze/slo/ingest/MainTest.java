package com.huntaze.slo.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  private static String help(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute(args));
    return out.toString();
  }

  @Test
  void everyCommandShouldHaveHelpNamingItsEnvironmentVariables() {
    assertTrue(help("--help").contains("loadgen"));
    String gateway = help("gateway", "--help");
    for (String env : new String[] {"INGEST_PORT", "INGEST_BIND", "KAFKA_BOOTSTRAP_SERVERS", "INGEST_TOKENS_FILE",
        "INGEST_MAX_BODY_BYTES", "INGEST_PUBLISH_TIMEOUT", "INGEST_TLS_KEYSTORE", "KAFKA_CONFIG_FILE"}) {
      assertTrue(gateway.contains(env), () -> env + " missing from gateway --help:\n" + gateway);
    }
    assertTrue(gateway.contains("default 8088"), gateway);
    String loadgen = help("loadgen", "--help");
    for (String env : new String[] {"LOADGEN_RATE", "LOADGEN_SERVICES", "LOADGEN_DURATION", "LOADGEN_INCIDENT_EVERY",
        "LOADGEN_INCIDENT_ERROR_RATIO", "LOADGEN_MODE", "LOADGEN_TARGET", "LOADGEN_HISTORY", "LOADGEN_HISTORY_RATE",
        "LOADGEN_HISTORY_MAX_EVENTS", "LOADGEN_HISTORY_TIMEOUT", "LOADGEN_HISTORY_INCIDENT_AGO"}) {
      assertTrue(loadgen.contains(env), () -> env + " missing from loadgen --help:\n" + loadgen);
    }
  }

  @Test
  void anUnknownCommandShouldBeNamedNotTakenForAGatewayArgument() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream before = System.err;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    int exit;
    try {
      exit = Main.run("bogus", "--port", "9000");
    } finally {
      System.setErr(before);
    }
    assertEquals(2, exit);
    assertEquals("ingest: unknown command 'bogus' (commands: gateway, loadgen, help; without one the gateway runs). "
        + "Usage: ingest --help\n", err.toString(java.nio.charset.StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }

  @Test
  void aPortInUseShouldExitOneSayingSoLikeTheOtherServices() throws Exception {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream before = System.err;
    int exit;
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      exit = Main.run("gateway", "--bind", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()),
          "--bootstrap-servers", "127.0.0.1:1");
    } finally {
      System.setErr(before);
    }
    String message = err.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(1, exit, message);
    assertTrue(message.contains("gateway: cannot listen on 127.0.0.1:") && message.contains("(in use?)")
        && message.contains("--port or INGEST_PORT"), message);
  }

  @Test
  void theGatewayShouldBeTheDefaultCommand() {
    assertArrayEquals(new String[] {"gateway"}, Main.withDefaultSubcommand(new String[0]));
    assertArrayEquals(new String[] {"gateway", "--port", "9000"}, Main.withDefaultSubcommand(new String[] {"--port", "9000"}));
    assertArrayEquals(new String[] {"loadgen", "--rate", "5"}, Main.withDefaultSubcommand(new String[] {"loadgen", "--rate", "5"}));
    assertArrayEquals(new String[] {"--help"}, Main.withDefaultSubcommand(new String[] {"--help"}));
  }
}
