package com.huntaze.slo.processor.intake;

import com.huntaze.slo.schemas.avro.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers and payload of a dead letter: the original ones, plus why it could not count and where it came from. */
public final class DeadLetterHeaders {
  /**
   * Payloads above this are cut to it in the dead letter. The largest valid event is about 11 KiB
   * (the contract's limits), so nothing this big could be re-driven; a full copy plus headers of a
   * record near the broker's limit would exceed the producer's {@code max.request.size} (1 MiB) and
   * fail the task on a record that was only meant to be set aside.
   */
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
  /** Header on a cut dead letter: the original payload's size in bytes. */
  public static final String TRUNCATED_FROM = "dlq.truncated-from";

  private DeadLetterHeaders() {
  }

  public static Headers of(Headers original, byte[] value, String reason, String topic, int partition, long offset, long timestamp) {
    RecordHeaders headers = new RecordHeaders(original.toArray());
    headers.add(Topics.DLQ_HEADER_ERROR, reason.getBytes(StandardCharsets.UTF_8));
    headers.add(Topics.DLQ_HEADER_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
    headers.add(Topics.DLQ_HEADER_PARTITION, String.valueOf(partition).getBytes(StandardCharsets.UTF_8));
    headers.add(Topics.DLQ_HEADER_OFFSET, String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
    headers.add(Topics.DLQ_HEADER_TIMESTAMP, String.valueOf(timestamp).getBytes(StandardCharsets.UTF_8));
    if (value != null && value.length > MAX_PAYLOAD_BYTES) {
      headers.add(TRUNCATED_FROM, String.valueOf(value.length).getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }

  /** The payload a dead letter carries: the original, or its first {@link #MAX_PAYLOAD_BYTES}. */
  public static byte[] payload(byte[] value) {
    return value == null || value.length <= MAX_PAYLOAD_BYTES ? value : Arrays.copyOf(value, MAX_PAYLOAD_BYTES);
  }
}
