package com.huntaze.slo.processor.intake;

import com.huntaze.slo.schemas.avro.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers of a dead letter: the original ones, plus why it could not count and where it came from. */
public final class DeadLetterHeaders {
  private DeadLetterHeaders() {
  }

  public static Headers of(Headers original, String reason, String topic, int partition, long offset, long timestamp) {
    RecordHeaders headers = new RecordHeaders(original.toArray());
    headers.add(Topics.DLQ_HEADER_ERROR, reason.getBytes(StandardCharsets.UTF_8));
    headers.add(Topics.DLQ_HEADER_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
    headers.add(Topics.DLQ_HEADER_PARTITION, String.valueOf(partition).getBytes(StandardCharsets.UTF_8));
    headers.add(Topics.DLQ_HEADER_OFFSET, String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
    headers.add(Topics.DLQ_HEADER_TIMESTAMP, String.valueOf(timestamp).getBytes(StandardCharsets.UTF_8));
    return headers;
  }
}
