package com.huntaze.slo.exporter.kafka;

import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.alerting.AlertBook;
import com.huntaze.slo.exporter.state.StatusStore;
import com.huntaze.slo.schemas.avro.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code slo.status} from its beginning (the compacted topic holds the latest status of every
 * SLO) and {@code slo.alerts} from a short lookback, and hands each record to the {@link StatusStore}
 * or the {@link AlertBook}. Partitions are assigned, not subscribed: every exporter instance reads
 * everything, with no consumer group and no committed offsets.
 */
public final class TopicsConsumer implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicsConsumer.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Properties props;
  private final Topics topics;
  private final StatusStore store;
  private final AlertBook alerts;
  private final ConsumerProgress progress;
  private final Duration alertsLookback;
  private final Clock clock;
  private final ResolvedAlertsLog resolvedLog = new ResolvedAlertsLog();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  /** @param kafka client settings (bootstrap servers, TLS, SASL, ...); the settings reading correctly needs win */
  public TopicsConsumer(Map<String, String> kafka, Topics topics, StatusStore store, AlertBook alerts,
                        ConsumerProgress progress, Duration alertsLookback, Clock clock) {
    this.topics = topics;
    this.store = store;
    this.alerts = alerts;
    this.progress = progress;
    this.alertsLookback = alertsLookback;
    this.clock = clock;
    this.props = new Properties();
    props.putAll(kafka);
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "slo-exporter");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // The processor writes in transactions (exactly-once): never show an aborted status.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
  }

  public void start() {
    thread = new Thread(this, "slo-topics-consumer");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    Deserializer<SloStatus> statusDecoder = topics.status().valueSerde().deserializer();
    Deserializer<SloAlert> alertDecoder = topics.alerts().valueSerde().deserializer();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer = c;
      if (closed.get()) {
        return;
      }
      List<TopicPartition> statusParts = awaitPartitions(c, topics.status().name());
      List<TopicPartition> alertParts = awaitPartitions(c, topics.alerts().name());
      if (statusParts == null || alertParts == null) {
        return; // closed while waiting
      }
      List<TopicPartition> all = new ArrayList<>(statusParts);
      all.addAll(alertParts);
      c.assign(all);
      c.seekToBeginning(statusParts);
      seekAlerts(c, alertParts);
      Map<TopicPartition, Long> alertEnds = c.endOffsets(alertParts);
      Map<Integer, Long> ends = new HashMap<>();
      c.endOffsets(statusParts).forEach((tp, off) -> ends.put(tp.partition(), off));
      progress.startCatchUp(ends);
      LOG.info("reading {} from the beginning ({} partitions, end offsets {}) and {} from {} back",
          topics.status().name(), statusParts.size(), ends, topics.alerts().name(), alertsLookback);

      boolean announced = false;
      while (!closed.get()) {
        for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
          if (r.topic().equals(topics.status().name())) {
            onStatus(r, statusDecoder);
          } else {
            onAlert(r, alertDecoder);
          }
        }
        long lag = 0;
        for (TopicPartition tp : statusParts) {
          progress.position(tp.partition(), c.position(tp));
          lag += c.currentLag(tp).orElse(0);
        }
        progress.statusLag(lag);
        if (!progress.alertsHistoryRead() && alertEnds.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
          progress.alertsRead();
        }
        if (!announced && progress.caughtUp()) {
          announced = true;
          LOG.info("caught up with {}: {} SLO(s) held; ready", topics.status().name(), store.size());
          String resolved = resolvedLog.summary();
          if (resolved != null) {
            LOG.info(resolved);
          }
        }
      }
    } catch (WakeupException e) {
      if (!closed.get()) {
        progress.failed(e);
        LOG.error("consumer woken up unexpectedly", e);
      }
    } catch (RuntimeException e) {
      progress.failed(e);
      LOG.error("the consumer of {} and {} stopped", topics.status().name(), topics.alerts().name(), e);
    }
  }

  private void onStatus(ConsumerRecord<String, byte[]> r, Deserializer<SloStatus> decoder) {
    if (r.key() == null) {
      reject(r, "record without key (expected the SLO instance key)");
      return;
    }
    try {
      SloStatus status = r.value() == null ? null : decoder.deserialize(r.topic(), r.value());
      store.apply(r.key(), status);
      List<String> resolved = status == null ? alerts.instanceRemoved(r.key(), Instant.ofEpochMilli(r.timestamp()), clock.instant())
          : alerts.statusSeen(r.key(), status, clock.instant());
      List<String> told = resolvedLog.lines(resolved, progress.caughtUp());
      told.forEach(LOG::info);
      if (told.isEmpty()) {
        resolved.forEach(LOG::debug); // while reading history: counted, and summed up once caught up
      }
      progress.consumed(r.topic());
    } catch (SerializationException | IllegalArgumentException e) {
      reject(r, e.getMessage());
    }
  }

  private void onAlert(ConsumerRecord<String, byte[]> r, Deserializer<SloAlert> decoder) {
    if (r.value() == null) {
      progress.consumed(r.topic());
      return;
    }
    try {
      alerts.accept(decoder.deserialize(r.topic(), r.value()), clock.instant());
      progress.consumed(r.topic());
    } catch (SerializationException e) {
      reject(r, e.getMessage());
    }
  }

  private void reject(ConsumerRecord<String, byte[]> r, String why) {
    progress.rejected(r.topic());
    LOG.warn("skipping record {}-{}@{} (key {}): {}", r.topic(), r.partition(), r.offset(), r.key(), why);
  }

  private void seekAlerts(KafkaConsumer<String, byte[]> c, List<TopicPartition> parts) {
    long from = clock.instant().minus(alertsLookback).toEpochMilli();
    Map<TopicPartition, Long> query = new HashMap<>();
    parts.forEach(tp -> query.put(tp, from));
    Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(query);
    List<TopicPartition> toEnd = new ArrayList<>();
    for (TopicPartition tp : parts) {
      OffsetAndTimestamp o = found.get(tp);
      if (o == null) {
        toEnd.add(tp);
      } else {
        c.seek(tp, o.offset());
      }
    }
    c.seekToEnd(toEnd);
  }

  private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> c, String topic) {
    long lastLog = 0;
    while (!closed.get()) {
      try {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(p -> new TopicPartition(topic, p.partition())).sorted(
              java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
        }
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        // broker not reachable yet: keep waiting, not ready
      }
      long now = System.nanoTime();
      if (now - lastLog > Duration.ofSeconds(30).toNanos()) {
        lastLog = now;
        LOG.info("waiting for topic {} at {} (not ready until it exists)", topic,
            props.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
      }
      try {
        Thread.sleep(1000); // retry cadence while the topic does not exist; not a test wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  @Override
  public void close() {
    closed.set(true);
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
