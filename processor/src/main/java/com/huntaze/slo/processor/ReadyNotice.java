package com.huntaze.slo.processor;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * How long the processor took to be ready, and after each rebalance to run again: Kafka Streams
 * logs its state transitions but not their durations, and a start that restores state holds the
 * statuses back meanwhile, as a rebalance does those of the tasks it moves (docs/operations.md).
 * One line each, from the state listener; not thread-safe beyond that (Kafka Streams calls its
 * listener from one thread at a time).
 */
final class ReadyNotice {
  private long since;
  private boolean wasReady;

  ReadyNotice(long startNanos) {
    this.since = startNanos;
  }

  /** The line to log for a transition at {@code nanos} ({@link System#nanoTime}), if any. */
  Optional<String> on(State now, State before, long nanos, int activeTasks) {
    if (now == State.REBALANCING && before == State.RUNNING) {
      since = nanos;
      return Optional.empty();
    }
    if (now != State.RUNNING) {
      return Optional.empty();
    }
    String took = String.format(Locale.ROOT, "%.1f s", Duration.ofNanos(nanos - since).toMillis() / 1000.0);
    String line = wasReady ? "running again after " + took + " of rebalancing; " + activeTasks + " task(s) here"
        : activeTasks == 0 ? "ready after " + took + "; no task here yet (an instance joining gets its tasks at the next rebalance)"
        : "ready after " + took + " (state restored, " + activeTasks + " task(s) here); statuses follow within a second";
    wasReady = true;
    return Optional.of(line);
  }
}
