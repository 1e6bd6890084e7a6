package com.huntaze.slo.bench;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.processor.intake.Partitioning;
import com.huntaze.slo.schemas.event.EventRecords;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A realistic load: 100 services with 10 SLOs each (every SLI kind, operation globs, windows from
 * a day to 30 days), a status mix with 4xx and a few 5xx, log-normal latencies, event times spread
 * evenly over a span of hours with a little disorder.
 */
final class Workload {
  static final int SERVICES = 100;
  private static final String[] OPERATIONS = {
      "GET /api/users", "GET /api/users/{id}", "POST /api/users", "GET /api/orders", "GET /api/orders/{id}",
      "POST /api/orders", "DELETE /api/orders/{id}", "GET /api/products", "GET /api/search", "POST /api/login",
      "GET /health", "PUT /api/users/{id}"};

  private Workload() {
  }

  static String service(int i) {
    return String.format("svc-%02d", i);
  }

  /** Grouped workload: regions each event carries, and attributes besides the region it is ranked by. */
  static final int REGIONS = 10;
  static final int RANKED_ATTRIBUTES = 9;
  static final int GROUPED_OPERATIONS = 10;

  /** The benchmark's workloads (lower case: they are typed on the command line). */
  enum Kind {
    standard(""), grouped(" x 100 groups, 10 attribution keys"), ungrouped(", 10 attribution keys, not grouped");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }

  /** 1,000 SLOs: ten per service; grouped: one per service, split by 10 operations x 10 regions, ranked by 10 keys. */
  static SloConfig slos(Kind kind) throws Exception {
    return SloConfigLoader.parse("benchmark workload", switch (kind) {
      case standard -> slosYaml();
      case grouped -> groupedSlosYaml(true);
      case ungrouped -> groupedSlosYaml(false);
    });
  }

  static String groupedSlosYaml(boolean groupBy) {
    StringBuilder attribution = new StringBuilder("operation");
    for (int a = 1; a <= RANKED_ATTRIBUTES; a++) {
      attribution.append(", attributes.a").append(a);
    }
    StringBuilder yaml = new StringBuilder("slos:\n");
    for (int s = 0; s < SERVICES; s++) {
      yaml.append("  - {name: ").append(service(s)).append("-by-route, service: ").append(service(s))
          .append(", objective: 99.9, sli: {availability: {}}, ").append(groupBy ? "groupBy: [operation, attributes.region], " : "")
          .append("attribution: [")
          .append(attribution).append("]}\n");
    }
    return yaml.toString();
  }

  static String slosYaml() {
    StringBuilder yaml = new StringBuilder("slos:\n");
    for (int s = 0; s < SERVICES; s++) {
      String svc = service(s);
      yaml.append("  - {name: ").append(svc).append("-availability, service: ").append(svc).append(", objective: 99.9, sli: {availability: {}}, alerting: {threshold: 99.5}}\n")
          .append("  - {name: ").append(svc).append("-api-availability, service: ").append(svc).append(", operation: \"GET /api/*\", objective: 99.5, window: 28d, sli: {availability: {}}}\n")
          .append("  - {name: ").append(svc).append("-errors, service: ").append(svc).append(", objective: 99.9, sli: {errorRate: {}}, alerting: {threshold: 99}}\n")
          .append("  - {name: ").append(svc).append("-latency, service: ").append(svc).append(", objective: 95, sli: {latency: {threshold: 300ms}}}\n")
          .append("  - {name: ").append(svc).append("-write-latency, service: ").append(svc).append(", operation: \"POST *\", objective: 99, window: 7d, sli: {latency: {threshold: 1s}}}\n")
          .append("  - {name: ").append(svc).append("-orders, service: ").append(svc).append(", operation: \"*/orders*\", objective: 99.9, window: 7d, sli: {availability: {}}}\n")
          .append("  - {name: ").append(svc).append("-throughput, service: ").append(svc).append(", sli: {throughput: {minRps: 5}}, alerting: {threshold: 1}}\n")
          .append("  - {name: ").append(svc).append("-reads, service: ").append(svc).append(", operation: \"GET *\", objective: 99.95, window: 1d, sli: {errorRate: {}}}\n")
          .append("  - {name: ").append(svc).append("-users-fast, service: ").append(svc).append(", operation: \"GET /api/users*\", objective: 90, window: 1d, sli: {latency: {threshold: 100ms}}}\n")
          .append("  - {name: ").append(svc).append("-deletes, service: ").append(svc).append(", operation: \"DELETE *\", objective: 99, sli: {availability: {}}}\n");
    }
    return yaml.toString();
  }

