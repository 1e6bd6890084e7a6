package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamFailurePolicyTest {
  @Test
  void aBrokerOutageLongerThanMaxBlockReplacesTheThreadInsteadOfStoppingTheProcessor() {
    // The chain a processor logged when its only broker was down for a minute (kill -9 of Kafka, ./start.sh).
    Throwable outage = new StreamsException("Error encountered trying to send record to topic slo-processor-slo-state-changelog",
        new KafkaException("Cannot execute transactional method because we are in an error state",
            new TransactionAbortableException("Transaction Request was aborted after exhausting retries.",
                new TimeoutException("Topic slo.status not present in metadata after 60000 ms."))));
    assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, StreamFailurePolicy.responseTo(outage));
    assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD,
        StreamFailurePolicy.responseTo(new StreamsException("punctuate failed", new TimeoutException("metadata"))));
  }

  @Test
  void anyOtherFailureStillShutsTheInstanceDown() {
    assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
        StreamFailurePolicy.responseTo(new StreamsException("bug", new IllegalStateException("bad state"))));
    assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, StreamFailurePolicy.responseTo(new NullPointerException()));
  }
}
