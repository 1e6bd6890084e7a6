package com.huntaze.slo.ingest.gateway;

import com.huntaze.slo.schemas.service.KafkaReachability;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;

/**
 * Ready = the broker answers within a short bound and the event topic exists. While it runs, the
 * gateway's log says when Kafka cannot be reached and when it can again ({@link KafkaReachability}).
 */
final class KafkaReadiness implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaReadiness.class);
  private final Admin admin;
  private final KafkaReachability reachability;
  private final String topic;
  private final Duration timeout;

  KafkaReadiness(GatewayConfig config, Duration timeout) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "slo-ingest-readiness");
    // Same security settings as the producer; producer-only keys are ignored (with a log line) by Admin.
    Map<String, String> kafka = config.kafkaProperties();
    kafka.forEach((k, v) -> {
      if (AdminClientConfig.configNames().contains(k)) {
        props.put(k, v);
      }
    });
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
    this.admin = Admin.create(props);
    Properties clients = new Properties();
    clients.putAll(kafka);
    clients.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    this.reachability = KafkaReachability.start(clients, "slo-ingest-reachability", LOG::warn, LOG::info);
    this.topic = config.topics().requestEvents().name();
    this.timeout = timeout;
  }

  /** Null when ready, else why not. */
  String notReadyReason() {
    try {
      admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
          .allTopicNames().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return "Kafka: " + e.getCause().getMessage();
    } catch (TimeoutException e) {
      return "Kafka did not answer within " + timeout.toMillis() + "ms";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  @Override
  public void close() {
    reachability.close();
    admin.close(Duration.ofSeconds(5));
  }
}
