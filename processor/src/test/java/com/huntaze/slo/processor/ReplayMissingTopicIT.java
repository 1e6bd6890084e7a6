package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.testing.KafkaFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A replay of a topic that does not exist says so at once, within its --timeout, naming the option. */
class ReplayMissingTopicIT {

  @Test
  void shouldSayAMissingEventTopicDoesNotExistWithinTheTimeout(@TempDir Path dir) throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start()) {
      Path slos = Files.writeString(dir.resolve("slos.yaml"),
          "slos:\n  - {name: a, service: s, objective: 99, sli: {availability: {}}}\n");
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new Main());
      cli.setErr(new PrintWriter(err, true));
      long start = System.nanoTime();
      int exit = cli.execute("replay", "--bootstrap-servers", kafka.bootstrapServers(), "--slos", slos.toString(),
          "--events-topic", "no-such-events", "--timeout", "10s");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(1, exit, err.toString());
      assertTrue(err.toString().contains("topic 'no-such-events' does not exist at " + kafka.bootstrapServers()
          + " (--events-topic)"), err.toString());
      assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took + " with --timeout 10s");
    }
  }
}
