package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The windows one SLO is evaluated over, and from them how far back each resolution must keep
 * its buckets: the longest window read at that resolution (the minute level also serves the
 * threshold window). Nothing older than that can count in any window again, so it is all the
 * state an SLO needs, and all it keeps.
 */
public final class SloWindows {
  /** The windows every SLO publishes, besides its own and those of its burn-rate policy. */
  public static final List<Duration> STANDARD = List.of(
      Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
      Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));

  private final List<WindowSpec> all;
  private final WindowSpec sloWindow;
  private final Map<Resolution, Integer> keptBuckets = new EnumMap<>(Resolution.class);

  public SloWindows(SloDefinition slo) {
    TreeMap<Duration, WindowSpec> byLength = new TreeMap<>();
    for (Duration d : STANDARD) {
      if (d.compareTo(slo.window()) <= 0) {
        byLength.put(d, WindowSpec.of(d));
      }
    }
    byLength.put(slo.window(), WindowSpec.of(slo.window()));
    slo.alerting().burnRate().ifPresent(p -> p.windows().forEach(row -> {
      byLength.putIfAbsent(row.longWindow(), WindowSpec.of(row.longWindow()));
      byLength.putIfAbsent(row.shortWindow(), WindowSpec.of(row.shortWindow()));
    }));
    this.all = List.copyOf(byLength.values());
    this.sloWindow = byLength.get(slo.window());
    for (WindowSpec w : all) {
      keptBuckets.merge(w.resolution(), w.buckets(), Math::max);
    }
    keptBuckets.merge(Resolution.MINUTE, (int) slo.alerting().thresholdWindow().toMinutes(), Math::max);
    SloBudget.keep(slo, keptBuckets);
  }

  /** Shortest first, each length once. */
  public List<WindowSpec> all() {
    return all;
  }

  public WindowSpec sloWindow() {
    return sloWindow;
  }

  /** Buckets each resolution in use must keep behind the evaluation time. */
  public Map<Resolution, Integer> keptBuckets() {
    return keptBuckets;
  }
}
