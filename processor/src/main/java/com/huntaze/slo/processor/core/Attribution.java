package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Dimension;
import com.huntaze.slo.schemas.slo.Durations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which values of each attribution key (operation, attributes) the SLO's bad events come from,
 * over 5m, 1h, 1d and the SLO window. Windows up to an hour read minute buckets, longer ones hour
 * buckets (a window covers whole buckets, like the SLO's own windows), each bucket a
 * {@link BadSummary}: exact while a bucket sees at most {@link BadSummary#CAPACITY} distinct values
 * of a key, otherwise each bad count misses at most the reported {@code maxUndercount}, which is
 * at most the window's bad events / (CAPACITY + 1). Memory: one summary per bucket and key.
 */
final class Attribution {
  static final int TOP = 10;
  private static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(1));

  /** A window as attribution reads it. */
  private record Window(String label, Resolution resolution, int buckets) {
  }

  private final List<Dimension> keys;
  private final DimensionValues values;
  private final List<Window> windows = new ArrayList<>();
  /** [key][0 = minutes, 1 = hours]; null where no window reads that level. */
  private final SummaryRing[][] rings;
  /** The same rings with their key's index, without gaps: what the store drains. */
  private final List<KeyedRing> keyedRings = new ArrayList<>();

  /** A summary ring and the index of its key in the SLO's attribution list (how the store names it). */
  record KeyedRing(int key, SummaryRing ring) {
  }

  Attribution(List<Dimension> keys, Duration sloWindow, EngineSettings settings) {
    this.keys = keys;
    this.values = new DimensionValues(keys);
    TreeSet<Duration> lengths = new TreeSet<>();
    WINDOWS.stream().filter(w -> w.compareTo(sloWindow) <= 0).forEach(lengths::add);
    lengths.add(sloWindow);
    int minutes = 0;
    int hours = 0;
    for (Duration d : lengths) {
      Resolution r = d.compareTo(Duration.ofHours(1)) <= 0 ? Resolution.MINUTE : Resolution.HOUR;
      int n = r.bucketsFor(d);
      windows.add(new Window(Durations.format(d), r, n));
      if (r == Resolution.MINUTE) {
        minutes = Math.max(minutes, n);
      } else {
        hours = Math.max(hours, n);
      }
    }
    rings = new SummaryRing[keys.size()][2];
    for (int k = 0; k < keys.size(); k++) {
      rings[k][0] = ring(Resolution.MINUTE, minutes, settings);
      rings[k][1] = hours == 0 ? null : ring(Resolution.HOUR, hours, settings);
      for (SummaryRing ring : rings[k]) {
        if (ring != null) {
          keyedRings.add(new KeyedRing(k, ring));
        }
      }
    }
  }

  private static SummaryRing ring(Resolution r, int kept, EngineSettings settings) {
    return new SummaryRing(r, kept, WindowCounts.aheadBuckets(r.bucketMillis(), settings.maxFuture()), settings.evaluatedOnlyAtMillis());
  }

  /** Counts an applied event under its value of every key. */
  void add(EventFields fields, long[] eventBuckets, long[] nowBuckets, boolean bad) {
    byte[] buffer = fields.buffer();
    for (int k = 0; k < rings.length; k++) {
      long at = values.locate(k, fields);
      int offset = at == EventFields.ABSENT ? 0 : (int) (at >>> 32);
      int length = at == EventFields.ABSENT ? 0 : (int) at;
      int hash = values.isOperation(k) ? fields.operationHash() : ByteKeyMap.hash(buffer, offset, length); // once for both rings
      for (SummaryRing ring : rings[k]) {
        if (ring != null) {
          int r = ring.resolution().ordinal();
          ring.add(eventBuckets[r], nowBuckets[r], buffer, offset, length, hash, bad);
        }
      }
    }
  }

  /**
   * Counts the events of a {@link SloRun} the SLO admitted, for an SLO whose keys are all
   * {@code operation} ({@link SloState#batchable}): as {@link #add} for each, in order.
   */
  void addBatch(SloRun run, long[] nowBuckets) {
    for (SummaryRing[] ofKey : rings) {
      for (SummaryRing ring : ofKey) {
        if (ring != null && !ring.ignoresUpTo(ring.resolution().bucketOf(run.newestAdmittedMillis()))) {
          int groups = run.group(ring.resolution().bucketMillis(), true);
          for (int g = 0; g < groups; g++) {
            ring.addGroup(run, g, nowBuckets[ring.resolution().ordinal()]);
          }
        }
      }
    }
  }

  /** Whether every ring takes or refuses the buckets of a minute ({@code eventBuckets}) alike under both "now"s (for {@link SloRun}). */
  boolean admitsAlike(long[] eventBuckets, long[] nowA, long[] nowB) {
    for (SummaryRing[] ofKey : rings) {
      for (SummaryRing ring : ofKey) {
        int r = ring == null ? 0 : ring.resolution().ordinal();
        if (ring != null && ring.keeps(eventBuckets[r], nowA[r]) != ring.keeps(eventBuckets[r], nowB[r])) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether every ring keeps the buckets of a minute ({@code eventBuckets}) under {@code now}. */
  boolean keepsAll(long[] eventBuckets, long[] now) {
    for (SummaryRing[] ofKey : rings) {
      for (SummaryRing ring : ofKey) {
        if (ring != null && !ring.keeps(eventBuckets[ring.resolution().ordinal()], now[ring.resolution().ordinal()])) {
          return false;
        }
      }
    }
    return true;
  }

  /** The top contributors of every window and key at {@code atMillis}, most bad events first. */
  List<Contributor> top(long atMillis) {
    List<Contributor> out = new ArrayList<>();
    for (Window w : windows) {
      long last = w.resolution().bucketOf(atMillis);
      for (int k = 0; k < keys.size(); k++) {
        Map<String, long[]> byValue = new HashMap<>();
        long[] window = new long[2]; // bad, undercount
        rings[k][w.resolution() == Resolution.MINUTE ? 0 : 1].forEach(last, w.buckets(), s -> {
          window[0] += s.bucketBad();
          window[1] += s.decrements();
          for (int i = 0; i < s.size(); i++) {
            long[] sums = byValue.computeIfAbsent(new String(s.value(i), StandardCharsets.UTF_8), v -> new long[2]);
            sums[0] += s.bad(i);
            sums[1] += s.total(i);
          }
        });
        String key = keys.get(k).source();
        byValue.entrySet().stream()
            .filter(e -> e.getValue()[0] > 0)
            .sorted((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()))
            .limit(TOP)
            .forEach(e -> out.add(new Contributor(w.label(), key, e.getKey(), e.getValue()[0], e.getValue()[1], window[0], window[1])));
      }
    }
    return List.copyOf(out);
  }

  // ---- persistence ----

  SummaryRing ring(int key, int level) {
    return key < rings.length ? rings[key][level] : null;
  }

  List<KeyedRing> keyedRings() {
    return keyedRings;
  }
}
