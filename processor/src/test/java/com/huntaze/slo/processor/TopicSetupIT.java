package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class TopicSetupIT {
  @Test
  void shouldCreateTopicsAndWarnWhenEventsAreKeptLessThanTheLongestWindow() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start(); Admin admin = kafka.admin()) {
      Topics topics = Topics.defaults();
      TopicSetup.ensureTopics(admin, topics, 2, (short) 1, Duration.ofDays(35));
      String events = topics.requestEvents().name();
      assertNull(TopicSetup.retentionProblem(admin, events, Duration.ofDays(30), kafka.bootstrapServers()), "35 days cover a 30-day window and the replay's hour");
      String problem = TopicSetup.retentionProblem(admin, events, Duration.ofDays(35), kafka.bootstrapServers());
      assertTrue(problem != null && problem.contains("retention.ms=3024000000") && problem.contains(events), problem);

      kafka.createTopics(1, Map.of("retention.ms", "-1"), "forever");
      assertNull(TopicSetup.retentionProblem(admin, "forever", Duration.ofDays(366), kafka.bootstrapServers()), "kept forever");
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, events);
      var config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
      assertEquals(String.valueOf(Duration.ofDays(35).toMillis()), config.get("retention.ms").value());
      assertEquals("1", config.get("min.insync.replicas").value(), "one replica: the broker's default, not 2");
    }
  }

  /**
   * Two instances starting together on a cluster race to create the topics; both must then read
   * the partitioning, though the brokers learn of a new topic a moment after its creation.
   */
  @Test
  void shouldStartTwoInstancesAtOnceOnACluster() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.startCluster(3)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 10; round++) {
          String prefix = "race" + round + ".";
          Topics topics = Topics.withNames(prefix + "events", prefix + "status", prefix + "alerts", prefix + "dlq");
          List<Future<Integer>> starts = new ArrayList<>();
          for (int instance = 0; instance < 2; instance++) {
            starts.add(pool.submit(() -> {
              try (Admin admin = kafka.admin()) {
                TopicSetup.ensureTopics(admin, topics, 6, (short) 3, Duration.ofDays(35));
                return TopicSetup.partitionsOf(admin, topics.requestEvents().name());
              }
            }));
          }
          for (Future<Integer> start : starts) {
            assertEquals(6, start.get(120, TimeUnit.SECONDS), "round " + round);
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
