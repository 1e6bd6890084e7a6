package com.huntaze.slo.processor.topology;

import com.huntaze.slo.processor.core.AlertEvent;
import com.huntaze.slo.processor.core.Evaluation;
import com.huntaze.slo.processor.core.LateDataLog;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.processor.intake.DeadLetterHeaders;
import com.huntaze.slo.processor.intake.EventIntake;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts Kafka records to the SLO engine: each event goes through the {@link EventIntake} (bad
 * records to the dead-letter topic with headers saying why), and every emit interval of wall-clock
 * time each SLO's status and the alerts that changed are published.
 */
final class SloEvaluator implements Processor<byte[], byte[], byte[], byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(SloEvaluator.class);
  /**
   * How often a task looks whether its emit is due. A punctuator of the emit interval itself would
   * first fire a whole interval after the task starts running, and a task moved by a rebalance has
   * already gone without a status for the rebalance (docs/operations.md): the first look emits.
   */
  private static final long EMIT_CHECK_MILLIS = 1_000;

  private final TopologySettings settings;
  private final Serializer<com.huntaze.slo.avro.SloStatus> statusSerializer;
  private final Serializer<com.huntaze.slo.avro.SloAlert> alertSerializer;
  private final LateDataLog lateLog = new LateDataLog();
  private final DeadLetterLog deadLetterLog;
  private ProcessorContext<byte[], byte[]> context;
  private SloEngine engine;
  private EventIntake intake;
  /** Offset this partition must reach before publishing (live processor started on history), or -1. */
  private long quietUntil = -1;
  /** When this task last published, or none yet (its first look at the clock publishes). */
  private long lastEmitMillis = Long.MIN_VALUE;

  SloEvaluator(TopologySettings settings) {
    this.settings = settings;
    this.statusSerializer = settings.topics().status().valueSerde().serializer();
    this.alertSerializer = settings.topics().alerts().valueSerde().serializer();
    this.deadLetterLog = new DeadLetterLog(settings.topics().deadLetters().name());
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    int partition = context.taskId().partition();
    SloStateStore store = context.getStateStore(SloTopology.STATE_STORE);
    this.engine = store.engine();
    this.intake = new EventIntake(engine, settings.slos().slos(), partition, settings.inputPartitions(), settings.metrics());
    long interval = settings.emitInterval().toMillis();
    long check = Math.min(interval, EMIT_CHECK_MILLIS);
    context.schedule(Duration.ofMillis(check), PunctuationType.WALL_CLOCK_TIME, now -> {
      // Half a look early still counts as due, so the looks' jitter does not push every emit a look later.
      if (lastEmitMillis == Long.MIN_VALUE || now - lastEmitMillis >= interval - check / 2) {
        emit(now);
      }
    });
    quietUntil = settings.catchUpOffsets().getOrDefault(partition, -1L);
    if (quietUntil >= 0) {
      LOG.info("task {}: rebuilding state from history, publishing once offset {} is reached", context.taskId(), quietUntil);
    }
    LOG.info("task {}: evaluating {} SLOs {}", context.taskId(), engine.states().size(), engine.states().keySet());
    lateLog.restored(engine.states());
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    // Events are admitted against the wall clock: what the windows are evaluated at.
    EventIntake.DeadLetter dead = intake.accept(record.value(), record.timestamp(), context.currentSystemTimeMs());
    if (dead != null) {
      deadLetter(record, dead);
    }
    if (quietUntil >= 0 && context.recordMetadata().map(RecordMetadata::offset).orElse(-1L) >= quietUntil - 1) {
      quietUntil = -1;
      LOG.info("task {}: caught up with history, publishing", context.taskId());
    }
  }

  private void deadLetter(Record<byte[], byte[]> record, EventIntake.DeadLetter dead) {
    RecordMetadata m = context.recordMetadata().orElseThrow();
    deadLetterLog.record(m.topic() + "-" + m.partition() + "@" + m.offset(), dead.category(), dead.reason(), context.currentSystemTimeMs())
        .forEach(line -> LOG.warn("task {}: {}", context.taskId(), line));
    context.forward(new Record<>(record.key(), DeadLetterHeaders.payload(record.value()), record.timestamp(),
        DeadLetterHeaders.of(record.headers(), record.value(), dead.reason(), m.topic(), m.partition(), m.offset(), record.timestamp())),
        SloTopology.DLQ_SINK);
    settings.metrics().deadLettered(dead.category());
  }

  private void emit(long atMillis) {
    if (quietUntil >= 0) {
      return;
    }
    lastEmitMillis = atMillis;
    long started = System.nanoTime();
    List<AlertEvent> alerts = new ArrayList<>();
    List<Evaluation> evaluations = engine.evaluate(atMillis, alerts);
    String statusTopic = settings.topics().status().name();
    for (Evaluation e : evaluations) {
      byte[] key = e.instanceKey().getBytes(StandardCharsets.UTF_8);
      context.forward(new Record<>(key, statusSerializer.serialize(statusTopic, AvroMapping.status(e)), atMillis),
          SloTopology.STATUS_SINK);
    }
    for (String retired : engine.takeRetiredKeys()) {
      // A group with no events left in its SLO window: the tombstone removes it from the exporter.
      context.forward(new Record<>(retired.getBytes(StandardCharsets.UTF_8), (byte[]) null, atMillis), SloTopology.STATUS_SINK);
    }
    String alertTopic = settings.topics().alerts().name();
    for (AlertEvent a : alerts) {
      byte[] key = a.slo().getBytes(StandardCharsets.UTF_8);
      context.forward(new Record<>(key, alertSerializer.serialize(alertTopic, AvroMapping.alert(a)), atMillis),
          SloTopology.ALERTS_SINK);
      if (a.isResend()) { // a grouped SLO may have thousands firing: the log keeps to what changed
        LOG.debug("alert {} {} still firing for SLO {}: {}", a.alertName(), a.severity(), a.slo(), a.summary());
      } else {
        LOG.info("alert {} {} {} for SLO {}: {}", a.alertName(), a.severity(), a.firing() ? "firing" : "resolved", a.slo(), a.summary());
      }
    }
    context.commit(); // make the statuses visible now rather than at the next commit interval
    lateLog.lines(evaluations, context.currentSystemTimeMs()).forEach(line -> LOG.info("task {}: {}", context.taskId(), line));
    String deadLetters = deadLetterLog.summary(context.currentSystemTimeMs());
    if (deadLetters != null) {
      LOG.warn("task {}: {}", context.taskId(), deadLetters);
    }
    settings.metrics().evaluated(evaluations.size(), System.nanoTime() - started);
  }
}
