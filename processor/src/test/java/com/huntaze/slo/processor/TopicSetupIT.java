package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
      assertNull(TopicSetup.retentionProblem(admin, events, Duration.ofDays(30)), "35 days cover a 30-day window and the replay's hour");
      String problem = TopicSetup.retentionProblem(admin, events, Duration.ofDays(35));
      assertTrue(problem != null && problem.contains("retention.ms=3024000000") && problem.contains(events), problem);

      kafka.createTopics(1, Map.of("retention.ms", "-1"), "forever");
      assertNull(TopicSetup.retentionProblem(admin, "forever", Duration.ofDays(366)), "kept forever");
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, events);
      var config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
      assertEquals(String.valueOf(Duration.ofDays(35).toMillis()), config.get("retention.ms").value());
      assertEquals("1", config.get("min.insync.replicas").value(), "one replica: the broker's default, not 2");
    }
  }
}
