package com.huntaze.slo.processor;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The consumer settings of the replay's readers. Public so that the benchmark's raw-consumer
 * baseline can read the topic with exactly these too: a replay must not look fast next to a
 * baseline that fetches in smaller pieces.
 */
public final class ReplayReaders {
  private ReplayReaders() {
  }

  /** {@code kafka} (connection, security) plus what a replay reader needs: large fetches, no commits, committed records only. */
  public static Properties consumerProperties(Properties kafka) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // what the exactly-once live processor reads
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20000");
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024));
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "slo-replay-reader");
    return p;
  }
}
