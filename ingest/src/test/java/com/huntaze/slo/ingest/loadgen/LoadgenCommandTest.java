package com.huntaze.slo.ingest.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.ingest.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A mistake on loadgen's command line is refused before anything is sent, with the option named (exit 2). */
class LoadgenCommandTest {

  private static void refused(String expected, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream before = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit;
    try {
      String[] all = new String[args.length + 3];
      all[0] = "loadgen";
      System.arraycopy(args, 0, all, 1, args.length);
      all[args.length + 1] = "--count"; // were it not refused: one event to nowhere
      all[args.length + 2] = "1";
      exit = Main.run(all);
    } finally {
      System.setErr(before);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, exit, text);
    assertTrue(text.contains("loadgen: " + expected), text);
  }

  @Test
  void shouldNameTheOptionOfABadValue() {
    refused("--rate must be 0 (as fast as possible) or more (got -5.0)", "--rate", "-5");
    refused("--batch-size must be at least 1 (got 0)", "--batch-size", "0");
    refused("--concurrency must be at least 1 (got 0)", "--concurrency", "0");
    refused("--progress-every must be above 0", "--progress-every", "0s");
    refused("--target: 'localhost:8088' must be http(s)://host[:port]", "--target", "localhost:8088");
  }

  @Test
  void shouldRefuseEmptyNamesAndAnIncidentOnAServiceThatSendsNothing() {
    refused("--service-names: a service name is empty", "--service-names", "");
    refused("--operations: an operation is empty", "--operations", ",GET /a", "--target", "http://127.0.0.1:1");
    refused("--incident-services: 'nope' is not one of the services [huntaze-api, svc-2, svc-3]",
        "--incident-services", "nope", "--target", "http://127.0.0.1:1");
  }

  @Test
  void shouldSayInItsLastLineWhyEventsFailed() {
    // A run shorter than --progress-every prints no progress line: the summary must carry the reason.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream before = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = Main.run("loadgen", "--target", "http://127.0.0.1:1", "--rate", "0", "--count", "3", "--duration", "60s",
          "--progress-every", "1h");
    } finally {
      System.setOut(before);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, exit, text);
    String summary = text.lines().filter(l -> l.startsWith("loadgen done:")).findFirst().orElse("");
    assertTrue(summary.contains("failed 3") && summary.contains("last error: no answer from http://127.0.0.1:1: java.net.ConnectException"), text);
  }
}
