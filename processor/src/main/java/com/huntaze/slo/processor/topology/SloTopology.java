package com.huntaze.slo.processor.topology;

import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.processor.intake.Partitioning;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;

/**
 * The processor's topology: request events in, per-SLO state in one named store, statuses,
 * alerts and dead letters out. Every node and the store have fixed names: a generated name that
 * shifts when the topology changes would orphan the store's changelog.
 */
public final class SloTopology {
  public static final String SOURCE = "request-events-source";
  public static final String EVALUATOR = "slo-evaluator";
  public static final String STATE_STORE = "slo-state";
  public static final String STATUS_SINK = "slo-status-sink";
  public static final String ALERTS_SINK = "slo-alerts-sink";
  public static final String DLQ_SINK = "dead-letter-sink";
  private static final long BACKSTOP_COMMIT_INTERVAL_MS = 10_000;
  private static final int SESSION_TIMEOUT_MS = 10_000;

  private SloTopology() {
  }

  public static Topology build(TopologySettings settings) {
    ByteArrayDeserializer bytesIn = new ByteArrayDeserializer();
    ByteArraySerializer bytesOut = new ByteArraySerializer();
    Topology topology = new Topology();
    topology.addSource(SOURCE, bytesIn, bytesIn, settings.topics().requestEvents().name());
    topology.addProcessor(EVALUATOR, () -> new SloEvaluator(settings), SOURCE);
    topology.addStateStore(new SloStateStoreBuilder(STATE_STORE, Map.of(),
        partition -> new SloEngine(Partitioning.slosOf(settings.slos().slos(), partition, settings.inputPartitions()),
            settings.engine())), EVALUATOR);
    topology.addSink(STATUS_SINK, settings.topics().status().name(), bytesOut, bytesOut, EVALUATOR);
    topology.addSink(ALERTS_SINK, settings.topics().alerts().name(), bytesOut, bytesOut, EVALUATOR);
    topology.addSink(DLQ_SINK, settings.topics().deadLetters().name(), bytesOut, bytesOut, EVALUATOR);
    return topology;
  }

  /**
   * {@code min.insync.replicas} for the topics created with this replication factor: 2 from a
   * replication factor of 3, so that an acknowledged write (acks=all) is on two brokers and one
   * broker can be lost without losing it or stopping writes; none below that (the broker's default).
   */
  public static java.util.OptionalInt minInSyncReplicas(int replicationFactor) {
    return replicationFactor >= 3 ? java.util.OptionalInt.of(2) : java.util.OptionalInt.empty();
  }

  /**
   * Streams configuration, over the user's Kafka client settings: exactly-once (v2), no record cache (the engine aggregates), bytes serdes
   * (records are decoded in the processor so bad ones can be dead-lettered).
   *
   * <p>Commits: each emit asks for one right after it publishes, so statuses become visible at
   * once and the state is written when they are. Kafka Streams' own commit interval is only the
   * backstop (emits further apart, a quiet catch-up): {@value #BACKSTOP_COMMIT_INTERVAL_MS} ms, its
   * transaction timeout, which a commit interval may not exceed. It counts only its own commits, so
   * an interval equal to the emit's added a second commit per emit: each one writes every page changed
   * since the last.
   */
  public static Properties streamsProperties(Properties kafkaClient, String applicationId, Path stateDir,
                                             int threads, int replicationFactor) {
    return streamsProperties(kafkaClient, applicationId, stateDir, threads, replicationFactor, 0);
  }

  /**
   * @param standbyReplicas warm copies of each task's store on other instances: a failed instance's
   *     tasks move to an instance that already holds their state instead of replaying the changelog
   */
  public static Properties streamsProperties(Properties kafkaClient, String applicationId, Path stateDir, int threads,
                                             int replicationFactor, int standbyReplicas) {
    Properties p = new Properties();
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, BACKSTOP_COMMIT_INTERVAL_MS);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    // A task reads one partition, so there is nothing to wait for to order records across
    // partitions; idling disabled also skips the readiness check that built a set and a log
    // message for every record.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    minInSyncReplicas(replicationFactor).ifPresent(n ->
        p.put(StreamsConfig.topicPrefix(org.apache.kafka.common.config.TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), n));
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // Its partition assignor reads a StreamsConfig of the main consumer's settings, which warned at every start without it.
    p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
    p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, UsePartitionTimeOnInvalidTimestamp.class);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5000);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    // A commit writes every changed page and an emit every status at once: with the default 16 KB,
    // a batch fills after a few hundred records, and each new batch sets up its own lz4 stream.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
    // A crashed instance's partitions move once the group notices it is gone: 10 s instead of the
    // consumer's 45 s default bounds the failover (a clean stop leaves the group at once anyway).
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, SESSION_TIMEOUT_MS / 5);
    p.putAll(kafkaClient); // the user's settings (bootstrap servers, TLS, SASL, tuning) win
    return p;
  }
}
