package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * A --bootstrap-servers that Kafka's client refuses before connecting (a host that does not resolve, an
 * address without a port) is the user's to fix: one line naming it, exit 1, as for a broker that does not
 * answer, not the client's stack trace.
 */
class ReplayBootstrapTest {

  @ParameterizedTest
  @ValueSource(strings = {"no-such-broker.invalid:9092", "localhost"})
  void shouldSayKafkaCannotBeReachedAtABootstrapAddressTheClientRefuses(String servers, @TempDir Path dir) throws Exception {
    Path slos = Files.writeString(dir.resolve("slos.yaml"), "slos:\n  - {name: a, service: s, objective: 99, sli: {availability: {}}}\n");
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("replay", "--bootstrap-servers", servers, "--slos", slos.toString(), "--timeout", "10s");
    assertEquals(1, exit, err.toString());
    assertTrue(err.toString().startsWith("cannot reach Kafka at " + servers + ": "), err.toString());
    assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
  }
}
