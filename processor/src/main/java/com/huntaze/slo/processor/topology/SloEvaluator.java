package com.huntaze.slo.processor.topology;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.processor.core.AlertEvent;
import com.huntaze.slo.processor.core.Evaluation;
import com.huntaze.slo.processor.core.ByteKeyMap;
import com.huntaze.slo.processor.core.LateDataLog;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.processor.core.SloState;
import com.huntaze.slo.schemas.slo.SloDefinition;
import com.huntaze.slo.schemas.avro.AvroSerde;
import com.huntaze.slo.schemas.avro.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts Kafka records to the SLO engine: decodes each event (undecodable or invalid ones go to the
 * dead-letter topic with headers saying why), applies it, and on every punctuation publishes each
 * SLO's status and the alerts that changed.
 */
final class SloEvaluator implements Processor<byte[], byte[], byte[], byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(SloEvaluator.class);

  private final TopologySettings settings;
  private final AvroSerde<RequestEvent> events = new AvroSerde<>(RequestEvent.class);
  private final Serializer<com.huntaze.slo.avro.SloStatus> statusSerializer;
  private final Serializer<com.huntaze.slo.avro.SloAlert> alertSerializer;
  private ProcessorContext<byte[], byte[]> context;
  private SloEngine engine;
  private int partition;
  private ReplayBounds replay;
  private boolean replayDone;
  /** Offset this partition must reach before publishing (live processor started on history), or -1. */
  private long quietUntil = -1;
  private final EventView view = new EventView();
  private final LateDataLog lateLog = new LateDataLog();
  /** Services whose SLOs live on other partitions: their events here were produced with the wrong key. */
  private final ByteKeyMap<Boolean> otherPartitions = new ByteKeyMap<>();

  SloEvaluator(TopologySettings settings) {
    this.settings = settings;
    this.statusSerializer = settings.topics().status().valueSerde().serializer();
    this.alertSerializer = settings.topics().alerts().valueSerde().serializer();
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.partition = context.taskId().partition();
    SloStateStore store = context.getStateStore(SloTopology.STATE_STORE);
    this.engine = store.engine();
    for (SloDefinition slo : settings.slos().slos()) {
      if (engine.service(slo.service()) == null) {
        otherPartitions.put(slo.service().getBytes(StandardCharsets.UTF_8), Boolean.TRUE);
      }
    }
    PunctuationType type = settings.clock() == EvaluationClock.LIVE ? PunctuationType.WALL_CLOCK_TIME : PunctuationType.STREAM_TIME;
    context.schedule(settings.emitInterval(), type, this::emit);
    replay = settings.replay().orElse(null);
    quietUntil = settings.catchUpOffsets().getOrDefault(partition, -1L);
    if (quietUntil >= 0) {
      LOG.info("task {}: rebuilding state from history, publishing once offset {} is reached", context.taskId(), quietUntil);
    }
    if (replay != null && replay.isEmpty(partition)) {
      finishReplay(false); // nothing to read here; records cannot be forwarded from init
    }
    LOG.info("task {}: evaluating {} SLOs {}", context.taskId(), engine.states().size(), engine.states().keySet());
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (replay != null) {
      long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
      if (replayDone || offset >= replay.stop(partition)) {
        return; // arrived after the replay's range was fixed: not part of it
      }
      apply(record);
      replay.listener().progress(partition, offset, record.timestamp());
      if (offset == replay.stop(partition) - 1) {
        finishReplay(true);
      }
      return;
    }
    apply(record);
    if (quietUntil >= 0 && context.recordMetadata().map(RecordMetadata::offset).orElse(-1L) >= quietUntil - 1) {
      quietUntil = -1;
      LOG.info("task {}: caught up with history, publishing", context.taskId());
    }
  }

  private void finishReplay(boolean publish) {
    replayDone = true;
    List<AlertEvent> alerts = new ArrayList<>();
    List<Evaluation> evaluations = engine.evaluate(replay.evaluateAtMillis(), alerts);
    if (publish) {
      forward(evaluations, alerts, replay.evaluateAtMillis());
    }
    replay.listener().finished(partition, evaluations);
  }

  /**
   * "Now" for admitting events: the wall clock live (what the windows are evaluated at), the
   * stream time in a replay (deterministic, whatever the machine's clock).
   */
  private long nowMillis(long recordMillis) {
    return settings.clock() == EvaluationClock.LIVE ? context.currentSystemTimeMs()
        : Math.max(context.currentStreamTimeMs(), recordMillis);
  }

  private void apply(Record<byte[], byte[]> record) {
    long recordMillis = record.timestamp();
    long nowMillis = nowMillis(recordMillis);
    EventView e = view;
    if (e.read(record.value()) && e.serviceLength > 0 && e.status >= 100 && e.status <= 599
        && e.latencyMs >= 0 && e.latencyMs != Double.POSITIVE_INFINITY) {
      SloEngine.Service service = engine.service(e.buffer, e.serviceOffset, e.serviceLength);
      if (service != null) {
        SloState[] matching = service.matching(e.buffer, e.operationOffset, e.operationLength);
        settings.metrics().event(engine.apply(matching, e.status, e.latencyMs, e.eventMillis, nowMillis, recordMillis));
        return;
      }
      if (otherPartitions.get(e.buffer, e.serviceOffset, e.serviceLength) == null) {
        settings.metrics().event(SloEngine.Outcome.NO_SLO);
        return;
      }
    }
    processDecoded(record, recordMillis, nowMillis);
  }

  /** The full decoder: older schema versions, and every record that is bad or misrouted (to say why). */
  private void processDecoded(Record<byte[], byte[]> record, long recordMillis, long nowMillis) {
    RequestEvent event;
    try {
      event = events.decode(record.value());
    } catch (SerializationException e) {
      deadLetter(record, e.getMessage());
      return;
    }
    String invalid = invalid(event);
    if (invalid != null) {
      deadLetter(record, invalid);
      return;
    }
    if (engine.service(event.getService()) == null && otherPartitions.get(event.getService().getBytes(StandardCharsets.UTF_8)) != null) {
      int owner = SloTopology.partitionOf(event.getService(), settings.inputPartitions());
      deadLetter(record, "service '" + event.getService() + "' belongs to partition " + owner + " (key = service), not "
          + partition + ": produce events keyed by their service");
      return;
    }
    SloEngine.Outcome outcome = engine.apply(event.getService(), event.getOperation(), event.getStatus(),
        event.getLatencyMs(), event.getEventTime().toEpochMilli(), nowMillis, recordMillis);
    settings.metrics().event(outcome);
  }

  private static String invalid(RequestEvent e) {
    if (e.getService().isBlank()) {
      return "invalid event: service is empty";
    }
    if (e.getStatus() < 100 || e.getStatus() > 599) {
      return "invalid event: status " + e.getStatus() + " is not an HTTP status (100-599)";
    }
    if (!(e.getLatencyMs() >= 0) || Double.isInfinite(e.getLatencyMs())) {
      return "invalid event: latencyMs " + e.getLatencyMs() + " is not a finite, non-negative number";
    }
    return null;
  }

  private void deadLetter(Record<byte[], byte[]> record, String reason) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add(Topics.DLQ_HEADER_ERROR, reason.getBytes(StandardCharsets.UTF_8));
    context.recordMetadata().ifPresent((RecordMetadata m) -> {
      headers.add(Topics.DLQ_HEADER_TOPIC, m.topic().getBytes(StandardCharsets.UTF_8));
      headers.add(Topics.DLQ_HEADER_PARTITION, String.valueOf(m.partition()).getBytes(StandardCharsets.UTF_8));
      headers.add(Topics.DLQ_HEADER_OFFSET, String.valueOf(m.offset()).getBytes(StandardCharsets.UTF_8));
      LOG.warn("dead-lettered record {}-{}@{}: {}", m.topic(), m.partition(), m.offset(), reason);
    });
    headers.add(Topics.DLQ_HEADER_TIMESTAMP, String.valueOf(record.timestamp()).getBytes(StandardCharsets.UTF_8));
    context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers), SloTopology.DLQ_SINK);
    settings.metrics().deadLettered(reason.startsWith("cannot decode") ? "undecodable" : reason.startsWith("invalid") ? "invalid" : "misrouted");
  }

  private void emit(long atMillis) {
    if (replayDone || quietUntil >= 0) {
      return;
    }
    long started = System.nanoTime();
    List<AlertEvent> alerts = new ArrayList<>();
    List<Evaluation> evaluations = engine.evaluate(atMillis, alerts);
    forward(evaluations, alerts, atMillis);
    if (replay == null) {
      context.commit(); // make the statuses visible now rather than at the next commit interval
      lateLog.lines(evaluations, context.currentSystemTimeMs()).forEach(line -> LOG.info("task {}: {}", context.taskId(), line));
    }
    settings.metrics().evaluated(evaluations.size(), System.nanoTime() - started);
  }

  private void forward(List<Evaluation> evaluations, List<AlertEvent> alerts, long atMillis) {
    String statusTopic = settings.topics().status().name();
    for (Evaluation e : evaluations) {
      byte[] key = e.slo().name().getBytes(StandardCharsets.UTF_8);
      context.forward(new Record<>(key, statusSerializer.serialize(statusTopic, AvroMapping.status(e)), atMillis),
          SloTopology.STATUS_SINK);
    }
    String alertTopic = settings.topics().alerts().name();
    for (AlertEvent a : alerts) {
      byte[] key = a.slo().getBytes(StandardCharsets.UTF_8);
      context.forward(new Record<>(key, alertSerializer.serialize(alertTopic, AvroMapping.alert(a)), atMillis),
          SloTopology.ALERTS_SINK);
      if (replay == null) {
        LOG.info("alert {} {} {} for SLO {}: {}", a.alertName(), a.severity(), a.firing() ? "firing" : "resolved", a.slo(), a.summary());
      }
    }
  }
}
