package com.huntaze.slo.ingest.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.ingest.testing.GatewayAndBroker;
import com.huntaze.slo.schemas.avro.Topic;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** loadgen through the real gateway and straight into the real broker; bounded by count. */
class LoadgenIT {
  private static final Topic<String, RequestEvent> TOPIC = Topics.defaults().requestEvents();
  @RegisterExtension
  static final GatewayAndBroker stack = new GatewayAndBroker();

  @Test
  void shouldSendTheRequestedTrafficWithAnIncidentThroughTheGateway() throws Exception {
    String op = "loadgen-" + UUID.randomUUID();
    // 1 000 events at 2 000/s take ~0.5 s; the incident covers the second half for huntaze-api only.
    TrafficModel model = new TrafficModel(List.of("huntaze-api", "svc-2"), List.of(op), 0, 50, 100,
        new IncidentSchedule(Duration.ofMillis(250), Duration.ofHours(1), Duration.ZERO), Set.of("huntaze-api"), 1, 1);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Loadgen.Summary summary;
    try (HttpSink sink = new HttpSink(stack.gateway().uri(), null)) {
      summary = new Loadgen(model, sink, new Loadgen.Settings(2_000, 1_000, Duration.ofSeconds(60), 100, 4,
          Duration.ofMillis(100)), new Random(1), new PrintStream(printed, true, StandardCharsets.UTF_8),
          Clock.systemUTC()).run(() -> false);
    }
    assertEquals(new Loadgen.Summary(1_000, 1_000, 0, summary.elapsed()), summary);
    String out = printed.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("loadgen done: sent 1000, accepted 1000, failed 0"), out);

    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(stack.kafka(), TOPIC,
        e -> e.getOperation().equals(op), 1_000, Duration.ofSeconds(30));
    assertEquals(1_000, got.size());
    long svc2Errors = got.stream().filter(r -> r.key().equals("svc-2") && r.value().getStatus() >= 500).count();
    long apiErrors = got.stream().filter(r -> r.key().equals("huntaze-api") && r.value().getStatus() >= 500).count();
    assertEquals(0, svc2Errors, "the incident hits only huntaze-api");
    assertEquals(250, apiErrors, "huntaze-api fails for events scheduled from 250 ms on: 250 of its 500");
  }

  @Test
  void shouldSendStraightToKafkaFromTheCommandLine() {
    String service = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    int exit = com.huntaze.slo.ingest.Main.run("loadgen", "--mode", "kafka", "--bootstrap-servers", stack.kafka().bootstrapServers(),
        "--rate", "0", "--count", "300", "--duration", "60s", "--service-names", service + "-a," + service + "-b",
        "--progress-every", "1s", "--seed", "7");
    assertEquals(0, exit);
    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(stack.kafka(), TOPIC,
        e -> e.getService().startsWith(service), 300, Duration.ofSeconds(30));
    assertEquals(Set.of(service + "-a", service + "-b"), Set.copyOf(got.stream().map(ConsumerRecord::key).toList()));
  }
}
