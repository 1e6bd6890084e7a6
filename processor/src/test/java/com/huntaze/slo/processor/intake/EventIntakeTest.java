package com.huntaze.slo.processor.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

  private byte[] event(String service, String operation, long at) {
    return serde.encode(RequestEvent.newBuilder().setService(service).setOperation(operation).setStatus(200).setLatencyMs(5)
        .setEventTime(Instant.ofEpochMilli(at)).setAttributes(Map.of()).build());
  }
}
