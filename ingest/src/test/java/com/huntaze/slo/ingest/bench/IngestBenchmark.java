package com.huntaze.slo.ingest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.ingest.gateway.Gateway;
import com.huntaze.slo.ingest.gateway.GatewayConfig;
import com.huntaze.slo.ingest.loadgen.IncidentSchedule;
import com.huntaze.slo.ingest.loadgen.TrafficModel;
import com.huntaze.slo.ingest.otlp.OtlpSettings;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import com.huntaze.slo.schemas.avro.Topic;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.event.EventJsonWriter;
import com.huntaze.slo.schemas.event.EventRecords;
import com.huntaze.slo.testing.KafkaFixture;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the ingest benchmark (run by {@code ingest/bench.sh}, i.e. the {@code bench} profile).
 * One in-process broker; Kafka's raw producer (a plain KafkaProducer loop with the gateway's own
 * producer settings and the same Avro records) and the gateway (JSON batches of 500 over keep-alive
 * HTTP), then the gateway's OTLP endpoint (protobuf exports of 500 server spans, the same events),
 * publish to it in the same run, one after the other. Prints events/s of each and the ratios to raw.
 * The only assertions are correctness: every event acknowledged is in its topic.
 */
class IngestBenchmark {
  private static final int EVENTS = Integer.parseInt(System.getenv().getOrDefault("BENCH_EVENTS", "400000"));
  private static final int BATCH = 500;
  private static final int CONNECTIONS = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONNECTIONS", "8"));

  @Test
  void rawProducerVersusGateway() throws Exception {
    List<RequestEvent> sample = sample(20 * BATCH);
    try (KafkaFixture kafka = KafkaFixture.start()) {
      Topics rawTopics = Topics.withNames("bench.raw", Topics.STATUS, Topics.ALERTS, Topics.DEAD_LETTERS);
      Topics gwTopics = Topics.withNames("bench.gateway", Topics.STATUS, Topics.ALERTS, Topics.DEAD_LETTERS);
      Topics otlpTopics = Topics.withNames("bench.otlp", Topics.STATUS, Topics.ALERTS, Topics.DEAD_LETTERS);
      kafka.createTopics(3, "bench.raw", "bench.gateway", "bench.otlp");

      GatewayConfig config = GatewayConfig.builder(kafka.bootstrapServers()).bindAddress("127.0.0.1").port(0)
          .topics(gwTopics).build();
      Properties producerProps = producerSettingsOfTheGateway(config);

      int warmup = Math.min(100_000, EVENTS / 4) / BATCH * BATCH;
      double rawRate = raw(producerProps, rawTopics.requestEvents(), sample, warmup, EVENTS);

      double gatewayRate;
      try (Gateway gateway = Gateway.start(config, new PrometheusRegistry())) {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < sample.size(); i += BATCH) {
          bodies.add(EventJsonWriter.array(sample.subList(i, i + BATCH)));
        }
        gateway(gateway.uri(), JSON_EVENTS, bodies, warmup);
        gatewayRate = gateway(gateway.uri(), JSON_EVENTS, bodies, EVENTS);
      }

      double otlpRate;
      GatewayConfig otlpConfig = config.toBuilder().topics(otlpTopics)
          .otlp(new OtlpSettings(Set.of(SpanKind.SPAN_KIND_SERVER), List.of("cloud.region"))).build();
      try (Gateway gateway = Gateway.start(otlpConfig, new PrometheusRegistry())) {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < sample.size(); i += BATCH) {
          bodies.add(OtlpBatches.request(sample.subList(i, i + BATCH), new Random(i)).toByteArray());
        }
        gateway(gateway.uri(), OTLP_PROTOBUF, bodies, warmup);
        otlpRate = gateway(gateway.uri(), OTLP_PROTOBUF, bodies, EVENTS);
      }

      assertEquals(warmup + EVENTS, endOffsets(kafka, "bench.raw"), "raw producer: events in the topic");
      assertEquals(warmup + EVENTS, endOffsets(kafka, "bench.gateway"), "gateway: events in the topic");
      assertEquals(warmup + EVENTS, endOffsets(kafka, "bench.otlp"), "gateway, OTLP: events in the topic");

