package com.huntaze.slo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.e2e.support.Brokers;
import com.huntaze.slo.e2e.support.EventTopicOracle;
import com.huntaze.slo.e2e.support.GatewayLoad;
import com.huntaze.slo.e2e.support.ServiceProcess;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import com.huntaze.slo.testing.Poll;
import com.huntaze.slo.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline on a three-broker cluster (replication factor 3, {@code min.insync.replicas=2}):
 * two packaged processors and the packaged gateway under steady load through HTTP. In one run the
 * broker leading the busiest partitions stops, a processor is SIGKILLed, a third processor joins
 * (a rebalance under load), a second broker stops so that writes cannot reach two replicas (the
 * gateway must answer 503 with Retry-After), and both brokers come back. Afterwards nothing the
 * gateway acknowledged is missing from Kafka, and every SLO's counts equal a brute-force count of
 * the events Kafka holds: none lost, none counted twice.
 */
class ClusterChaosIT {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterChaosIT.class);
  private static final Path ROOT = Path.of(System.getProperty("repo.root", ".."));
  private static final Topics TOPICS = Topics.defaults();
  private static final List<String> SERVICES = List.of("svc-a", "svc-b", "svc-c", "svc-d", "svc-e", "svc-f", "svc-g", "svc-h");
  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration WAIT = Duration.ofSeconds(90);

  private Path dir;

  @AfterEach
  void deleteDir() {
    TempDirs.deleteQuietly(dir);
  }

  @Test
  void shouldCountExactlyWhatWasAcknowledgedThroughBrokerLossKillsAndARebalance() throws Exception {
    long began = System.nanoTime();
    dir = Files.createTempDirectory("cluster-chaos");
    StringBuilder yaml = new StringBuilder("slos:\n");
    SERVICES.forEach(s -> yaml.append("  - {name: ").append(s).append(", service: ").append(s)
        .append(", objective: 99, window: 1d, sli: {availability: {}}}\n"));
    Path slos = Files.writeString(dir.resolve("slos.yaml"), yaml);
    try (KafkaFixture kafka = KafkaFixture.startCluster(3); Admin admin = kafka.admin()) {
      KafkaClusterTestKit cluster = kafka.embeddedCluster().orElseThrow();
      List<String> args = List.of("--bootstrap-servers", kafka.bootstrapServers(), "--slos", slos.toString(),
          "--application-id", "chaos-it", "--partitions", "6", "--replication-factor", "3", "--emit-interval", "1s",
          "--kafka-config", "session.timeout.ms=6000", "--kafka-config", "heartbeat.interval.ms=1000");
      try (ServiceProcess a = processor("a", args, dir); ServiceProcess b = processor("b", args, dir);
           ServiceProcess gateway = ServiceProcess.start(ROOT, "ingest", "gateway", "chaos-gateway", List.of(
               "--bootstrap-servers", kafka.bootstrapServers(), "--publish-timeout", "3s", "--retry-after", "1s"))) {
        a.awaitReady(START);
        b.awaitReady(START);
        gateway.awaitReady(START);
        assertReplicated(admin);
        try (GatewayLoad load = new GatewayLoad(gateway.url("/"), SERVICES, 20, Duration.ofMillis(50))) {
          awaitMoreAcknowledged(load, 2_000);
          log("steady load", began);

          int leader = busiestLeader(admin);
          Brokers.stop(cluster, leader);
          awaitMoreAcknowledged(load, 2_000);
          log("broker " + leader + " (leading the busiest partitions) stopped, writes go on", began);

          a.kill();
          awaitMoreAcknowledged(load, 1_500);
          log("processor a SIGKILLed", began);
          try (ServiceProcess c = processor("c", args, dir)) {
            c.awaitReady(START);
            awaitMoreAcknowledged(load, 1_500);
            log("processor c joined under load", began);

            int second = cluster.brokers().keySet().stream().filter(id -> id != leader).findFirst().orElseThrow();
            int before = load.unavailable();
            Brokers.stop(cluster, second);
            Poll.until("503s from the gateway while only one replica is in sync", WAIT, () -> load.unavailable() >= before + 2);
            int acknowledgedInOutage = load.acknowledgedCount();
            Poll.until("another 503", WAIT, () -> load.unavailable() >= before + 3);
            assertEquals(acknowledgedInOutage, load.acknowledgedCount(), "no 202 while a write cannot reach two replicas");
            log("broker " + second + " stopped too: " + (load.unavailable() - before) + " answers 503", began);
            Brokers.start(cluster, second);
            Brokers.start(cluster, leader);
            Poll.until("every partition back to 3 in-sync replicas", WAIT, () -> fullyInSync(admin));
            awaitMoreAcknowledged(load, 1_500);
            log("both brokers back, writes acknowledged again", began);
          }
          load.close();
          assertEquals(0, load.unavailableWithoutRetryAfter(), "every 503 carries Retry-After");
          assertEquals(0, load.otherAnswers(), "only 202 and 503 answers");
          assertCountsExact(kafka, b, load.acknowledged());
        }
      }
    }
    log("done", began);
  }

  private static ServiceProcess processor(String name, List<String> args, Path dir) throws java.io.IOException {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--state-dir", dir.resolve(name).toString()));
    return ServiceProcess.start(ROOT, "processor", "run", "chaos-processor-" + name, all);
  }

  /** The processor created the topics replicated three times, with two replicas required for a write. */
  private static void assertReplicated(Admin admin) throws Exception {
    String topic = TOPICS.requestEvents().name();
    TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    assertTrue(d.partitions().stream().allMatch(p -> p.replicas().size() == 3), "replication factor 3: " + d);
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    String minIsr = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
        .get("min.insync.replicas").value();
    assertEquals("2", minIsr);
  }

  private static void awaitMoreAcknowledged(GatewayLoad load, int more) {
    int target = load.acknowledgedCount() + more;
    Poll.until(more + " more events acknowledged (202)", WAIT, () -> load.acknowledgedCount() >= target);
  }

  /** The broker leading the partitions of the event topic that hold the most records. */
  private static int busiestLeader(Admin admin) throws Exception {
    String topic = TOPICS.requestEvents().name();
    TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    d.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
    Map<Integer, Long> recordsLed = new HashMap<>();
    d.partitions().forEach(p -> recordsLed.merge(p.leader().id(), ends.get(new TopicPartition(topic, p.partition())).offset(), Long::sum));
    LOG.info("records led per broker: {}", recordsLed);
    return recordsLed.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private static boolean fullyInSync(Admin admin) throws Exception {
    String topic = TOPICS.requestEvents().name();
    return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
        .partitions().stream().allMatch(p -> p.isr().size() == 3);
  }

  /** Nothing acknowledged is missing from Kafka, nothing is in it twice, every SLO counts exactly what it holds. */
  private static void assertCountsExact(KafkaFixture kafka, ServiceProcess survivor, Set<String> acknowledged) {
    Map<String, String> want = EventTopicOracle.countsHoldingEveryAcknowledged(kafka, acknowledged);
    LOG.info("{} events acknowledged, counts in Kafka (good/total): {}", acknowledged.size(), want);
    EventTopicOracle.awaitStatusCounts(kafka, want, Duration.ofSeconds(120));
    assertTrue(survivor.alive(), "the processor that was never killed is still running");
  }

  private static void log(String step, long began) {
    LOG.info("chaos step at {} s: {}", (System.nanoTime() - began) / 1_000_000_000, step);
  }
}
