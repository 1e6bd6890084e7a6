package com.huntaze.slo.schemas.avro;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.avro.SloStatus;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The pipeline's topics (the public contract in DESIGN.md). Immutable; build one with other names
 * (e.g. a replay's own output topics) through the constructor.
 */
public record Topics(
    Topic<String, RequestEvent> requestEvents,
    Topic<String, SloStatus> status,
    Topic<String, SloAlert> alerts,
    Topic<byte[], byte[]> deadLetters) {

  public static final String REQUEST_EVENTS = "slo.request-events";
  public static final String STATUS = "slo.status";
  public static final String ALERTS = "slo.alerts";
  public static final String DEAD_LETTERS = "slo.request-events.dlq";

  /** Headers on a dead-letter record saying where it came from and why it could not be decoded. */
  public static final String DLQ_HEADER_ERROR = "dlq.error";
  public static final String DLQ_HEADER_TOPIC = "dlq.topic";
  public static final String DLQ_HEADER_PARTITION = "dlq.partition";
  public static final String DLQ_HEADER_OFFSET = "dlq.offset";
  public static final String DLQ_HEADER_TIMESTAMP = "dlq.timestamp";

  public static Topics defaults() {
    return withNames(REQUEST_EVENTS, STATUS, ALERTS, DEAD_LETTERS);
  }

  public static Topics withNames(String requestEvents, String status, String alerts, String deadLetters) {
    return new Topics(
        new Topic<>(requestEvents, Serdes.String(), new AvroSerde<>(RequestEvent.class)),
        new Topic<>(status, Serdes.String(), new AvroSerde<>(SloStatus.class)),
        new Topic<>(alerts, Serdes.String(), new AvroSerde<>(SloAlert.class)),
        new Topic<>(deadLetters, Serdes.ByteArray(), Serdes.ByteArray()));
  }
}