      int bodyBytes = EventJsonWriter.array(sample.subList(0, BATCH)).length;
      int otlpBytes = OtlpBatches.request(sample.subList(0, BATCH), new Random(0)).getSerializedSize();
      String report = String.format(Locale.ROOT, """
          ingest benchmark (%d events each, after %d warm-up; 1 in-process broker, 3 partitions, acks=all, idempotent)
            Kafka raw producer (KafkaProducer loop, gateway's producer settings): %,10.0f events/s
            gateway (POST /v1/events, JSON batches of %d = %d bytes, %d keep-alive connections): %,10.0f events/s
            ratio gateway / raw: %.2f
            gateway (POST /v1/traces, OTLP protobuf batches of %d server spans = %d bytes): %,10.0f events/s
            ratio OTLP / raw: %.2f
            machine: %d cores, Java %s
          """, EVENTS, warmup, rawRate, BATCH, bodyBytes, CONNECTIONS, gatewayRate, gatewayRate / rawRate,
          BATCH, otlpBytes, otlpRate, otlpRate / rawRate,
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      System.out.print(report);
      Files.writeString(Path.of("target", "bench-result.txt"), report, StandardCharsets.UTF_8);
    }
  }

  private static Properties producerSettingsOfTheGateway(GatewayConfig config) throws Exception {
    var method = Class.forName("com.huntaze.slo.ingest.gateway.KafkaPublisher")
        .getDeclaredMethod("producerProperties", GatewayConfig.class);
    method.setAccessible(true);
    Properties props = (Properties) method.invoke(null, config);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-raw");
    return props;
  }

  private static List<RequestEvent> sample(int n) {
    TrafficModel model = new TrafficModel(List.of("huntaze-api", "svc-2", "svc-3", "svc-4", "svc-5"),
        List.of("GET /api/users", "GET /api/users/{id}", "POST /api/orders", "GET /api/health"), 0.01, 80, 400,
        IncidentSchedule.NONE, Set.of(), 0, 1);
    Random random = new Random(1);
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    List<RequestEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      RequestEvent e = model.event(i, now, Duration.ZERO, random);
      e.setAttributes(Map.of("region", i % 2 == 0 ? "eu-west-1" : "us-east-1"));
      out.add(e);
    }
    return out;
  }

  /**
   * Warm-up, then the timed run on the same (already connected) producer, like the gateway's: the
   * records and the producer come from the same factory the gateway uses.
   */
  private static double raw(Properties props, Topic<String, RequestEvent> topic, List<RequestEvent> sample,
      int warmup, int n) throws Exception {
    AtomicLong acked = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    EventRecords records = new EventRecords(topic.name());
    try (Producer<byte[], byte[]> producer = EventRecords.producer(props)) {
      send(producer, records, sample, warmup, acked, failure);
      long start = System.nanoTime();
      send(producer, records, sample, n, acked, failure);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (failure.get() != null) {
        throw failure.get();
      }
      assertEquals(warmup + n, acked.get());
      return n / seconds;
    }
  }

  private static void send(Producer<byte[], byte[]> producer, EventRecords records, List<RequestEvent> sample,
      int n, AtomicLong acked, AtomicReference<Exception> failure) {
    for (int i = 0; i < n; i++) {
      producer.send(records.record(sample.get(i % sample.size())), (md, error) -> {
        if (error != null) {
          failure.set(error);
        } else {
          acked.incrementAndGet();
        }
      });
    }
    producer.flush();
  }

  /** An endpoint, its content type and the status that says every event was acknowledged. */
  private record Endpoint(String path, String contentType, int accepted) {
  }

  private static final Endpoint JSON_EVENTS = new Endpoint("/v1/events", "application/json", 202);
  private static final Endpoint OTLP_PROTOBUF = new Endpoint("/v1/traces", "application/x-protobuf", 200);

  private static double gateway(URI uri, Endpoint to, List<byte[]> bodies, int n) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI endpoint = uri.resolve(to.path());
    Semaphore inFlight = new Semaphore(CONNECTIONS);
    AtomicLong accepted = new AtomicLong();
    AtomicReference<String> failure = new AtomicReference<>();
    long start = System.nanoTime();
    for (int i = 0; i < n / BATCH; i++) {
      inFlight.acquire();
      HttpRequest request = HttpRequest.newBuilder(endpoint).header("Content-Type", to.contentType())
          .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size()))).build();
      client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, error) -> {
        if (error == null && r.statusCode() == to.accepted()) {
          accepted.addAndGet(BATCH);
        } else {
          failure.set(error != null ? error.toString() : r.statusCode() + " " + r.body());
        }
        inFlight.release();
      });
    }
    if (!inFlight.tryAcquire(CONNECTIONS, 5, TimeUnit.MINUTES)) {
      throw new AssertionError("gateway requests unanswered after 5 minutes");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failure.get() != null) {
      throw new AssertionError("gateway refused a batch: " + failure.get());
    }
    assertEquals(n / BATCH * BATCH, accepted.get());
    return accepted.get() / seconds;
  }

  private static long endOffsets(KafkaFixture kafka, String topic) throws Exception {
    try (Admin admin = kafka.admin()) {
      List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get()
          .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
          .all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }
  }
}
