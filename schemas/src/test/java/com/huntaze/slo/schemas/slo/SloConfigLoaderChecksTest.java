package com.huntaze.slo.schemas.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Values the loader takes but warns of, and values it refuses naming the SLO and field, beyond SloConfigLoaderTest. */
class SloConfigLoaderChecksTest {

  @Test
  void shouldWarnOfABareLatencyThresholdBelowOneMillisecond() throws Exception {
    SloConfig config = SloConfigLoader.parse("test", """
        slos:
          - {name: a, service: s, objective: 99, sli: {latency: {threshold: 0.5}}}
          - {name: b, service: s, objective: 99, sli: {latency: {threshold: 0.5ms}}}
          - {name: c, service: s, objective: 99, sli: {latency: {threshold: 1}}}
        """);
    assertEquals(new Sli.Latency(0.5), config.slos().get(0).sli(), "a bare number stays milliseconds, as documented");
    assertEquals(List.of("slo 'a': sli.latency.threshold: 0.5 means 0.5 ms; a bare number is milliseconds (did you mean 0.5s?"
        + " write the unit: 500ms or 0.5s)"), config.warnings());
  }
}
