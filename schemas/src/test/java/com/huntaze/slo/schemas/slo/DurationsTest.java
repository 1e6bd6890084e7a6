package com.huntaze.slo.schemas.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.service.DurationConverter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationsTest {
  @Test
  void shouldReadAWholeNumberAndOneUnitOrABareZero() {
    assertEquals(Optional.of(Duration.ofMillis(500)), Durations.parse("500ms"));
    assertEquals(Optional.of(Duration.ofSeconds(10)), Durations.parse("10s"));
    assertEquals(Optional.of(Duration.ofMinutes(5)), Durations.parse(" 5m "));
    assertEquals(Optional.of(Duration.ofHours(2)), Durations.parse("2h"));
    assertEquals(Optional.of(Duration.ofDays(30)), Durations.parse("30d"));
    assertEquals(Optional.of(Duration.ofDays(14)), Durations.parse("2w"));
    assertEquals(Optional.of(Duration.ZERO), Durations.parse("0"));
    assertEquals(Optional.empty(), Durations.parse("5"));
    assertEquals(Optional.empty(), Durations.parse("-5s"));
    assertEquals(Optional.empty(), Durations.parse("5 minutes"));
  }

  @Test
  void shouldFormatTheShortestLabel() {
    assertEquals("30d", Durations.format(Duration.ofDays(30)));
    assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
    assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
  }

  @Test
  void shouldShowADurationInALogByItsTwoLargestUnits() {
    assertEquals("19m 59s", Durations.approximate(Duration.ofMillis(1_199_396)));
    assertEquals("2h 5m", Durations.approximate(Duration.ofMinutes(125).plusSeconds(59)));
    assertEquals("1d 3h", Durations.approximate(Duration.ofHours(27)));
    assertEquals("2d", Durations.approximate(Duration.ofDays(2).plusSeconds(30)));
    assertEquals("1m", Durations.approximate(Duration.ofSeconds(60)));
    assertEquals("45s", Durations.approximate(Duration.ofMillis(45_900)));
    assertEquals("850ms", Durations.approximate(Duration.ofMillis(850)));
    assertEquals("0ms", Durations.approximate(Duration.ZERO));
  }

  @Test
  void theCommandLineConverterShouldNameTheBadValue() {
    assertEquals(Duration.ofSeconds(10), new DurationConverter().convert("10s"));
    assertEquals(Duration.ZERO, new DurationConverter().convert("0"));
    String message = assertThrows(TypeConversionException.class, () -> new DurationConverter().convert("soon"))
        .getMessage();
    assertTrue(message.contains("'soon' is not a duration"), message);
  }
}
