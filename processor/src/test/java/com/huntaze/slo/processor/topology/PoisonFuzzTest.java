package com.huntaze.slo.processor.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.intake.DeadLetterHeaders;
import com.huntaze.slo.processor.intake.HostileRecords;
import com.huntaze.slo.processor.intake.PipelineMetrics;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Thousands of hostile records drawn at random, interleaved with good events, through the real
 * topology: every hostile record is dead-lettered once, in order, with its reason and where it came
 * from; the task never stops; the good events around them count exactly.
 */
class PoisonFuzzTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final String SLOS = """
      slos:
        - {name: api-availability, service: api, objective: 99.9, window: 1d, sli: {availability: {}}}
      """;
  private static final int RECORDS = 5_000;
  private static final int HUGE_BYTES = 1_200_000;

  @Test
  void shouldDeadLetterEveryHostileRecordAndCountTheGoodOnesExactly() throws Exception {
    Map<String, Integer> deadLettersCounted = new ConcurrentHashMap<>();
    PipelineMetrics metrics = new PipelineMetrics() {
      @Override
      public void deadLettered(String reason) {
        deadLettersCounted.merge(reason, 1, Integer::sum);
      }
    };
    TopologySettings settings = TopologySettings.live(SloConfigLoader.parse("fuzz", SLOS), TestPipeline.TOPICS,
        EngineSettings.DEFAULTS, Duration.ofSeconds(5), 1, metrics);
    HostileRecords hostile = new HostileRecords(20261124L, "api", HUGE_BYTES);
    List<HostileRecords.Hostile> sent = new ArrayList<>();
    List<Long> sentOffsets = new ArrayList<>();
    Map<String, Integer> expectedByCategory = new java.util.HashMap<>();
    long good = 0;
    long total = 0;
    try (TestPipeline pipeline = new TestPipeline(settings, NOW)) {
      var serializer = TestPipeline.TOPICS.requestEvents().valueSerde().serializer();
      long t0 = NOW.toEpochMilli();
      for (int offset = 0; offset < RECORDS; offset++) {
        if (offset % 5 < 3) {
          boolean ok = offset % 7 != 0;
          var event = hostile.goodEvent(t0 - (offset % 180) * 1_000L, ok);
          pipeline.rawEvents.pipeInput("api".getBytes(StandardCharsets.UTF_8), serializer.serialize("t", event), t0);
          good += ok ? 1 : 0;
          total++;
        } else {
          HostileRecords.Hostile h = hostile.next();
          pipeline.rawEvents.pipeInput(h.key(), h.value(), t0);
          sent.add(h);
          sentOffsets.add((long) offset);
          expectedByCategory.merge(h.category(), 1, Integer::sum);
        }
        if (offset % 1_000 == 999) {
          pipeline.driver.advanceWallClockTime(Duration.ofSeconds(5));
        }
      }
      pipeline.driver.advanceWallClockTime(Duration.ofSeconds(5));

      List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters.readRecordsToList();
      assertEquals(sent.size(), dead.size(), "one dead letter per hostile record");
      for (int i = 0; i < sent.size(); i++) {
        HostileRecords.Hostile h = sent.get(i);
        TestRecord<byte[], byte[]> d = dead.get(i);
        String what = h.kind() + " at offset " + sentOffsets.get(i);
        assertEquals(String.valueOf(sentOffsets.get(i)), header(d, Topics.DLQ_HEADER_OFFSET), what);
        String reason = header(d, Topics.DLQ_HEADER_ERROR);
        assertNotNull(reason, what);
        assertTrue(h.category().equals("invalid") ? reason.startsWith("invalid event: ") : reason.startsWith("cannot decode RequestEvent: "),
            what + ": " + reason);
        assertArrayEquals(h.key(), d.key(), what);
        if (h.value() != null && h.value().length > DeadLetterHeaders.MAX_PAYLOAD_BYTES) {
          assertEquals(String.valueOf(h.value().length), header(d, DeadLetterHeaders.TRUNCATED_FROM), what);
          assertArrayEquals(java.util.Arrays.copyOf(h.value(), DeadLetterHeaders.MAX_PAYLOAD_BYTES), d.value(), what);
        } else {
          assertArrayEquals(h.value(), d.value(), what + ": the payload kept as it was");
        }
      }
      assertEquals(expectedByCategory, deadLettersCounted, "dead letters counted by reason");
      assertTrue(sent.stream().map(HostileRecords.Hostile::kind).distinct().count() >= 12, "every kind drawn");

      SloStatus status = pipeline.latestStatus().get("api-availability");
      WindowStats day = status.getWindows().stream().filter(w -> w.getWindow().equals("1d")).findFirst().orElseThrow();
      assertEquals(total, day.getTotal(), "every good event counted once");
      assertEquals(good, day.getGood());
    }
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
