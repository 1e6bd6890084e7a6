package com.huntaze.slo.processor.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Says in a task's log which records were dead-lettered: each one in full, up to
 * {@value #FULL_PER_MINUTE} a minute, then one line a minute with how many more there were, so a
 * producer writing garbage at 10,000 records a second is a few lines a minute, not 10,000 a second
 * (every one is in the dead-letter topic with its reason, and counted in the metrics). Reasons are
 * logged on one line ({@link com.huntaze.slo.schemas.slo.ReadableValues#oneLine}).
 */
final class DeadLetterLog {
  static final int FULL_PER_MINUTE = 10;
  private static final long INTERVAL_MILLIS = 60_000;

  private final String deadLetterTopic;
  private long minuteStart = -INTERVAL_MILLIS;
  private int logged;
  private final Map<String, Long> unlogged = new TreeMap<>();

  DeadLetterLog(String deadLetterTopic) {
    this.deadLetterTopic = deadLetterTopic;
  }

  /** The lines to log for a record dead-lettered at {@code clockMillis}: none once this minute's are logged. */
  List<String> record(String where, String category, String reason, long clockMillis) {
    List<String> out = new ArrayList<>(2);
    String summary = summary(clockMillis);
    if (summary != null) {
      out.add(summary);
    }
    if (logged < FULL_PER_MINUTE) {
      logged++;
      out.add("dead-lettered record " + where + ": " + com.huntaze.slo.schemas.slo.ReadableValues.oneLine(reason));
    } else {
      unlogged.merge(category, 1L, Long::sum);
    }
    return out;
  }

  /** How many records were not logged one by one, once their minute is over; null when none or not yet. */
  String summary(long clockMillis) {
    if (clockMillis - minuteStart < INTERVAL_MILLIS) {
      return null;
    }
    String line = null;
    if (!unlogged.isEmpty()) {
      long total = unlogged.values().stream().mapToLong(Long::longValue).sum();
      line = String.format(Locale.ROOT, "%,d more records dead-lettered in the last minute, not logged one by one (%s); each is in %s"
          + " with its reason (header dlq.error)", total,
          unlogged.entrySet().stream().map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
              .collect(Collectors.joining(", ")), deadLetterTopic);
    }
    minuteStart = clockMillis;
    logged = 0;
    unlogged.clear();
    return line;
  }
}
