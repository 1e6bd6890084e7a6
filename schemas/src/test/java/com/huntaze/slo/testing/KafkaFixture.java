package com.huntaze.slo.testing;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Apache Kafka broker for tests. Testcontainers' {@link KafkaContainer} where a Docker engine
 * answers, otherwise brokers in this JVM from Kafka's own test kit (KRaft, {@link
 * KafkaClusterTestKit}). Force one with {@code KAFKA_FIXTURE=embedded|container}. Multi-broker
 * clusters (failover tests) always run in-process.
 */
public final class KafkaFixture implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaFixture.class);

  private final KafkaClusterTestKit cluster;
  private final KafkaContainer container;
  private final String bootstrapServers;

  private KafkaFixture(KafkaClusterTestKit cluster, KafkaContainer container, String bootstrapServers) {
    this.cluster = cluster;
    this.container = container;
    this.bootstrapServers = bootstrapServers;
  }

  /** One broker, in a container or in-process (see class comment). */
  public static KafkaFixture start() {
    String mode = Optional.ofNullable(System.getenv("KAFKA_FIXTURE")).orElse("auto").toLowerCase(Locale.ROOT);
    boolean useContainer = switch (mode) {
      case "container" -> true;
      case "embedded" -> false;
      case "auto" -> dockerAvailable();
      default -> throw new IllegalArgumentException("KAFKA_FIXTURE=" + mode + ": expected embedded, container or auto");
    };
    if (useContainer) {
      KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0");
      kafka.start();
      LOG.info("Kafka fixture: container {} at {}", kafka.getDockerImageName(), kafka.getBootstrapServers());
      return new KafkaFixture(null, kafka, kafka.getBootstrapServers());
    }
    return startEmbedded(1);
  }

  /** {@code brokers} in-process KRaft brokers with a separate controller: for failover tests. */
  public static KafkaFixture startCluster(int brokers) {
    return startEmbedded(brokers);
  }

  private static KafkaFixture startEmbedded(int brokers) {
    int replication = Math.min(3, brokers);
    try {
      TestKitNodes nodes = new TestKitNodes.Builder()
          .setCombined(brokers == 1)
          .setNumBrokerNodes(brokers)
          .setNumControllerNodes(1)
          .build();
      KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
          .setConfigProp("offsets.topic.replication.factor", String.valueOf(replication))
          .setConfigProp("offsets.topic.num.partitions", "4")
          .setConfigProp("transaction.state.log.replication.factor", String.valueOf(replication))
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("transaction.state.log.num.partitions", "4")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .setConfigProp("auto.create.topics.enable", "false")
          .setConfigProp("num.partitions", "1")
          .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      LOG.info("Kafka fixture: {} in-process KRaft broker(s) at {}", brokers, cluster.bootstrapServers());
      return new KafkaFixture(cluster, null, cluster.bootstrapServers());
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the in-process Kafka broker: " + e.getMessage(), e);
    }
  }

  private static boolean dockerAvailable() {
    // Ask Testcontainers only where an engine could answer: its probe logs an ERROR otherwise.
    if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The in-process cluster, for tests that stop brokers; empty when running in a container. */
  public Optional<KafkaClusterTestKit> embeddedCluster() {
    return Optional.ofNullable(cluster);
  }

  public Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return Admin.create(props);
  }

  /** Creates topics and waits until they exist. */
  public void createTopics(int partitions, String... names) {
    createTopics(partitions, Map.of(), names);
  }

  public void createTopics(int partitions, Map<String, String> configs, String... names) {
    short replication = (short) (cluster == null ? 1 : Math.min(3, cluster.brokers().size()));
    try (Admin admin = admin()) {
      List<NewTopic> topics = java.util.Arrays.stream(names)
          .map(n -> new NewTopic(n, partitions, replication).configs(configs))
          .toList();
      admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topics " + List.of(names) + ": " + e.getMessage(), e);
    }
  }

  /** Common client settings for tests: this fixture's address, fast metadata refresh. */
  public Properties clientProperties() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put("metadata.max.age.ms", String.valueOf(Duration.ofSeconds(5).toMillis()));
    return props;
  }

  @Override
  public void close() {
    if (container != null) {
      container.stop();
    }
    if (cluster != null) {
      try {
        cluster.close();
      } catch (Exception e) {
        LOG.warn("closing the in-process Kafka cluster failed", e);
      }
    }
  }
}
