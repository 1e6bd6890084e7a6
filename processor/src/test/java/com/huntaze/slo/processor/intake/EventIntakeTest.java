package com.huntaze.slo.processor.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.core.Evaluation;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.schemas.avro.AvroSerde;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventIntakeTest {
  private final AvroSerde<RequestEvent> serde = new AvroSerde<>(RequestEvent.class);

  /**
   * The intake remembers operations by the payload's bytes of service and operation together. Without
   * their lengths those bytes can read two ways: service "api" with an operation of 50 characters
   * starting with "b" is written "api", 100 (the length, zig-zag: the byte 'd'), "b..."; service
   * "apid" with the same operation less its "b" is "apid", 98 (the byte 'b'), "...".
   */
  @Test
  void shouldTellServicesApartWhoseBytesRunIntoTheirOperations() throws Exception {
    SloConfig config = SloConfigLoader.parse("slos.yaml", """
        slos:
          - {name: api-all, service: api, objective: 99, sli: {availability: {}}}
          - {name: apid-all, service: apid, objective: 99, sli: {availability: {}}}
        """);
    long now = Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();
    for (EngineSettings settings : new EngineSettings[] {EngineSettings.DEFAULTS, EngineSettings.DEFAULTS.withEventBatches()}) {
      SloEngine engine = new SloEngine(config.slos(), settings);
      EventIntake intake = new EventIntake(engine, config.slos(), 0, 1, PipelineMetrics.NONE);
      String operation = "x".repeat(49);
      assertNull(intake.accept(event("api", "b" + operation, now), now, now));
      assertNull(intake.accept(event("apid", operation, now), now, now));
      byte[] inPlace = event("apid", operation, now); // read in place inside a larger buffer, as a replay reads
      byte[] around = new byte[inPlace.length + 7];
      System.arraycopy(inPlace, 0, around, 3, inPlace.length);
      assertNull(intake.accept(around, 3, inPlace.length, now, now));
      Map<String, Long> totals = new java.util.HashMap<>();
      for (Evaluation e : engine.evaluate(now, new ArrayList<>())) {
        totals.put(e.slo().name(), e.windows().get(0).total());
      }
      assertEquals(Map.of("api-all", 1L, "apid-all", 2L), totals, settings.toString());
    }
  }

  /**
   * Records written to Kafka directly skip the gateway's checks. Whether an event breaks the
   * attributes' or event id's limits must not depend on which path reads it: the in-place reader
   * leaves such records to the full decoder, which dead-letters them naming the field, and counts
   * a valid event whose long values take more bytes than the limit's characters.
   */
  @Test
  void shouldDeadLetterEventsBeyondTheAttributeAndEventIdLimitsAndCountTheRest() throws Exception {
    SloConfig config = SloConfigLoader.parse("slos.yaml", """
        slos:
          - {name: api-by-region, service: api, objective: 99, sli: {availability: {}}, groupBy: [attributes.region]}
        """);
    long now = Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();
    Map<String, String> tooMany = new java.util.HashMap<>();
    for (int i = 0; i < 33; i++) {
      tooMany.put("k" + i, "v");
    }
    Map<String, Map<String, String>> badAttributes = Map.of(
        "attributes.region: longer than 256 characters (got 257)", Map.of("region", "r".repeat(257)),
        "attribute name longer than 64 characters (got 65)", Map.of("t".repeat(65), "x", "region", "eu"),
        "attributes: attribute name must not be empty", Map.of("", "x"),
        "attributes: more than 32 attributes (got 33)", tooMany);
    String wide = "\u00e9".repeat(256); // 256 characters in 512 bytes: within the limit
    for (EngineSettings settings : new EngineSettings[] {EngineSettings.DEFAULTS, EngineSettings.DEFAULTS.withEventBatches()}) {
      SloEngine engine = new SloEngine(config.slos(), settings);
      EventIntake intake = new EventIntake(engine, config.slos(), 0, 1, PipelineMetrics.NONE);
      for (Map.Entry<String, Map<String, String>> bad : badAttributes.entrySet()) {
        EventIntake.DeadLetter dead = intake.accept(serde.encode(RequestEvent.newBuilder(eventOf("api", now))
            .setAttributes(new java.util.HashMap<>(bad.getValue())).build()), now, now);
        assertEquals("invalid", dead == null ? null : dead.category(), bad.getKey());
        assertTrue(dead.reason().startsWith("invalid event: attributes") && dead.reason().contains(bad.getKey()), dead.reason());
      }
      EventIntake.DeadLetter longId = intake.accept(serde.encode(RequestEvent.newBuilder(eventOf("api", now))
          .setEventId("i".repeat(129)).build()), now, now);
      assertEquals("invalid event: eventId: longer than 128 characters (got 129)", longId == null ? null : longId.reason());
      assertNull(intake.accept(serde.encode(RequestEvent.newBuilder(eventOf("api", now))
          .setAttributes(Map.of("region", wide)).setEventId("\u00e9".repeat(128)).build()), now, now));
      assertNull(intake.accept(event("api", "GET /", now), now, now)); // no region: the group ""
      Map<String, Long> byRegion = new java.util.HashMap<>();
      for (Evaluation e : engine.evaluate(now, new ArrayList<>())) {
        byRegion.put(e.group().isEmpty() ? "(whole)" : e.group().get(0).value(), e.windows().get(0).total());
      }
      assertEquals(Map.of("(whole)", 2L, wide, 1L, "", 1L), byRegion, settings.toString());
    }
  }

  private static RequestEvent eventOf(String service, long at) {
    return RequestEvent.newBuilder().setService(service).setOperation("GET /").setStatus(200).setLatencyMs(5)
        .setEventTime(Instant.ofEpochMilli(at)).setAttributes(Map.of()).build();
  }

  private byte[] event(String service, String operation, long at) {
    return serde.encode(RequestEvent.newBuilder().setService(service).setOperation(operation).setStatus(200).setLatencyMs(5)
        .setEventTime(Instant.ofEpochMilli(at)).setAttributes(Map.of()).build());
  }
}
