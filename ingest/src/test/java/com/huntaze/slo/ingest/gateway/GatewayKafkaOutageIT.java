package com.huntaze.slo.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.ingest.testing.Http;
import com.huntaze.slo.schemas.avro.Topic;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import com.huntaze.slo.testing.TopicReader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.UUID;
import kafka.server.BrokerServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With the broker stopped the gateway answers 503 + Retry-After within its bound, and recovers. */
class GatewayKafkaOutageIT {
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);
  private static final Topic<String, RequestEvent> TOPIC = Topics.defaults().requestEvents();
  private static KafkaFixture kafka;
  private static Gateway gateway;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaFixture.startCluster(1);
    kafka.createTopics(1, TOPIC.name());
    gateway = Gateway.start(GatewayConfig.builder(kafka.bootstrapServers()).bindAddress("127.0.0.1").port(0)
        .publishTimeout(PUBLISH_TIMEOUT).retryAfter(Duration.ofSeconds(3)).build(), new PrometheusRegistry());
    http = new Http(gateway.uri());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static String event(String operation) {
    return "{\"service\":\"outage\",\"operation\":\"" + operation + "\",\"status\":200,\"latencyMs\":1}";
  }

  @Test
  void shouldAnswer503WithinTheBoundWhileKafkaIsDownAndRecoverWhenItReturns() throws Exception {
    assertEquals(202, http.postJson(event("before")).status());
    BrokerServer broker = kafka.embeddedCluster().orElseThrow().brokers().values().iterator().next();
    broker.shutdown();
    broker.awaitShutdown();

    // Bound: publish timeout + the publisher's 1 s safety margin + scheduling slack on a busy machine.
    Duration bound = PUBLISH_TIMEOUT.plusSeconds(1).plusSeconds(3);
    long start = System.nanoTime();
    Http.Response down = http.postJson("[" + event("during") + "," + event("during") + "]");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(503, down.status(), down.body());
    assertTrue(took.compareTo(bound) < 0, "503 took " + took + ", bound " + bound);
    assertEquals("3", down.raw().headers().firstValue("Retry-After").orElse(""));
    assertTrue(down.json().get("error").asText().contains("Kafka unavailable"), down.body());
    Http.Response ready = http.get("/health/ready");
    assertEquals(503, ready.status(), ready.body());
    assertEquals("DOWN", ready.json().get("status").asText(), ready.body());
    assertTrue(ready.json().get("reason").asText().contains("Kafka"), ready.body());
    assertTrue(http.get("/metrics").body().contains("ingest_events_rejected_total{reason=\"kafka_unavailable\"} 2"));

    broker.startup();
    String after = "after-" + UUID.randomUUID();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    int status;
    do {
      status = http.postJson(event(after)).status();
      assertTrue(status == 202 || status == 503, "only 202 or 503 while recovering, got " + status);
    } while (status != 202 && System.nanoTime() < deadline);
    assertEquals(202, status, "the gateway did not recover after the broker came back");
    assertEquals(200, http.get("/health/ready").status());
    // Acknowledged after recovery means readable in Kafka.
    TopicReader.awaitMatching(kafka, TOPIC, e -> e.getOperation().equals(after), 1, Duration.ofSeconds(30));
  }
}
