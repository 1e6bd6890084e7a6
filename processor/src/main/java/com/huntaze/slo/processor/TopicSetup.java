package com.huntaze.slo.processor;

import com.huntaze.slo.processor.topology.SloTopology;
import com.huntaze.slo.schemas.avro.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the pipeline's topics when missing and reads how the event topic is partitioned. */
final class TopicSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
  private static final long TIMEOUT_SECONDS = 60;

  private TopicSetup() {
  }

  /**
   * Creates missing topics: events kept long enough to replay a 30-day budget, statuses compacted
   * (latest per SLO), alerts and dead letters kept for two weeks.
   */
  static void ensureTopics(Admin admin, Topics topics, int partitions, short replication, Duration eventRetention)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Optional<Short> rf = replication > 0 ? Optional.of(replication) : Optional.empty();
    String twoWeeks = String.valueOf(Duration.ofDays(14).toMillis());
    List<NewTopic> wanted = List.of(
        new NewTopic(topics.requestEvents().name(), Optional.of(partitions), rf)
            .configs(Map.of("retention.ms", String.valueOf(eventRetention.toMillis()))),
        new NewTopic(topics.status().name(), Optional.of(partitions), rf)
            .configs(Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.1", "segment.ms", "3600000")),
        new NewTopic(topics.alerts().name(), Optional.of(partitions), rf).configs(Map.of("retention.ms", twoWeeks)),
        new NewTopic(topics.deadLetters().name(), Optional.of(1), rf).configs(Map.of("retention.ms", twoWeeks)));
    List<NewTopic> missing = new ArrayList<>();
    for (NewTopic t : wanted) {
      if (!existing.contains(t.name())) {
        Map<String, String> configs = new java.util.HashMap<>(t.configs());
        SloTopology.minInSyncReplicas(replication).ifPresent(n -> configs.put("min.insync.replicas", String.valueOf(n)));
        missing.add(t.configs(configs));
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
      LOG.info("topics {} were created meanwhile by another instance", missing.stream().map(NewTopic::name).toList());
    }
    awaitVisible(admin, missing.stream().map(NewTopic::name).toList());
  }

  private static void awaitVisible(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    whenKnown(() -> admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
  }

  /** A call to Kafka about topics. */
  @FunctionalInterface
  private interface TopicCall<T> {
    T call() throws InterruptedException, ExecutionException, TimeoutException;
  }

  /**
   * Makes a call about topics, again while a broker answers "unknown topic" (for up to a minute).
   * The controller confirms a creation before every broker has applied it, and the admin asks any
   * broker: right after a topic is created, here or by another instance starting at the same time,
   * some brokers do not know it yet, which must not stop a start.
   */
  private static <T> T whenKnown(TopicCall<T> call) throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      try {
        return call.call();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Positions a new application's consumer group at the first event at or after {@code from} (a
   * group that already has offsets keeps them) and returns, per partition still behind, the end
   * offset it has to reach before its state covers the history.
   */
  static Map<Integer, Long> startFrom(Admin admin, String applicationId, String topic, int partitions, java.time.Instant from)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> atFrom = new java.util.HashMap<>();
    Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> atEnd = new java.util.HashMap<>();
    for (int p = 0; p < partitions; p++) {
      var tp = new org.apache.kafka.common.TopicPartition(topic, p);
      atFrom.put(tp, org.apache.kafka.clients.admin.OffsetSpec.forTimestamp(from.toEpochMilli()));
      atEnd.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest());
    }
    var ends = whenKnown(() -> admin.listOffsets(atEnd).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    Map<org.apache.kafka.common.TopicPartition, Long> position = new java.util.HashMap<>();
    boolean fresh = committed.keySet().stream().noneMatch(tp -> tp.topic().equals(topic));
    if (fresh) {
      var starts = whenKnown(() -> admin.listOffsets(atFrom).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets = new java.util.HashMap<>();
      starts.forEach((tp, info) -> {
        long offset = info.offset() < 0 ? ends.get(tp).offset() : info.offset();
        offsets.put(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(offset));
        position.put(tp, offset);
      });
      admin.alterConsumerGroupOffsets(applicationId, offsets).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOG.info("application {} starts from {}: offsets {}", applicationId, from, position);
    } else {
      committed.forEach((tp, o) -> position.put(tp, o == null ? 0 : o.offset()));
      LOG.info("application {} already has offsets; --start-from ignored", applicationId);
    }
    Map<Integer, Long> catchUp = new java.util.HashMap<>();
    ends.forEach((tp, info) -> {
      if (position.getOrDefault(tp, 0L) < info.offset()) {
        catchUp.put(tp.partition(), info.offset());
      }
    });
    return catchUp;
  }

  /**
   * What a replay of the event topic can rebuild: the longest SLO window plus the hour a replay
   * reads before it (windows cover whole buckets). Null when the topic keeps that much (or forever).
   */
  static String retentionProblem(Admin admin, String topic, Duration longestWindow, String bootstrapServers)
      throws InterruptedException, ExecutionException, TimeoutException {
    var resource = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
    var entry = whenKnown(() -> admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        .get(resource).get("retention.ms");
    long retention = entry == null || entry.value() == null ? -1 : Long.parseLong(entry.value());
    return retentionAdvice(topic, retention, longestWindow, bootstrapServers);
  }

  /** The warning for a topic kept {@code retention} ms (-1: forever), with the command that raises it; null when enough. */
  static String retentionAdvice(String topic, long retention, Duration longestWindow, String bootstrapServers) {
    Duration needed = longestWindow.plusHours(1);
    if (retention < 0 || retention >= needed.toMillis()) {
      return null;
    }
    return "topic " + topic + " keeps events " + com.huntaze.slo.schemas.slo.Durations.format(Duration.ofMillis(retention))
        + " (retention.ms=" + retention + "), less than the longest SLO window plus an hour ("
        + com.huntaze.slo.schemas.slo.Durations.format(needed) + "): live counting is unaffected, but a replay or a new SLO's "
        + "backfill cannot rebuild a whole window. Raise it: kafka-configs.sh --bootstrap-server " + bootstrapServers
        + " --alter --entity-type topics --entity-name "
        + topic + " --add-config retention.ms=" + longestWindow.plusDays(5).toMillis() + " (window + 5 days, docs/operations.md)";
  }

  static int partitionsOf(Admin admin, String topic) throws InterruptedException, ExecutionException, TimeoutException {
    TopicDescription d = whenKnown(() -> admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        .get(topic);
    return d.partitions().size();
  }
}