  /**
   * Produces {@code count} events whose times run from {@code start} over {@code span}, as records
   * from the factory every publisher uses (key, value and timestamp exactly as the gateway's). A
   * share {@code lateShare} of them comes from a backlog: stamped 1 to 48 hours before their place
   * in the stream. The producer is not the durable one: acks=1 and lz4 only make filling the topic
   * before a run faster.
   */
  static void produce(String bootstrap, String topic, long count, long start, Duration span, long seed, double lateShare,
                      boolean grouped, Progress progress) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    EventRecords records = new EventRecords(topic);
    Random random = new Random(seed);
    double step = span.toMillis() / (double) count;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < count; i++) {
        producer.send(records.record(event(random, start + (long) (i * step), lateShare, grouped)));
        progress.add(1);
      }
      producer.flush();
    }
  }

  /** The event at {@code position} in the stream: up to 30 s earlier, or from the backlog (a share {@code lateShare}). */
  static RequestEvent event(Random random, long position, double lateShare, boolean grouped) {
    int s = random.nextInt(SERVICES);
    long eventTime = position - random.nextInt(30_000);
    if (lateShare > 0 && random.nextDouble() < lateShare) {
      eventTime -= Duration.ofHours(1).toMillis() + (long) (random.nextDouble() * Duration.ofHours(47).toMillis());
    }
    int roll = random.nextInt(1000);
    int status = roll < 6 ? 500 + random.nextInt(4) : roll < 30 ? 400 + random.nextInt(30) : 200;
    return RequestEvent.newBuilder()
        .setService(service(s))
        .setOperation(OPERATIONS[random.nextInt(grouped ? GROUPED_OPERATIONS : OPERATIONS.length)])
        .setStatus(status)
        .setLatencyMs(Math.round(Math.exp(4.2 + random.nextGaussian() * 0.8) * 10) / 10.0)
        .setEventTime(java.time.Instant.ofEpochMilli(eventTime))
        .setAttributes(grouped ? attributes(random) : Map.of())
        .build();
  }

  /** One partition's events, as the gateway encodes them (record values), and their event times. */
  record PartitionEvents(List<byte[]> values, List<Long> times) {
  }

  /**
   * The events of partition 0 of {@code partitions} among {@code count} events spread over
   * {@code span} up to {@code end}, as {@link #produce} would publish them: what the core
   * benchmarks read from memory.
   */
  static PartitionEvents partitionEvents(long count, long end, Duration span, boolean grouped, int partitions) {
    List<byte[]> values = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    EventRecords records = new EventRecords("slo.request-events");
    Random random = new Random(42);
    double step = span.toMillis() / (double) count;
    for (long i = 0; i < count; i++) {
      RequestEvent e = event(random, end - span.toMillis() + (long) (i * step), 0, grouped);
      if (Partitioning.partitionOf(e.getService(), partitions) == 0) {
        values.add(records.record(e).value());
        times.add(e.getEventTime().toEpochMilli());
      }
    }
    return new PartitionEvents(values, times);
  }

  /** A region and nine more attributes of ten values each (tenant-like keys an SLO ranks bad events by). */
  private static Map<String, String> attributes(Random random) {
    Map<String, String> out = new java.util.HashMap<>();
    out.put("region", "region-" + random.nextInt(REGIONS));
    for (int a = 1; a <= RANKED_ATTRIBUTES; a++) {
      out.put("a" + a, "v" + random.nextInt(10));
    }
    return out;
  }
}
