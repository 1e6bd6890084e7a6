package com.huntaze.slo.e2e.support;

import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/** Stopping and starting one broker of the in-process test-kit cluster. */
public final class Brokers {
  private Brokers() {
  }

  /** The test kit's shutdown of one broker: in-process, so a controlled one (leadership moves, then it stops). */
  public static void stop(KafkaClusterTestKit cluster, int id) {
    BrokerServer broker = cluster.brokers().get(id);
    broker.shutdown();
    broker.awaitShutdown();
  }

  public static void start(KafkaClusterTestKit cluster, int id) {
    cluster.brokers().get(id).startup();
  }
}
