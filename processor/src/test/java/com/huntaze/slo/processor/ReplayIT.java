package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import com.huntaze.slo.testing.TempDirs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * The replay command against a real broker: it reproduces the live processor's numbers exactly,
 * backfills an SLO defined after the events, reports partial retention, handles an empty range and
 * refuses bad flags.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {
  private static final Topics TOPICS = Topics.defaults();
  private static final String LIVE_SLOS = """
      slos:
        - {name: api-availability, service: api, objective: 99.9, sli: {availability: {}}}
        - {name: api-latency, service: api, objective: 95, window: 7d, sli: {latency: {threshold: 200ms}}}
        - {name: web-errors, service: web, operation: "GET *", objective: 99, window: 1d, sli: {errorRate: {}}}
        - {name: api-by-route, service: api, objective: 99.9, window: 1d, sli: {availability: {}}, groupBy: [operation]}
        - {name: web-monthly, service: web, objective: 95, window: {calendar: month, timeZone: Europe/Paris}, sli: {availability: {}},
           budgeting: {timeslices: {slice: 1m, goodIf: 90}}}
      """;
  /** The same, plus an SLO defined "today", after its events were produced. */
  private static final String BACKFILL_SLOS = LIVE_SLOS
      + "  - {name: shop-availability, service: shop, objective: 99.5, window: 7d, sli: {availability: {}}}\n";

  private static KafkaFixture kafka;
  private static Path dir;
  private static final List<RequestEvent> SENT = new ArrayList<>();
  /** The same history on one partition: the replay must not depend on how partitions are read in parallel. */
  private static final String SINGLE_PARTITION_TOPIC = "replay-it.single-partition";

  @BeforeAll
  static void produceHistory() throws Exception {
    kafka = KafkaFixture.start();
    kafka.createTopics(3, TOPICS.requestEvents().name());
    kafka.createTopics(1, SINGLE_PARTITION_TOPIC);
    dir = Files.createTempDirectory("replay-it");
    Random random = new Random(5);
    long now = System.currentTimeMillis();
    Properties p = kafka.clientProperties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    String[] services = {"api", "web", "shop"};
    String[] operations = {"GET /a", "POST /b", "GET /c"};
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      // Three hours of history, in event-time order with some disorder, record time = event time (as ingest writes).
      for (int i = 0; i < 6_000; i++) {
        long eventTime = now - Duration.ofHours(3).toMillis() + i * 1_700L - random.nextInt(240_000);
        String service = services[random.nextInt(3)];
        RequestEvent e = RequestEvent.newBuilder().setService(service).setOperation(operations[random.nextInt(3)])
            .setStatus(random.nextInt(25) == 0 ? 503 : 200).setLatencyMs(Math.exp(4.5 + random.nextGaussian()))
            .setEventTime(Instant.ofEpochMilli(eventTime)).setAttributes(Map.of()).build();
        send(producer, service, eventTime, e);
      }
      // Then a client's backlog: events from 2-3 hours and from 2 days ago, arriving after all of it.
      for (int i = 0; i < 600; i++) {
        long eventTime = now - (i % 3 == 0 ? Duration.ofDays(2) : Duration.ofHours(2)).toMillis() - random.nextInt(3_600_000);
        String service = services[random.nextInt(3)];
        RequestEvent e = RequestEvent.newBuilder().setService(service).setOperation(operations[random.nextInt(3)])
            .setStatus(random.nextInt(4) == 0 ? 503 : 200).setLatencyMs(Math.exp(4.5 + random.nextGaussian()))
            .setEventTime(Instant.ofEpochMilli(eventTime)).setAttributes(Map.of()).build();
        send(producer, service, eventTime, e);
      }
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String service, long eventTime, RequestEvent e) {
    byte[] value = TOPICS.requestEvents().valueSerde().serializer().serialize("t", e);
    for (String topic : List.of(TOPICS.requestEvents().name(), SINGLE_PARTITION_TOPIC)) {
      producer.send(new ProducerRecord<>(topic, null, eventTime, service.getBytes(StandardCharsets.UTF_8), value));
    }
    SENT.add(e);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
    TempDirs.deleteQuietly(dir);
  }

  @Test
  @Order(1)
  void shouldReproduceTheLiveNumbersExactly() throws Exception {
    Path slos = Files.writeString(dir.resolve("live.yaml"), LIVE_SLOS);
    Map<String, SloStatus> live;
    try (ProcessorProcess processor = ProcessorProcess.start("replay-live", List.of("--bootstrap-servers", kafka.bootstrapServers(),
        "--slos", slos.toString(), "--application-id", "replay-it-live", "--emit-interval", "1s", "--replication-factor", "1",
        "--state-dir", dir.resolve("live-state").toString()))) {
      processor.awaitReady(Duration.ofSeconds(90));
      live = awaitSettledStatuses(Duration.ofSeconds(90));
    }
    // Windows are whole buckets: statuses evaluated within the same minute (and 10-minute and hour
    // bucket) cover the same events, so group them and replay once per group.
    Map<Long, List<Map.Entry<String, SloStatus>>> byBucket = new TreeMap<>();
    for (Map.Entry<String, SloStatus> s : live.entrySet()) {
      long t = s.getValue().getAsOf().toEpochMilli();
      byBucket.computeIfAbsent(t / 60_000 * 1_000_000 + t / 600_000 + t / 3_600_000, k -> new ArrayList<>()).add(s);
    }
    for (List<Map.Entry<String, SloStatus>> group : byBucket.values()) {
      Instant at = group.get(0).getValue().getAsOf();
      Path out = dir.resolve("replay-" + at.toEpochMilli() + ".jsonl");
      Result r = replay("--slos", slos.toString(), "--to", at.toString(), "--output", out.toString());
      assertEquals(0, r.exit(), r.output());
      Map<String, JsonNode> replayed = readJsonLines(out);
      for (Map.Entry<String, SloStatus> instance : group) {
        SloStatus s = instance.getValue();
        JsonNode rep = replayed.get(instance.getKey());
        assertTrue(rep != null, instance.getKey() + " replayed: " + replayed.keySet());
        List<String> liveTop = s.getTopContributors().stream().map(c -> c.getWindow() + " " + c.getKey() + " " + c.getValue() + " "
            + c.getBad() + "/" + c.getTotal() + " of " + c.getWindowBad()).toList();
        List<String> replayedTop = new ArrayList<>();
        rep.path("topContributors").forEach(c -> replayedTop.add(c.get("window").asText() + " " + c.get("key").asText() + " "
            + c.get("value").asText() + " " + c.get("bad").asLong() + "/" + c.get("total").asLong() + " of " + c.get("windowBad").asLong()));
        assertEquals(liveTop, replayedTop, instance.getKey() + " attribution");
        for (WindowStats w : s.getWindows()) {
          JsonNode rw = window(rep, w.getWindow());
          assertEquals(w.getTotal(), rw.get("total").asLong(), s.getName() + " " + w.getWindow() + " total");
          assertEquals(w.getGood(), rw.get("good").asLong(), s.getName() + " " + w.getWindow() + " good");
        }
        if (s.getBudgetRemaining() == null) {
          assertTrue(rep.get("budgetRemaining").isNull());
        } else {
          assertEquals(s.getBudgetRemaining(), rep.get("budgetRemaining").asDouble(), 0.0, s.getName() + " budget, bit for bit");
        }
        // The burn-down and the calendar period too: same instants, same values, bit for bit (the
        // last point is "now": the replay of a group runs at its first status's time, same buckets).
        assertEquals(s.getBudgeting(), rep.get("budgeting").asText(), s.getName());
        assertEquals(String.valueOf(s.getPeriodStart()), rep.get("periodStart").asText(), s.getName() + " period start");
        assertEquals(s.getBurnDown().size(), rep.get("burnDown").size(), s.getName() + " burn-down points");
        for (int i = 0; i < s.getBurnDown().size(); i++) {
          JsonNode point = rep.get("burnDown").get(i);
          if (i < s.getBurnDown().size() - 1) {
            assertEquals(s.getBurnDown().get(i).getAt().toString(), point.get(0).asText(), s.getName() + " burn-down instant " + i);
          }
          assertEquals(s.getBurnDown().get(i).getRemaining(), point.get(1).asDouble(), 0.0, s.getName() + " burn-down " + i);
        }
      }
    }
  }

  @Test
  @Order(2)
  void shouldBackfillAnSloDefinedAfterItsEventsToTheBruteForceCount() throws Exception {
    Path slos = Files.writeString(dir.resolve("backfill.yaml"), BACKFILL_SLOS);
    Path out = dir.resolve("backfill.jsonl");
    Instant to = Instant.now();
    Result r = replay("--slos", slos.toString(), "--to", to.toString(), "--output", out.toString());
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("replayed 6,600 events"), r.output());
    assertTrue(r.output().contains("ETA"), "progress line printed:\n" + r.output());
    // The last progress line names the newest time read, though the last records read are a days-old backlog.
    String newest = ReplayReport.TIME.format(SENT.stream().map(RequestEvent::getEventTime).max(java.util.Comparator.naturalOrder())
        .orElseThrow());
    String last = r.output().lines().filter(l -> l.startsWith("replay 100.0 % of offsets")).reduce((a, b) -> b).orElseThrow();
    assertTrue(last.contains("event time " + newest), last + " (newest " + newest + ")");

    JsonNode shop = readJsonLines(out).get("shop-availability");
    for (String label : List.of("5m", "1h", "6h", "1d", "7d")) {
      Oracle window = Oracle.window(com.huntaze.slo.schemas.slo.Durations.parse(label).orElseThrow(), to.toEpochMilli());
      long from = window.fromMillis();
      long until = window.toMillis();
      long total = 0;
      long good = 0;
      for (RequestEvent e : SENT) {
        long t = e.getEventTime().toEpochMilli();
        if (e.getService().equals("shop") && t >= from && t < until) {
          total++;
          good += e.getStatus() < 500 ? 1 : 0;
        }
      }
      assertEquals(total, window(shop, label).get("total").asLong(), "shop " + label + " total");
      assertEquals(good, window(shop, label).get("good").asLong(), "shop " + label + " good");
    }
    long total = SENT.stream().filter(e -> e.getService().equals("shop")).count();
    long bad = SENT.stream().filter(e -> e.getService().equals("shop") && e.getStatus() >= 500).count();
    assertEquals(1 - (bad / (double) total) / 0.005, shop.get("budgetRemaining").asDouble(), 1e-12);
  }

  @Test
  @Order(2)
  void shouldCountABacklogStampedBeforeAPastToThatArrivedAfterLaterEvents() throws Exception {
    // The backlog (2-3 hours and 2 days old) was written after all three hours of history: past
    // the first record stamped at or after this --to, where a replay used to stop.
    Instant to = SENT.get(SENT.size() - 601).getEventTime().minus(Duration.ofMinutes(70));
    Path out = dir.resolve("past-to.jsonl");
    Result r = replay("--slos", Files.writeString(dir.resolve("past-to.yaml"), BACKFILL_SLOS).toString(), "--to", to.toString(),
        "--output", out.toString());
    assertEquals(0, r.exit(), r.output());
    long before = SENT.stream().filter(e -> e.getEventTime().isBefore(to)).count();
    assertTrue(r.output().contains(String.format(Locale.ROOT, "replayed %,d events", before)), before + " events before --to:\n" + r.output());
    assertTrue(r.output().contains(String.format(Locale.ROOT, "%,d records stamped at or after %s skipped", SENT.size() - before,
        ReplayReport.TIME.format(to))), r.output());
    JsonNode shop = readJsonLines(out).get("shop-availability");
    for (String label : List.of("5m", "1h", "6h", "1d", "7d")) {
      Oracle window = Oracle.window(com.huntaze.slo.schemas.slo.Durations.parse(label).orElseThrow(), to.toEpochMilli());
      long total = 0;
      long good = 0;
      for (RequestEvent e : SENT) {
        long t = e.getEventTime().toEpochMilli();
        if (e.getService().equals("shop") && window.covers(t) && t < to.toEpochMilli()) {
          total++;
          good += e.getStatus() < 500 ? 1 : 0;
        }
      }
      assertEquals(total, window(shop, label).get("total").asLong(), "shop " + label + " total as of " + to);
      assertEquals(good, window(shop, label).get("good").asLong(), "shop " + label + " good as of " + to);
    }
  }

  @Test
  @Order(3)
  void shouldTakeABackfilledSloLiveWithoutPublishingPartialNumbers() throws Exception {
    Path slos = dir.resolve("backfill.yaml");
    long shop = SENT.stream().filter(e -> e.getService().equals("shop")).count();
    try (ProcessorProcess processor = ProcessorProcess.start("replay-handover", List.of("--bootstrap-servers", kafka.bootstrapServers(),
        "--slos", slos.toString(), "--application-id", "replay-it-v2", "--start-from", "1d", "--emit-interval", "1s",
        "--replication-factor", "1", "--state-dir", dir.resolve("v2-state").toString()))) {
      processor.awaitReady(Duration.ofSeconds(90));
      List<SloStatus> published = new ArrayList<>();
      try (KafkaConsumer<String, SloStatus> c = statusConsumer()) {
        c.subscribe(List.of(TOPICS.status().name()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (published.size() < 3 && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, SloStatus> r : c.poll(Duration.ofMillis(500))) {
            if (r.key().equals("shop-availability")) {
              published.add(r.value());
            }
          }
        }
      }
      assertTrue(published.size() >= 3, "statuses of the new SLO: " + published.size());
      String log = Files.readString(processor.log().toPath());
      assertTrue(log.contains("rebuilding state from history") && log.contains("caught up with history, publishing"), log);
      for (SloStatus s : published) {
        assertEquals(shop, window(s, "7d").getTotal() + s.getLateEventsDropped(),
            "every published status already covers the whole history (nothing published while catching up)");
      }
    }
  }

  @Test
  @Order(4)
  void shouldFinishCleanlyOnAnEmptyRange() throws Exception {
    Result r = replay("--slos", Files.writeString(dir.resolve("empty.yaml"), LIVE_SLOS).toString(),
        "--from", "2020-01-01", "--to", "2020-01-02T00:00:00Z");
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("no events between 2020-01-01 00:00:00Z and 2020-01-02 00:00:00Z"), r.output());
    assertTrue(r.output().contains("no data"), r.output());
  }

  @Test
  @Order(5)
  void shouldRefuseBadFlagsWithAClearMessage() throws Exception {
    Result r = replay("--from", "yesterday-ish");
    assertEquals(2, r.exit());
    assertTrue(r.output().contains("--from: 'yesterday-ish' is not a time"), r.output());
    Result reversed = replay("--slos", dir.resolve("live.yaml").toString(), "--from", "2026-01-02", "--to", "2026-01-01");
    assertEquals(2, reversed.exit());
    assertTrue(reversed.output().contains("must be before --to"), reversed.output());
  }

  @Test
  @Order(99) // last: it deletes the oldest records of the event topic
  void shouldReportWhichSlosRetentionLeavesPartial() throws Exception {
    // Retention at work: the oldest records of every partition are gone.
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
      for (int p = 0; p < 3; p++) {
        TopicPartition tp = new TopicPartition(TOPICS.requestEvents().name(), p);
        long end = admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get().get(tp).offset();
        if (end > 0) {
          delete.put(tp, RecordsToDelete.beforeOffset(Math.min(500, end - 1)));
        }
      }
      admin.deleteRecords(delete).all().get();
    }
    Result r = replay("--slos", dir.resolve("backfill.yaml").toString(), "--from", "30d");
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("WARNING: the topic only holds events from"), r.output());
    assertTrue(r.output().contains("partial: api-availability"), r.output());
    assertTrue(r.output().contains("partial: shop-availability"), r.output());
  }

  @Test
  @Order(7)
  void shouldGiveTheSameResultFromOnePartitionAsFromSeveralReadInParallel() throws Exception {
    Path slos = Files.writeString(dir.resolve("partitions.yaml"), BACKFILL_SLOS);
    Instant to = Instant.now();
    Path parallel = dir.resolve("parallel.jsonl");
    Path single = dir.resolve("single.jsonl");
    Result p = replay("--slos", slos.toString(), "--to", to.toString(), "--output", parallel.toString());
    assertEquals(0, p.exit(), p.output());
    Result r = replay("--slos", slos.toString(), "--to", to.toString(), "--output", single.toString(),
        "--events-topic", SINGLE_PARTITION_TOPIC);
    assertEquals(0, r.exit(), r.output());
    Map<String, JsonNode> expected = readJsonLines(parallel);
    assertEquals(expected, readJsonLines(single), "every SLO, window, budget and late count the same\n" + p.output() + "\n" + r.output());
    assertTrue(expected.get("shop-availability").get("lateEventsApplied").asLong() > 0, "the history has late events");
  }

  @Test
  @Order(8)
  void shouldCountAsOfNowEventsStampedAheadWithinTheSkewAsTheLiveProcessorDoes() throws Exception {
    String topic = "replay-it.ahead";
    kafka.createTopics(1, topic);
    long now = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      // A client whose clock runs 2 minutes ahead: the live processor counts these (within the 5m skew).
      for (long at : new long[] {now - 60_000, now + 120_000, now + 120_000}) {
        byte[] value = TOPICS.requestEvents().valueSerde().serializer().serialize("t", RequestEvent.newBuilder().setService("api")
            .setOperation("GET /a").setStatus(200).setLatencyMs(5).setEventTime(Instant.ofEpochMilli(at)).setAttributes(Map.of()).build());
        producer.send(new ProducerRecord<>(topic, null, at, "api".getBytes(StandardCharsets.UTF_8), value));
      }
    }
    Path slos = Files.writeString(dir.resolve("ahead.yaml"), LIVE_SLOS);
    Result asOfNow = replay("--slos", slos.toString(), "--events-topic", topic, "--output-topics", "replay-it-ahead");
    assertEquals(0, asOfNow.exit(), asOfNow.output());
    assertTrue(asOfNow.output().contains("replayed 3 events") && !asOfNow.output().contains("skipped"), asOfNow.output());
    // As of a past --to, they had not happened yet.
    Result past = replay("--slos", slos.toString(), "--events-topic", topic, "--output-topics", "replay-it-ahead",
        "--to", Instant.ofEpochMilli(now).toString());
    assertEquals(0, past.exit(), past.output());
    assertTrue(past.output().contains("replayed 1 events") && past.output().contains("2 records stamped at or after"), past.output());
  }

  @Test
  @Order(8)
  void shouldSetRecordsThatCannotCountAsideWithTheirKeyValueAndReason() throws Exception {
    String topic = "replay-it.with-bad-records";
    kafka.createTopics(1, topic);
    long at = System.currentTimeMillis() - Duration.ofMinutes(30).toMillis();
    byte[] garbage = "not an event".getBytes(StandardCharsets.UTF_8);
    byte[] good = TOPICS.requestEvents().valueSerde().serializer().serialize("t", RequestEvent.newBuilder().setService("api")
        .setOperation("GET /a").setStatus(200).setLatencyMs(5).setEventTime(Instant.ofEpochMilli(at)).setAttributes(Map.of()).build());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      byte[] key = "api".getBytes(StandardCharsets.UTF_8);
      producer.send(new ProducerRecord<>(topic, null, at, key, good));
      producer.send(new ProducerRecord<>(topic, null, at, key, garbage));
      producer.send(new ProducerRecord<>(topic, null, at, key, good));
    }
    Path out = dir.resolve("bad-records.jsonl");
    Result r = replay("--slos", Files.writeString(dir.resolve("bad-records.yaml"), LIVE_SLOS).toString(), "--events-topic", topic,
        "--output-topics", "replay-it-bad", "--output", out.toString());
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("1 undecodable or invalid records went to replay-it-bad.dlq"), r.output());
    assertEquals(2, window(readJsonLines(out).get("api-availability"), "1h").get("total").asLong(), "its neighbours count\n" + r.output());
    Properties p = kafka.clientProperties();
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-it-dlq-reader");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      consumer.subscribe(List.of("replay-it-bad.dlq"));
      List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (dead.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
      }
      assertEquals(1, dead.size(), "one dead letter");
      assertEquals("api", new String(dead.get(0).key(), StandardCharsets.UTF_8));
      assertEquals("not an event", new String(dead.get(0).value(), StandardCharsets.UTF_8));
      assertTrue(new String(dead.get(0).headers().lastHeader(Topics.DLQ_HEADER_ERROR).value(), StandardCharsets.UTF_8)
          .contains("cannot decode"), "the reason travels with it");
    }
  }

  /**
   * A correction after the fact: a past period (a third party's outage) is excluded in the SLO
   * file; the replay previews the corrected budget next to the one in force, and a hand-over takes
   * it live. Both equal a brute-force count that skips the excluded period.
   */
  @Test
  @Order(8)
  void shouldCorrectThePastBudgetThroughReplayAndHandOver() throws Exception {
    Instant excludedFrom = Instant.ofEpochMilli(SENT.get(1_000).getEventTime().toEpochMilli() / 60_000 * 60_000);
    Instant excludedTo = excludedFrom.plus(Duration.ofMinutes(40));
    Path corrected = Files.writeString(dir.resolve("corrected.yaml"), BACKFILL_SLOS.replace(
        "window: 7d, sli: {availability: {}}}\n",
        "window: 7d, sli: {availability: {}}, exclude: [{from: \"" + excludedFrom + "\", to: \"" + excludedTo
            + "\", reason: \"payment provider outage (third party)\"}]}\n"));
    List<RequestEvent> shop = SENT.stream().filter(e -> e.getService().equals("shop")).toList();
    List<RequestEvent> counted = shop.stream().filter(e -> e.getEventTime().isBefore(excludedFrom)
        || !e.getEventTime().isBefore(excludedTo)).toList();
    long excluded = shop.size() - counted.size();
    double correctedBudget = 1 - (counted.stream().filter(e -> e.getStatus() >= 500).count() / (double) counted.size()) / 0.005;
    double budgetNow = 1 - (shop.stream().filter(e -> e.getStatus() >= 500).count() / (double) shop.size()) / 0.005;
    assertTrue(excluded > 0, "the period holds events");

    Path out = dir.resolve("corrected.jsonl");
    Result preview = replay("--slos", corrected.toString(), "--output", out.toString());
    assertEquals(0, preview.exit(), preview.output());
    assertTrue(preview.output().contains("budget now"), preview.output());
    JsonNode line = readJsonLines(out).get("shop-availability");
    assertEquals(excluded, line.get("excludedEvents").asLong());
    assertEquals(correctedBudget, line.get("budgetRemaining").asDouble(), 1e-12, "corrected budget");
    assertEquals(budgetNow, line.get("liveBudgetRemaining").asDouble(), 1e-12, "the budget in force, from the live status");

    try (ProcessorProcess processor = ProcessorProcess.start("replay-correction", List.of("--bootstrap-servers",
        kafka.bootstrapServers(), "--slos", corrected.toString(), "--application-id", "replay-it-v3", "--start-from", "8d",
        "--emit-interval", "1s", "--replication-factor", "1", "--state-dir", dir.resolve("v3-state").toString()))) {
      processor.awaitReady(Duration.ofSeconds(90));
      SloStatus taken = awaitStatus("shop-availability", s -> s.getExcludedEvents() == excluded, Duration.ofSeconds(60));
      assertEquals(correctedBudget, taken.getBudgetRemaining(), 1e-12, "the live budget after the hand-over");
      assertEquals(counted.size(), window(taken, "7d").getTotal());
      assertEquals(1, taken.getExcludedPeriods().size());
      assertEquals("payment provider outage (third party)", taken.getExcludedPeriods().get(0).getReason());
    }
  }

  /** A consumer of the committed statuses, from the beginning, in a group of its own. */
  private static KafkaConsumer<String, SloStatus> statusConsumer() {
    Properties p = kafka.clientProperties();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-it-" + System.nanoTime());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(p, TOPICS.status().keySerde().deserializer(), TOPICS.status().valueSerde().deserializer());
  }

  /** The first committed status of {@code slo} that passes {@code test}. */
  private static SloStatus awaitStatus(String slo, java.util.function.Predicate<SloStatus> test, Duration timeout) {
    try (KafkaConsumer<String, SloStatus> c = statusConsumer()) {
      c.subscribe(List.of(TOPICS.status().name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, SloStatus> r : c.poll(Duration.ofMillis(500))) {
          if (r.key().equals(slo) && test.test(r.value())) {
            return r.value();
          }
        }
      }
    }
    throw new AssertionError("no status of " + slo + " as expected within " + timeout);
  }

  private record Result(int exit, String output) {
  }

  private static Result replay(String... args) {
    StringWriter text = new StringWriter();
    PrintWriter writer = new PrintWriter(text, true);
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(writer);
    cli.setErr(writer);
    String[] all = new String[args.length + 3];
    all[0] = "replay";
    all[1] = "--bootstrap-servers";
    all[2] = kafka.bootstrapServers();
    System.arraycopy(args, 0, all, 3, args.length);
    int exit = cli.execute(all);
    return new Result(exit, text.toString());
  }

  /** Latest committed status per SLO once every SLO's total over its window stopped moving. */
  private static Map<String, SloStatus> awaitSettledStatuses(Duration timeout) throws Exception {
    Map<String, SloStatus> latest = new HashMap<>();
    long api = SENT.stream().filter(e -> e.getService().equals("api")).count();
    long webGets = SENT.stream().filter(e -> e.getService().equals("web") && e.getOperation().startsWith("GET ")).count();
    try (KafkaConsumer<String, SloStatus> c = statusConsumer()) {
      c.subscribe(List.of(TOPICS.status().name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, SloStatus> r : c.poll(Duration.ofMillis(500))) {
          latest.put(r.key(), r.value());
        }
        // Every event reached its SLOs: counted in the window, or counted as late.
        if (latest.size() == 8 && seen(latest.get("api-availability"), "30d") == api
            && seen(latest.get("web-errors"), "1d") == webGets) {
          return latest;
        }
      }
    }
    throw new AssertionError("live statuses did not settle: " + latest);
  }

  private static long seen(SloStatus s, String window) {
    return s == null ? -1 : window(s, window).getTotal() + s.getLateEventsDropped();
  }

  private static WindowStats window(SloStatus s, String label) {
    return s.getWindows().stream().filter(w -> w.getWindow().equals(label)).findFirst().orElseThrow();
  }

  private static JsonNode window(JsonNode slo, String label) {
    for (JsonNode w : slo.get("windows")) {
      if (w.get("window").asText().equals(label)) {
        return w;
      }
    }
    throw new AssertionError("no window " + label + " in " + slo);
  }

  private static Map<String, JsonNode> readJsonLines(Path file) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> byName = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode n = json.readTree(line);
      byName.put(n.get("instance").asText(), n);
    }
    return byName;
  }
}
