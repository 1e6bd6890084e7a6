package com.huntaze.slo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.e2e.support.Brokers;
import com.huntaze.slo.e2e.support.EventTopicOracle;
import com.huntaze.slo.e2e.support.GatewayLoad;
import com.huntaze.slo.e2e.support.ServiceProcess;
import com.huntaze.slo.testing.KafkaFixture;
import com.huntaze.slo.testing.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A soak, outside the default suite: steady load through the gateway on a three-broker cluster for
 * {@code soak.minutes} (5), a processor restarted every minute (SIGTERM, the two in turn) and a
 * broker restarted halfway. Prints each minute the processors' resident memory, state directory
 * size and lag, and at the end asserts exact counts. Run:
 * {@code mvn -B -pl e2e -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SoakIT -Dsoak=true}.
 */
@EnabledIfSystemProperty(named = "soak", matches = "true")
class SoakIT {
  private static final Logger LOG = LoggerFactory.getLogger(SoakIT.class);
  private static final Path ROOT = Path.of(System.getProperty("repo.root", ".."));
  private static final List<String> SERVICES = List.of("svc-a", "svc-b", "svc-c", "svc-d", "svc-e", "svc-f", "svc-g", "svc-h");
  private static final Pattern LAG = Pattern.compile("(?m)^slo_processor_lag_records (\\S+)$");

  @Test
  void shouldHoldLoadThroughRestartsWithFlatMemoryStateAndLagAndExactCounts() throws Exception {
    int minutes = Integer.getInteger("soak.minutes", 5);
    Path dir = Files.createTempDirectory("soak");
    StringBuilder yaml = new StringBuilder("slos:\n");
    SERVICES.forEach(s -> yaml.append("  - {name: ").append(s).append(", service: ").append(s)
        .append(", objective: 99, window: 1d, sli: {availability: {}}}\n"));
    Path slos = Files.writeString(dir.resolve("slos.yaml"), yaml);
    try (KafkaFixture kafka = KafkaFixture.startCluster(3)) {
      KafkaClusterTestKit cluster = kafka.embeddedCluster().orElseThrow();
      List<String> args = List.of("--bootstrap-servers", kafka.bootstrapServers(), "--slos", slos.toString(),
          "--application-id", "soak", "--partitions", "6", "--replication-factor", "3", "--emit-interval", "1s");
      ServiceProcess[] processors = {processor("a", args, dir), processor("b", args, dir)};
      try (ServiceProcess gateway = ServiceProcess.start(ROOT, "ingest", "gateway", "soak-gateway",
          List.of("--bootstrap-servers", kafka.bootstrapServers(), "--publish-timeout", "5s", "--retry-after", "1s"))) {
        for (ServiceProcess p : processors) {
          p.awaitReady(Duration.ofSeconds(180));
        }
        gateway.awaitReady(Duration.ofSeconds(180));
        long began = System.nanoTime();
        try (GatewayLoad load = new GatewayLoad(gateway.url("/"), SERVICES, 20, Duration.ofMillis(50))) {
          for (int minute = 1; minute <= minutes; minute++) {
            long due = began + Duration.ofMinutes(minute).toNanos();
            Poll.until("minute " + minute + " of the soak", Duration.ofMinutes(2), () -> System.nanoTime() >= due);
            report(minute, processors, dir, load);
            int i = minute % 2;
            processors[i].close();
            processors[i] = processor(i == 0 ? "a" : "b", args, dir);
            processors[i].awaitReady(Duration.ofSeconds(180));
            if (minute == (minutes + 1) / 2) {
              Brokers.stop(cluster, 0);
              Brokers.start(cluster, 0);
            }
          }
          load.close();
          Map<String, String> want = EventTopicOracle.countsHoldingEveryAcknowledged(kafka, load.acknowledged());
          EventTopicOracle.awaitStatusCounts(kafka, want, Duration.ofSeconds(180));
          report(minutes + 1, processors, dir, load);
          LOG.info("SOAK {} min: {} events acknowledged, {} answered 503, counts exact: {}", minutes, load.acknowledgedCount(),
              load.unavailable(), want);
          assertEquals(0, load.otherAnswers(), "only 202 and 503 answers");
        }
      } finally {
        for (ServiceProcess p : processors) {
          p.close();
        }
      }
    }
  }

  private static ServiceProcess processor(String name, List<String> args, Path dir) throws IOException {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--state-dir", dir.resolve(name).toString()));
    return ServiceProcess.start(ROOT, "processor", "run", "soak-processor-" + name, all);
  }

  private static void report(int minute, ServiceProcess[] processors, Path dir, GatewayLoad load) throws Exception {
    StringBuilder line = new StringBuilder("SOAK minute " + minute + ": acknowledged " + load.acknowledgedCount());
    for (int i = 0; i < processors.length; i++) {
      Matcher lag = LAG.matcher(processors[i].get("/metrics"));
      line.append(String.format(" | processor %s: RSS %d MiB, state %.1f MiB, lag %s", i == 0 ? "a" : "b",
          processors[i].residentMiB(), size(dir.resolve(i == 0 ? "a" : "b")) / 1048576.0, lag.find() ? lag.group(1) : "?"));
    }
    LOG.info("{}", line);
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
