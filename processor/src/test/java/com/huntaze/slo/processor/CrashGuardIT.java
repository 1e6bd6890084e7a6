package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.testing.KafkaFixture;
import com.huntaze.slo.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A crash after a clean restart: the packaged processor, stopped cleanly, started again on the same
 * state directory, then SIGKILLed and started once more. Exactly-once may trust a local store only
 * after a clean close, so the last start rebuilds every task's state from its changelog (Kafka
 * Streams 4.3.1 alone restored on top of the crashed copy), and the counts stay exact.
 */
class CrashGuardIT {
  private static final String STATE_MANAGER = "org.apache.kafka.streams.processor.internals.ProcessorStateManager";
  private static final String REBUILT = "was not closed cleanly (a crash): rebuilding it from the changelog";
  private static KafkaFixture kafka;
  private Path dir;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaFixture.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @AfterEach
  void deleteDir() {
    TempDirs.deleteQuietly(dir);
  }

  @Test
  void shouldRebuildTheStateOfACrashAfterACleanRestartAndCountExactly() throws Exception {
    dir = Files.createTempDirectory("crash-guard-it");
    List<String> args = List.of("--bootstrap-servers", kafka.bootstrapServers(), "--slos", ProcessorFailoverIT.writeSlos(dir).toString(),
        "--application-id", "crash-guard-it", "--partitions", "2", "--emit-interval", "1s", "--replication-factor", "1",
        "--state-dir", dir.resolve("state").toString(), "--kafka-config", "transaction.timeout.ms=5000");
    Map<String, Long> produced = new HashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = ProcessorFailoverIT.producer(kafka)) {
      try (ProcessorProcess first = ProcessorProcess.start("crash-guard-first", args)) {
        first.awaitReady(Duration.ofSeconds(90));
        ProcessorFailoverIT.produce(producer, 0, 2_000, produced);
        ProcessorFailoverIT.awaitCounts(kafka, produced, Duration.ofSeconds(120));
      } // SIGTERM: a clean close

      ProcessorProcess second = ProcessorProcess.start("crash-guard-second", args);
      try {
        second.awaitReady(Duration.ofSeconds(90));
        assertFalse(Files.readString(second.log().toPath()).contains(REBUILT), "a clean close is trusted");
        ProcessorFailoverIT.produce(producer, 2_000, 2_000, produced);
        ProcessorFailoverIT.awaitCounts(kafka, produced, Duration.ofSeconds(120));
        ProcessorFailoverIT.produce(producer, 4_000, 1_000, produced);
      } finally {
        second.kill();
      }

      // Kafka Streams says where each task's restore starts: a stored offset, or none (the whole changelog).
      List<String> restoreLog = List.of("-Dorg.slf4j.simpleLogger.log." + STATE_MANAGER + "=info");
      try (ProcessorProcess third = ProcessorProcess.start("crash-guard-third", restoreLog, args)) {
        third.awaitReady(Duration.ofSeconds(90));
        String log = Files.readString(third.log().toPath());
        List<String> trusted = log.lines().filter(l -> l.matches(".*stream-task \\[.*initialized from checkpoint with offset [0-9]+.*")).toList();
        assertEquals(List.of(), trusted, "no task restored on top of its crashed local copy");
        for (String changelog : List.of("crash-guard-it-slo-state-changelog-0", "crash-guard-it-slo-state-changelog-1")) {
          assertTrue(log.lines().anyMatch(l -> l.contains("would default to the starting offset at changelog " + changelog)),
              () -> changelog + " restored from its start:\n" + log);
        }
        ProcessorFailoverIT.produce(producer, 5_000, 1_000, produced);
        ProcessorFailoverIT.awaitCounts(kafka, produced, Duration.ofSeconds(120));
      }
    }
  }
}
