package com.huntaze.slo.processor.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Random event streams for tests that compare two ways of computing SLO state: three days of
 * events with disorder, backlogs hours to days late, events older than every window and events
 * too far ahead, admitted against the stream time or against a clock that jitters back and forth.
 */
final class RandomStreams {
  static final long MINUTE = 60_000;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;
  static final long START = Instant.parse("2026-10-20T00:00:00Z").toEpochMilli();

  private RandomStreams() {
  }

  /** What an event is about, drawn by the test. */
  record Request(String service, String operation, Map<String, String> attributes, int status, double latency) {
  }

  /** One event, with the "now" it is admitted against and its record's time. */
  record Event(Request request, long time, long now, long recordTime) {
    SloEngine.Outcome applyTo(SloEngine engine) {
      return engine.apply(request.service(), request.operation(), request.attributes(), request.status(), request.latency(),
          time, now, recordTime);
    }
  }

  static List<Event> threeDays(long seed, int events, boolean jitteringClock, Function<Random, Request> requests) {
    Random random = new Random(seed);
    List<Event> out = new ArrayList<>(events);
    long now = Long.MIN_VALUE;
    for (int i = 0; i < events; i++) {
      long position = START + i * (3 * DAY / events);
      long eventTime = position - random.nextInt(40_000);
      int roll = random.nextInt(1000);
      if (roll < 30) {
        eventTime -= HOUR + (long) (random.nextDouble() * 50 * HOUR); // a backlog, hours to days late
      } else if (roll < 35) {
        eventTime -= 35 * DAY + random.nextInt(10) * DAY; // older than every window
      } else if (roll < 40) {
        eventTime += random.nextInt(10 * 60_000); // ahead, beyond the 5-minute skew for about half
      }
      long recordTime = random.nextInt(10) == 0 ? eventTime : position;
      now = jitteringClock ? position + random.nextInt(240_000) - 120_000 : Math.max(now, recordTime);
      out.add(new Event(requests.apply(random), eventTime, now, recordTime));
    }
    return out;
  }
}
