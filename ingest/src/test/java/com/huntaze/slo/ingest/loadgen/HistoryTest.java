package com.huntaze.slo.ingest.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HistoryTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final TrafficModel MODEL = new TrafficModel(List.of("huntaze-api"), List.of("GET /a"), 0, 80, 400,
      new IncidentSchedule(Duration.ofHours(20), Duration.ofMinutes(30), Duration.ZERO), Set.of("huntaze-api"), 1, 1);

  /** Keeps what it is sent, accepts everything. */
  private static final class Collect implements LoadSink {
    final List<RequestEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CompletableFuture<Integer> send(List<RequestEvent> batch) {
      events.addAll(batch);
      return CompletableFuture.completedFuture(batch.size());
    }

    @Override
    public void close() {
    }
  }

  private static Collect run(Duration length, double peak, double live, long max, ByteArrayOutputStream printed)
      throws Exception {
    Collect sink = new Collect();
    Loadgen.Summary s = new History(MODEL, sink, new History.Settings(length, peak, live, max, Duration.ofMinutes(1),
        Duration.ofSeconds(5)), new Random(3), new PrintStream(printed, true, StandardCharsets.UTF_8),
        Clock.fixed(NOW, ZoneOffset.UTC)).run(() -> false);
    assertEquals(sink.events.size(), s.sent());
    assertEquals(s.sent(), s.accepted());
    return sink;
  }

  @Test
  void shouldSendDaysOfBackDatedEventsFollowingTheDayWithThePastIncident() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Collect sink = run(Duration.ofDays(1), 2, 0, 10_000_000, printed);
    List<RequestEvent> events = sink.events;
    double expected = History.expected(NOW.minus(Duration.ofDays(1)), NOW, 2);
    assertEquals(expected, events.size(), 1.0, "every minute's share, rounding carried over");
    assertEquals(2 * 86_400 * 0.625, expected, 2 * 86_400 * 0.625 * 0.01, "the day averages 62.5 % of the peak");
    assertTrue(events.stream().allMatch(e -> !e.getEventTime().isBefore(NOW.minus(Duration.ofDays(1)))
        && e.getEventTime().isBefore(NOW)), "all inside the last day");
    // Afternoon busy, night quiet: 15:00 UTC is the peak, 03:00 a quarter of it.
    long peakHour = events.stream().filter(e -> e.getEventTime().toString().startsWith("2026-11-23T15")).count();
    long nightHour = events.stream().filter(e -> e.getEventTime().toString().startsWith("2026-11-24T03")).count();
    assertEquals(2 * 3600, peakHour, 2 * 3600 * 0.01);
    assertEquals(2 * 3600 * 0.25, nightHour, 2 * 3600 * 0.25 * 0.02);
    // The incident schedule counts from the history's start: 20h in = 14:00 to 14:30 the day before.
    Instant from = NOW.minus(Duration.ofHours(4));
    assertTrue(events.stream().filter(e -> e.getStatus() >= 500)
        .allMatch(e -> !e.getEventTime().isBefore(from) && e.getEventTime().isBefore(from.plus(Duration.ofMinutes(30)))));
    assertTrue(events.stream().filter(e -> e.getStatus() >= 500).count() > 1000);
    String out = printed.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("history: 1d of back-dated events from 2026-11-23T10:00:00Z"), out);
    assertTrue(out.contains("history done: sent " + events.size() + ", accepted " + events.size() + ", failed 0"), out);
  }

  @Test
  void shouldThinTheRateToStayWithinTheMaximum() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Collect sink = run(Duration.ofDays(3), 100, 0, 20_000, printed);
    assertEquals(20_000, sink.events.size(), 1.0);
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("thinned to 0 % of the rate"), printed::toString);
  }

  @Test
  void theLastMinutesShouldRunAtTheLiveRateSoThatShortWindowsShowLiveTraffic() throws Exception {
    Collect sink = run(Duration.ofHours(1), 2, 50, 10_000_000, new ByteArrayOutputStream());
    Instant recent = NOW.minus(History.RECENT);
    assertEquals(50 * 300, sink.events.stream().filter(e -> !e.getEventTime().isBefore(recent)).count());
    assertEquals(History.expected(NOW.minus(Duration.ofHours(1)), recent, 2),
        sink.events.stream().filter(e -> e.getEventTime().isBefore(recent)).count(), 1.0);
  }

  @Test
  void dayFactorShouldPeakInTheAfternoonAndDipAtNight() {
    assertEquals(1.0, History.dayFactor(Instant.parse("2026-11-24T15:00:00Z")), 1e-9);
    assertEquals(0.25, History.dayFactor(Instant.parse("2026-11-24T03:00:00Z")), 1e-9);
    assertEquals(0.625, History.dayFactor(Instant.parse("2026-11-24T09:00:00Z")), 1e-9);
  }
}
