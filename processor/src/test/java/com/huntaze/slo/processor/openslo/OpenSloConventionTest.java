package com.huntaze.slo.processor.openslo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.processor.Main;
import com.huntaze.slo.schemas.slo.Sli;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The convention's SLI texts, numbers and durations, and the command's place in the processor's CLI. */
class OpenSloConventionTest {
  @Test
  void sliTextsReadAndWriteBothWays() {
    assertEquals(Optional.of(Map.of("availability", Map.of())), Convention.sli(" availability "));
    assertEquals(Optional.of(Map.of("errorRate", Map.of())), Convention.sli("errorRate"));
    assertEquals(Optional.of(Map.of("latency", Map.of("threshold", "300ms"))), Convention.sli("latency <= 300ms"));
    assertEquals(Optional.of(Map.of("latency", Map.of("threshold", "250ms"))), Convention.sli("latency<=0.25s"));
    assertEquals(Optional.of(Map.of("latency", Map.of("threshold", "12.5ms"))), Convention.sli("latency <= 12.5"));
    for (String bad : new String[] {"latency < 300ms", "latency <= 0ms", "throughput", "p99 <= 300ms", ""}) {
      assertEquals(Optional.empty(), Convention.sli(bad), bad);
    }
    assertEquals(Optional.of("latency <= 12.5ms"), Convention.text(new Sli.Latency(12.5)));
    assertEquals(Optional.of("availability"), Convention.text(new Sli.Availability()));
    assertEquals(Optional.empty(), Convention.text(new Sli.Throughput(100)));
  }

  @Test
  void numbersAreWrittenAsPeopleWriteThem() {
    assertEquals("99.9", Convention.percent(0.999).toPlainString());
    assertEquals("90", Convention.percent(0.9).toPlainString());
    assertEquals("99.95", Convention.percent(99.95 / 100).toPlainString());
    assertEquals("0.9995", Convention.number(99.95 / 100).toPlainString());
    assertEquals("14.4", Convention.number(14.4).toPlainString());
    assertEquals("500", Convention.number(500.0).toPlainString());
  }

  @Test
  void onlyFixedOpenSloDurationsAreDurations() {
    assertEquals(Optional.of(Duration.ofDays(14)), Convention.fixedDuration("2w"));
    assertEquals(Optional.of(Duration.ofMinutes(1)), Convention.fixedDuration("1m"));
    for (String varying : new String[] {"1M", "1Q", "1Y", "5s", "1.5h", ""}) {
      assertEquals(Optional.empty(), Convention.fixedDuration(varying), varying);
    }
  }

  @Test
  void theProcessorOffersImportAndExport() {
    CommandLine openslo = new CommandLine(new Main()).getSubcommands().get("openslo");
    assertEquals(Set.of("import", "export"), openslo.getSubcommands().keySet());
    assertTrue(OpenSloCli.run("export", "--help").out().contains("--slos=FILE"));
  }
}
