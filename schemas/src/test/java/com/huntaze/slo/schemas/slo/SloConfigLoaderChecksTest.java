package com.huntaze.slo.schemas.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.event.EventLimits;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @Test
  void shouldWarnOfAThresholdWindowWithoutAThreshold() throws Exception {
    SloConfig config = SloConfigLoader.parse("test", """
        slos:
          - {name: a, service: s, objective: 99, sli: {availability: {}}, alerting: {thresholdWindow: 10m}}
          - {name: b, service: s, sli: {throughput: {minRps: 5}}, alerting: {thresholdWindow: 10m}}
          - {name: c, service: s, objective: 99, sli: {latency: {threshold: 300ms}}, alerting: {thresholdWindow: 10m}}
          - {name: d, service: s, objective: 99, sli: {errorRate: {}}, alerting: {threshold: 98, thresholdWindow: 10m}}
        """);
    String unused = ": alerting.thresholdWindow: 10m does nothing without alerting.threshold (it is how far back the threshold"
        + " is evaluated); add a threshold or remove it";
    // A latency SLO's p50/p95/p99 are taken over the threshold window: there it means something on its own.
    assertEquals(List.of("slo 'a'" + unused, "slo 'b'" + unused), config.warnings());
  }

  @Test
  void shouldRefuseAnOperationGlobLongerThanAnyOperationAnEventMayHave() throws Exception {
    String longest = "o".repeat(EventLimits.MAX_OPERATION_LENGTH);
    SloConfig config = SloConfigLoader.parse("test", "slos:\n"
        + "  - {name: a, service: s, objective: 99, sli: {availability: {}}, operation: \"" + longest + "\"}\n"
        + "  - {name: b, service: s, objective: 99, sli: {availability: {}}, operation: \"" + longest + "****\"}\n");
    assertTrue(config.slos().get(1).matchesOperation(longest), "a '*' may match nothing");
    SloConfigException e = assertThrows(SloConfigException.class, () -> SloConfigLoader.parse("test",
        "slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, operation: \"" + longest + "?*\"}]"));
    assertEquals(List.of("slo 'a': operation: the glob (258 characters) matches only operations of at least 257 characters,"
        + " and an event's operation has at most 256: it could never match"), e.errors());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      objective .nan           | '{name: a, service: s, objective: .nan, sli: {availability: {}}}'                           | slo 'a': objective: must be a finite number, not .nan (line 3, column 38)
      objective .inf, no name  | '{service: s, objective: .inf, sli: {availability: {}}}'                                    | slos[1]: objective: must be a finite number, not .inf (line 3, column 29)
      minRps -.inf             | '{name: b, service: s, sli: {throughput: {minRps: -.inf}}}'                                 | slo 'b': sli.throughput.minRps: must be a finite number, not -.inf (line 3, column 54)
      burn-rate factor .NaN    | '{name: c, service: s, objective: 99, sli: {availability: {}}, alerting: {burnRate: [{severity: page, long: 1h, short: 5m, factor: .NaN}]}}' | slo 'c': alerting.burnRate[0].factor: must be a finite number, not .NaN (line 3, column 135)
      """)
  void shouldSayANanOrInfinityMustBeAFiniteNumberNamingTheSloAndField(String caseName, String slo, String expected) {
    SloConfigException e = assertThrows(SloConfigException.class, () -> SloConfigLoader.parse("test",
        "slos:\n  - {name: first, service: s, objective: 99, sli: {availability: {}}}\n  - " + slo + "\n"));
    assertEquals(List.of(expected), e.errors(), caseName);
  }

  @Test
  void shouldNameTheSloAndFieldOfADuplicateKey() {
    SloConfigException e = assertThrows(SloConfigException.class, () -> SloConfigLoader.parse("test", """
        slos:
          - name: checkout
            service: s
            objective: 99
            sli: {availability: {}}
            alerting: {threshold: 98, threshold: 97}
        """));
    assertEquals(List.of("slo 'checkout': alerting.threshold: duplicate key (line 6, column 31); each key may appear once in a mapping"),
        e.errors());
    e = assertThrows(SloConfigException.class, () -> SloConfigLoader.parse("test", """
        slos:
          - {name: a, service: s, objective: 99, sli: {availability: {}}}
        slos: []
        """));
    assertEquals(List.of("slos: duplicate key (line 3, column 1); each key may appear once in a mapping"), e.errors());
  }
}
