package com.huntaze.slo.processor;

import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed stream thread does. A thread that failed because Kafka could not be reached in
 * time (a broker restarting, a leader election longer than the producer's {@code max.block.ms})
 * is replaced: under exactly-once its open transaction was aborted, its tasks are closed dirty and
 * re-initialised from the changelog, so nothing is lost or counted twice, and the new thread carries
 * on once the broker is back. Shutting the whole instance down for that would leave a local stack
 * (one broker, no supervisor) with no processor after any broker outage over a minute. Any other
 * failure (a bug, a corrupt state) still shuts the instance down so its partitions move to a
 * healthy instance.
 */
final class StreamFailurePolicy {
  private static final Logger LOG = LoggerFactory.getLogger(StreamFailurePolicy.class);

  private StreamFailurePolicy() {
  }

  /** The uncaught-exception handler of the processor's Kafka Streams: says what failed and what happens now. */
  static StreamThreadExceptionResponse handle(Throwable failure) {
    StreamThreadExceptionResponse response = responseTo(failure);
    if (response == StreamThreadExceptionResponse.REPLACE_THREAD) {
      // Handled, and Kafka Streams has already logged the trace: one line, with the innermost cause.
      LOG.warn("stream thread failed because Kafka was unavailable ({}); replacing the thread (its transaction was aborted, "
          + "its tasks restart from the changelog)", Replay.rootMessage(failure));
    } else {
      LOG.error("stream thread failed; shutting this instance down so its partitions move to a healthy one", failure);
    }
    return response;
  }

  static StreamThreadExceptionResponse responseTo(Throwable failure) {
    return isKafkaUnavailable(failure)
        ? StreamThreadExceptionResponse.REPLACE_THREAD
        : StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  /** True when the cause chain holds a retriable Kafka error (a timeout, a lost connection) or an aborted transaction. */
  static boolean isKafkaUnavailable(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof RetriableException || t instanceof TransactionAbortableException) {
        return true;
      }
    }
    return false;
  }
}
