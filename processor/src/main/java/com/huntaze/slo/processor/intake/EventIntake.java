package com.huntaze.slo.processor.intake;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.processor.core.ByteKeyMap;
import com.huntaze.slo.processor.core.Operation;
import com.huntaze.slo.processor.core.Service;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.schemas.avro.AvroSerde;
import com.huntaze.slo.schemas.event.EventRules;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * From a record's bytes to the SLO engine of its partition: the one path every event takes, in the
 * live topology and in a replay. Current-schema payloads are read in place ({@link EventView});
 * anything else goes through the full Avro decoder, which resolves older schemas and explains what
 * is wrong with a bad record. Both obey the event contract ({@code EventRules}): the fast path
 * checks what the SLOs read (status, latency, service, and each distinct operation once) and
 * leaves records that may break the attributes' or event id's limits to the decoder, which checks
 * every field. A record that cannot count is handed back as a dead letter with its
 * reason, never dropped.
 */
public final class EventIntake {
  /** Why a record goes to the dead-letter topic; {@code category} (one of {@link #CATEGORIES}) labels the metric. */
  public record DeadLetter(String category, String reason) {
    static final String UNDECODABLE = "undecodable";
    static final String INVALID = "invalid";
    static final String MISROUTED = "misrouted";
    public static final List<String> CATEGORIES = List.of(UNDECODABLE, INVALID, MISROUTED);
  }

  private final SloEngine engine;
  private final int partition;
  private final int partitions;
  private final PipelineMetrics metrics;
  private final AvroSerde<RequestEvent> events = new AvroSerde<>(RequestEvent.class);
  private final EventView view = new EventView();
  /**
   * Operations by the payload's bytes from the service's length through the operation (service
   * and operation with their lengths, so that the bytes read one way only): one lookup per event
   * instead of two. Valid operations only, at most {@link #PAIRS_REMEMBERED}; a miss takes the two lookups.
   */
  private final ByteKeyMap<Operation> byServiceAndOperation = new ByteKeyMap<>();
  private static final int PAIRS_REMEMBERED = 100_000;
  /** Services whose SLOs live on other partitions: their events here were produced with the wrong key. */
  private final ByteKeyMap<Boolean> otherPartitions = new ByteKeyMap<>();

  public EventIntake(SloEngine engine, List<SloDefinition> allSlos, int partition, int partitions, PipelineMetrics metrics) {
    this.engine = engine;
    this.partition = partition;
    this.partitions = partitions;
    this.metrics = metrics;
    for (SloDefinition slo : allSlos) {
      if (engine.service(slo.service()) == null) {
        otherPartitions.put(slo.service().getBytes(StandardCharsets.UTF_8), Boolean.TRUE);
      }
    }
  }

  /**
   * Applies one record's event.
   *
   * @param nowMillis the evaluation time events are admitted against (see {@link SloEngine})
   * @return null when the event was handled (applied, refused and counted, or of no SLO); else why
   *     the record must go to the dead-letter topic
   */
  public DeadLetter accept(byte[] value, long recordMillis, long nowMillis) {
    return value == null ? acceptDecoded(null, recordMillis, nowMillis) : accept(value, 0, value.length, recordMillis, nowMillis);
  }

  /** {@link #accept(byte[], long, long)} for a value at {@code buffer[offset, offset + length)}, read in place. */
  public DeadLetter accept(byte[] buffer, int offset, int length, long recordMillis, long nowMillis) {
    EventView e = view;
    if (e.read(buffer, offset, length) && e.serviceLength > 0 && e.status >= 100 && e.status <= 599
        && e.latencyMs >= 0 && e.latencyMs != Double.POSITIVE_INFINITY) {
      int pairEnd = e.operationOffset + e.operationLength;
      int pairStart = e.start + EventView.HEADER;
      Operation operation = byServiceAndOperation.get(e.buffer, pairStart, pairEnd - pairStart);
      Service service = null;
      if (operation == null) {
        service = engine.service(e.buffer, e.serviceOffset, e.serviceLength);
        operation = service == null ? null : service.operation(e.buffer, e.operationOffset, e.operationLength);
        if (operation != null && operation != SloEngine.INVALID_OPERATION && byServiceAndOperation.size() < PAIRS_REMEMBERED) {
          byServiceAndOperation.put(Arrays.copyOfRange(e.buffer, pairStart, pairEnd), operation);
        }
      }
      if (operation != null && operation != SloEngine.INVALID_OPERATION) {
        metrics.event(engine.apply(operation, e.status, e.latencyMs, e.eventMillis, nowMillis, recordMillis, e));
        return null;
      }
      if (service == null && otherPartitions.get(e.buffer, e.serviceOffset, e.serviceLength) == null) {
        metrics.event(SloEngine.Outcome.NO_SLO);
        return null;
      }
    }
    return acceptDecoded(offset == 0 && length == buffer.length ? buffer : Arrays.copyOfRange(buffer, offset, offset + length),
        recordMillis, nowMillis);
  }

  private static java.util.Map<String, String> stringAttributes(RequestEvent event) {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    if (event.getAttributes() != null) {
      event.getAttributes().forEach((k, v) -> out.put(k.toString(), v.toString()));
    }
    return out;
  }

  /** The full decoder: older schema versions, and every record that is bad or misrouted (to say why). */
  private DeadLetter acceptDecoded(byte[] value, long recordMillis, long nowMillis) {
    RequestEvent event;
    try {
      event = events.decode(value);
    } catch (SerializationException e) {
      return new DeadLetter(DeadLetter.UNDECODABLE, e.getMessage());
    } catch (RuntimeException e) {
      // A decoder failure nobody foresaw must not stop the task: it would fail again on every instance in turn.
      return new DeadLetter(DeadLetter.UNDECODABLE, "cannot decode RequestEvent: decoder failed: " + e);
    }
    // The event contract every writer obeys; how old or early an event may be is the engine's own rule.
    String invalid = EventRules.firstViolation(event);
    if (invalid != null) {
      return new DeadLetter(DeadLetter.INVALID, invalid);
    }
    if (engine.service(event.getService()) == null && otherPartitions.get(event.getService().getBytes(StandardCharsets.UTF_8)) != null) {
      int owner = Partitioning.partitionOf(event.getService(), partitions);
      return new DeadLetter(DeadLetter.MISROUTED, "service '" + event.getService() + "' belongs to partition " + owner
          + " (key = service), not " + partition + ": produce events keyed by their service");
    }
    metrics.event(engine.apply(event.getService(), event.getOperation(), stringAttributes(event), event.getStatus(),
        event.getLatencyMs(), event.getEventTime().toEpochMilli(), nowMillis, recordMillis));
    return null;
  }
}
