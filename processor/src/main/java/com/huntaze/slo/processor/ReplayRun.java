package com.huntaze.slo.processor;

import com.huntaze.slo.processor.core.AlertEvent;
import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.core.Evaluation;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.processor.intake.EventIntake;
import com.huntaze.slo.processor.intake.Partitioning;
import com.huntaze.slo.processor.intake.PipelineMetrics;
import com.huntaze.slo.schemas.slo.SloConfig;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

/**
 * The replay's reading: the partitions of the range in parallel with plain consumers (no consumer
 * group, changelog or transaction: a replay's result is computed once, at the end), each record
 * read in place and fed to its partition's SLO engine through the same {@link EventIntake} as the
 * live processor. Events are admitted against the partition's stream time (the newest record time
 * read so far), so the result does not depend on when the replay runs.
 */
final class ReplayRun {
  /** Where records that cannot count go, with their reason (called from several threads). */
  interface DeadLetters {
    void send(ConsumerRecord<ByteBuffer, ByteBuffer> record, EventIntake.DeadLetter reason);
  }

  record Result(List<Evaluation> evaluations, List<AlertEvent> alerts) {
  }

  private final Properties kafka;
  private final String topic;
  private final SloConfig config;
  private final EngineSettings engineSettings;
  private final ReplayRange range;
  private final int partitions;
  private final ReplayReport.Progress progress;
  private final DeadLetters deadLetters;

  ReplayRun(Properties kafka, String topic, SloConfig config, EngineSettings engineSettings, ReplayRange range, int partitions,
            ReplayReport.Progress progress, DeadLetters deadLetters) {
    this.kafka = kafka;
    this.topic = topic;
    this.config = config;
    this.engineSettings = engineSettings;
    this.range = range;
    this.partitions = partitions;
    this.progress = progress;
    this.deadLetters = deadLetters;
  }

  /**
   * Reads the whole range, then evaluates every SLO at {@code evaluateAtMillis}; records stamped at
   * or after {@code admitUntilMillis} are skipped.
   */
  Result run(long evaluateAtMillis, long admitUntilMillis, Duration timeout) throws Exception {
    Map<Integer, SloEngine> engines = new HashMap<>();
    List<List<Integer>> perWorker = new ArrayList<>();
    int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), partitions));
    for (int w = 0; w < workers; w++) {
      perWorker.add(new ArrayList<>());
    }
    for (int p = 0; p < partitions; p++) {
      // Batched: a replay reads each partition in time order, so most of an SLO's events share a minute.
      engines.put(p, new SloEngine(Partitioning.slosOf(config.slos(), p, partitions),
          engineSettings.withEventBatches().withMinuteBatches().evaluatedOnlyAt(evaluateAtMillis)));
      if (range.stop().get(p) > range.start().get(p)) {
        perWorker.get(p % workers).add(p);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "replay-reader");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> reading = new ArrayList<>();
      for (List<Integer> assigned : perWorker) {
        if (!assigned.isEmpty()) {
          reading.add(pool.submit(() -> {
            read(assigned, engines, evaluateAtMillis, admitUntilMillis, deadline);
            return null;
          }));
        }
      }
      for (Future<?> f : reading) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    List<Evaluation> evaluations = new ArrayList<>();
    List<AlertEvent> alerts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      evaluations.addAll(engines.get(p).evaluate(evaluateAtMillis, alerts));
    }
    return new Result(evaluations, alerts);
  }

  /**
   * One reader: its partitions from their start offsets up to (not including) their stop offsets,
   * skipping records stamped at or after {@code untilMillis}: they neither count nor move stream
   * time, as they had not happened yet at the time the SLOs are evaluated at. Stream time stops at
   * {@code evaluateAtMillis}: a record stamped ahead of it (within the skew) counts as one stamped
   * ahead of the live processor's clock does.
   */
  private void read(List<Integer> assigned, Map<Integer, SloEngine> engines, long evaluateAtMillis, long untilMillis,
                    long deadline) {
    Map<TopicPartition, EventIntake> intakes = new HashMap<>();
    Map<TopicPartition, long[]> streamTime = new HashMap<>();
    for (int p : assigned) {
      TopicPartition tp = new TopicPartition(topic, p);
      intakes.put(tp, new EventIntake(engines.get(p), config.slos(), p, partitions, PipelineMetrics.NONE));
      streamTime.put(tp, new long[] {Long.MIN_VALUE});
    }
    // Keys and values as the consumer read them, not copied: a replay reads every value once, in place.
    try (KafkaConsumer<ByteBuffer, ByteBuffer> consumer = new KafkaConsumer<>(consumerProperties(), new ByteBufferDeserializer(),
        new ByteBufferDeserializer())) {
      consumer.assign(intakes.keySet());
      intakes.keySet().forEach(tp -> consumer.seek(tp, range.start().get(tp.partition())));
      List<TopicPartition> reading = new ArrayList<>(intakes.keySet());
      while (!reading.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("replay did not finish within --timeout");
        }
        ConsumerRecords<ByteBuffer, ByteBuffer> records = consumer.poll(Duration.ofMillis(500));
        for (TopicPartition tp : records.partitions()) {
          long stop = range.stop().get(tp.partition());
          EventIntake intake = intakes.get(tp);
          long[] now = streamTime.get(tp);
          long lastOffset = -1;
          long skipped = 0;
          for (ConsumerRecord<ByteBuffer, ByteBuffer> r : records.records(tp)) {
            if (r.offset() >= stop) {
              break; // arrived after the replay's range was fixed: not part of it
            }
            lastOffset = r.offset();
            if (r.timestamp() >= untilMillis) {
              skipped++;
              continue;
            }
            now[0] = Math.max(now[0], Math.min(r.timestamp(), evaluateAtMillis));
            ByteBuffer v = r.value();
            EventIntake.DeadLetter dead = v != null && v.hasArray()
                ? intake.accept(v.array(), v.arrayOffset() + v.position(), v.remaining(), r.timestamp(), now[0])
                : intake.accept(bytes(v), r.timestamp(), now[0]);
            if (dead != null) {
              deadLetters.send(r, dead);
            }
          }
          if (lastOffset >= 0) {
            progress.record(tp.partition(), lastOffset, now[0], skipped); // the newest time read, not the last record's
          }
        }
        // Done once the position passes the stop offset (control records included, hence position, not offsets).
        reading.removeIf(tp -> consumer.position(tp) >= range.stop().get(tp.partition()));
        consumer.pause(intakes.keySet().stream().filter(tp -> !reading.contains(tp)).toList());
      }
    }
  }

  /** A copy of the bytes of a key or value as read (null for null), leaving the buffer as it was. */
  static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private Properties consumerProperties() {
    return ReplayReaders.consumerProperties(kafka);
  }
}
