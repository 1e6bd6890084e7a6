package com.huntaze.slo.processor;

import java.util.Optional;

/**
 * What to say about standby replicas once the processor runs. Kafka Streams warns once per task
 * and rebalance when it cannot place a standby, which is every start of a lone processor with the
 * default of one standby: six warnings for the stack's six partitions, about nothing wrong. That
 * logger is quieted (simplelogger.properties) and this one line says it instead.
 */
final class StandbyNotice {
  private StandbyNotice() {
  }

  /**
   * @param configured {@code --standby-replicas}
   * @param activeTasks tasks this instance runs
   * @param standbyTasks standby tasks this instance keeps
   * @return a line to log when standbys are configured and this instance keeps none
   */
  static Optional<String> of(int configured, int activeTasks, int standbyTasks) {
    if (configured == 0 || standbyTasks > 0 || activeTasks == 0) {
      return Optional.empty();
    }
    return Optional.of("no standby copies kept here: " + configured + " standby replica(s) configured, and a standby is only "
        + "placed on another processor instance of the same application; with one instance running, each of its "
        + activeTasks + " task(s) is restored from its changelog after a crash");
  }
}
