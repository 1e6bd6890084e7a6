package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.BurnRatePolicy;
import com.huntaze.slo.schemas.slo.BurnRateWindow;
import com.huntaze.slo.schemas.slo.Durations;
import com.huntaze.slo.schemas.slo.Severity;
import com.huntaze.slo.schemas.slo.Sli;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Everything one SLO remembers: bucketed good/total counts at each resolution its windows need,
 * per-minute latency sketches for latency SLOs, the late-event count and its alerts. Fixed size
 * whatever the traffic; evaluation is exact sums over whole buckets.
 */
public final class SloState {
  /** The windows every SLO publishes, besides its own and those of its burn-rate policy. */
  public static final List<Duration> STANDARD_WINDOWS = List.of(
      Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2),
      Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));
  private static final long MINUTE = Duration.ofMinutes(1).toMillis();
  public static final long NEVER = Long.MAX_VALUE;
  private static final double[] QUANTILES = {0.5, 0.95, 0.99};
  private static final String[] QUANTILE_LABELS = {"0.5", "0.95", "0.99"};

  private final SloDefinition slo;
  private final EngineSettings settings;
  private final List<WindowSpec> windows;
  private final WindowSpec sloWindow;
  private final Map<Resolution, BucketRing> rings = new EnumMap<>(Resolution.class);
  /** The same rings as a plain array: the per-event loop should not walk an EnumMap. */
  private final BucketRing[] ringList;
  private final int thresholdMinutes;
  private final boolean goodIsFast;
  private final double latencyThresholdMs;
  private final boolean ratioSli;
  private final java.util.regex.Pattern operationPattern;

  // Latency sketches, one per minute, for the threshold window (+ grace): latency SLOs only.
  private final long[] sketchMinute;
  private final LatencySketch[] sketches;
  private final BitSet sketchDirty;

  private long lateEvents;
  /** Minute of the first event ever applied; throughput is judged only from there on. */
  private long firstMinute = NEVER;
  private boolean metaDirty;
  private final Map<String, AlertTrack> alerts = new LinkedHashMap<>();
  private final long[] sums = new long[2];
  /** Stored records that no longer fit the rings (config changed, resized): deleted on the next drain. */
  private final List<StaleRecord> stale = new ArrayList<>();

  /** A bucket record of a resolution, or a sketch record when {@code resolution} is null. */
  private record StaleRecord(Resolution resolution, int slot) {
  }

  public SloState(SloDefinition slo, EngineSettings settings) {
    this.slo = slo;
    this.settings = settings;
    this.sloWindow = WindowSpec.of(slo.window());
    this.windows = windowsOf(slo);
    this.thresholdMinutes = (int) slo.alerting().thresholdWindow().toMinutes();
    this.ratioSli = !(slo.sli() instanceof Sli.Throughput);
    this.operationPattern = slo.operation().isPresent() ? slo.globPattern() : null;
    this.goodIsFast = slo.sli() instanceof Sli.Latency;
    this.latencyThresholdMs = slo.sli() instanceof Sli.Latency l ? l.thresholdMs() : Double.NaN;

    Map<Resolution, Integer> longest = new EnumMap<>(Resolution.class);
    for (WindowSpec w : windows) {
      longest.merge(w.resolution(), w.buckets(), Math::max);
    }
    longest.merge(Resolution.MINUTE, thresholdMinutes + 1, Math::max);
    long slackMillis = settings.grace().toMillis() + settings.maxFuture().toMillis();
    longest.forEach((resolution, buckets) -> rings.put(resolution,
        new BucketRing(resolution, buckets + (int) (slackMillis / resolution.bucketMillis()) + 2)));

    this.ringList = rings.values().toArray(BucketRing[]::new);
    int sketchSlots = goodIsFast ? thresholdMinutes + (int) (slackMillis / MINUTE) + 2 : 0;
    this.sketchMinute = new long[sketchSlots];
    this.sketches = new LatencySketch[sketchSlots];
    this.sketchDirty = new BitSet(sketchSlots);
    Arrays.fill(sketchMinute, BucketRing.EMPTY);

    for (Severity severity : severitiesOf(slo.alerting().burnRate())) {
      AlertTrack t = new AlertTrack(AlertEvent.BURN_RATE, severity.label(), false, 0, 0, 0);
      alerts.put(t.key(), t);
    }
    if (slo.alerting().threshold().isPresent()) {
      AlertTrack t = new AlertTrack(AlertEvent.THRESHOLD, Severity.PAGE.label(), false, 0, 0, 0);
      alerts.put(t.key(), t);
    }
  }

  /** Standard windows up to the SLO window, the SLO window, and the policy's windows; shortest first. */
  static List<WindowSpec> windowsOf(SloDefinition slo) {
    TreeMap<Duration, WindowSpec> byLength = new TreeMap<>();
    for (Duration d : STANDARD_WINDOWS) {
      if (d.compareTo(slo.window()) <= 0) {
        byLength.put(d, WindowSpec.of(d));
      }
    }
    byLength.put(slo.window(), WindowSpec.of(slo.window()));
    slo.alerting().burnRate().ifPresent(p -> p.windows().forEach(row -> {
      byLength.putIfAbsent(row.longWindow(), WindowSpec.of(row.longWindow()));
      byLength.putIfAbsent(row.shortWindow(), WindowSpec.of(row.shortWindow()));
    }));
    return List.copyOf(byLength.values());
  }

  private static List<Severity> severitiesOf(Optional<BurnRatePolicy> policy) {
    return policy.map(p -> p.windows().stream().map(BurnRateWindow::severity).distinct()
        .sorted(Comparator.naturalOrder()).toList()).orElse(List.of());
  }

  public SloDefinition slo() {
    return slo;
  }

  public List<WindowSpec> windows() {
    return windows;
  }

  /** Whether the SLO covers events of this operation (the caller has matched the service). */
  public boolean matches(String operation) {
    return operationPattern == null || operationPattern.matcher(operation).matches();
  }

  /** Whether an event counts as good for this SLO (the caller has matched service and operation). */
  public boolean isGood(int status, double latencyMs) {
    if (goodIsFast) {
      return latencyMs <= latencyThresholdMs;
    }
    return !ratioSli || status < 500; // throughput counts every request
  }

  /**
   * Applies an admitted event.
   *
   * @param buckets the event's bucket index at each resolution, by {@link Resolution#ordinal()}
   * @param latencyBin the event's latency-sketch bin ({@link LatencySketch#binOf})
   */
  public void record(long[] buckets, int status, double latencyMs, int latencyBin) {
    long good = isGood(status, latencyMs) ? 1 : 0;
    boolean applied = true;
    for (BucketRing ring : ringList) {
      applied &= ring.add(buckets[ring.resolution().ordinal()], good, 1);
    }
    if (!applied) {
      // Unreachable while admission keeps events within grace and skew; counted, not lost silently.
      lateEvents++;
      metaDirty = true;
    }
    long minute = buckets[Resolution.MINUTE.ordinal()];
    if (goodIsFast) {
      recordLatency(minute, latencyBin);
    }
    if (minute < firstMinute) {
      firstMinute = minute;
      metaDirty = true;
    }
  }

  /** Applies an admitted event (tests and tools). */
  public void record(long eventMillis, int status, double latencyMs) {
    long[] buckets = new long[Resolution.VALUES.length];
    for (Resolution r : Resolution.VALUES) {
      buckets[r.ordinal()] = r.bucketOf(eventMillis);
    }
    record(buckets, status, latencyMs, LatencySketch.binOf(latencyMs));
  }

  /** Counts an event that came too late (or too far ahead) to be applied. */
  public void recordRejected() {
    lateEvents++;
    metaDirty = true;
  }

  private void recordLatency(long minute, int latencyBin) {
    int slot = (int) Math.floorMod(minute, (long) sketches.length);
    if (sketchMinute[slot] != minute) {
      if (sketchMinute[slot] > minute) {
        return;
      }
      sketchMinute[slot] = minute;
      sketches[slot] = new LatencySketch();
    }
    sketches[slot].addBin(latencyBin, 1);
    if (!sketchDirty.get(slot)) {
      sketchDirty.set(slot);
    }
  }

  /**
   * Evaluates every window at {@code atMillis}, advances the alert state machine and adds the
   * alerts to publish (transitions, and resends while firing) to {@code alertsOut}.
   */
  public Evaluation evaluate(long atMillis, List<AlertEvent> alertsOut) {
    OptionalDouble objective = slo.objective();
    List<WindowResult> results = new ArrayList<>(windows.size());
    WindowResult sloResult = null;
    for (WindowSpec w : windows) {
      WindowResult r = sum(w, atMillis);
      results.add(r);
      if (w.duration().equals(slo.window())) {
        sloResult = r;
      }
    }
    OptionalDouble sli = OptionalDouble.empty();
    OptionalDouble budget = OptionalDouble.empty();
    if (ratioSli && sloResult != null && sloResult.hasData()) {
      sli = OptionalDouble.of(sloResult.good() / (double) sloResult.total());
      if (objective.isPresent()) {
        budget = OptionalDouble.of(1 - (sloResult.bad() / (double) sloResult.total()) / (1 - objective.getAsDouble()));
      }
    }

    long minuteNow = Math.floorDiv(atMillis, MINUTE);
    OptionalDouble throughput = OptionalDouble.empty();
    OptionalDouble thresholdValue = OptionalDouble.empty();
    BucketRing minutes = rings.get(Resolution.MINUTE);
    // Throughput is judged on complete minutes since the first event: the current minute is still
    // filling up, and minutes before the service ever sent anything say nothing about it.
    long completeMinutes = firstMinute == NEVER ? 0 : Math.max(0, minuteNow - firstMinute);
    if (completeMinutes > 0) {
      minutes.sum(minuteNow - 1, 1, sums);
      throughput = OptionalDouble.of(sums[1] / 60.0);
    }
    if (ratioSli) {
      minutes.sum(minuteNow, thresholdMinutes, sums);
      if (sums[1] > 0) {
        thresholdValue = OptionalDouble.of(sums[0] / (double) sums[1]);
      }
    } else if (completeMinutes > 0) {
      int judged = (int) Math.min(thresholdMinutes, completeMinutes);
      minutes.sum(minuteNow - 1, judged, sums);
      thresholdValue = OptionalDouble.of(sums[1] / (judged * 60.0));
    }

    Evaluation partial = new Evaluation(slo, atMillis, List.copyOf(results), sli, budget,
        latencyQuantiles(minuteNow), throughput, thresholdValue, lateEvents, List.of());
    updateAlerts(partial, alertsOut);
    List<Evaluation.AlertStatus> statuses = alerts.values().stream()
        .map(t -> new Evaluation.AlertStatus(t.alertName, t.severity, t.firing, t.sinceMillis))
        .toList();
    return new Evaluation(slo, atMillis, partial.windows(), sli, budget, partial.latencyQuantiles(),
        throughput, thresholdValue, lateEvents, statuses);
  }

  private WindowResult sum(WindowSpec w, long atMillis) {
    rings.get(w.resolution()).sum(w.resolution().bucketOf(atMillis), w.buckets(), sums);
    long good = sums[0];
    long total = sums[1];
    OptionalDouble burn = OptionalDouble.empty();
    if (ratioSli && total > 0 && slo.objective().isPresent()) {
      burn = OptionalDouble.of(((total - good) / (double) total) / (1 - slo.objective().getAsDouble()));
    }
    return new WindowResult(w, good, total, burn);
  }

  private Map<String, Double> latencyQuantiles(long minuteNow) {
    if (!goodIsFast) {
      return Map.of();
    }
    LatencySketch merged = new LatencySketch();
    for (int i = 0; i < sketches.length; i++) {
      long m = sketchMinute[i];
      if (m != BucketRing.EMPTY && m > minuteNow - thresholdMinutes && m <= minuteNow) {
        merged.merge(sketches[i]);
      }
    }
    if (merged.isEmpty()) {
      return Map.of();
    }
    Map<String, Double> quantiles = new LinkedHashMap<>();
    for (int i = 0; i < QUANTILES.length; i++) {
      quantiles.put(QUANTILE_LABELS[i], merged.quantile(QUANTILES[i]));
    }
    return quantiles;
  }

  private void updateAlerts(Evaluation e, List<AlertEvent> out) {
    List<BurnRateWindow> rows = slo.alerting().burnRate().map(BurnRatePolicy::windows).orElse(List.of());
    for (AlertTrack track : alerts.values()) {
      if (track.alertName.equals(AlertEvent.BURN_RATE)) {
        int firingRow = -1;
        for (int i = 0; i < rows.size(); i++) {
          BurnRateWindow row = rows.get(i);
          if (row.severity().label().equals(track.severity)
              && exceeds(e, row.longWindow(), row.factor()) && exceeds(e, row.shortWindow(), row.factor())) {
            firingRow = i;
            break;
          }
        }
        if (firingRow >= 0) {
          track.row = firingRow;
        }
        transition(track, firingRow >= 0, e, out, () -> burnRateAlert(track, rows.get(track.row), e));
      } else {
        double threshold = slo.alerting().threshold().getAsDouble();
        boolean firing = e.thresholdValue().isPresent() && e.thresholdValue().getAsDouble() < threshold;
        transition(track, firing, e, out, () -> thresholdAlert(track, threshold, e));
      }
    }
  }

  private static boolean exceeds(Evaluation e, Duration window, double factor) {
    return e.window(Durations.format(window)).flatMap(w -> w.burnRate().isPresent()
        ? Optional.of(w.burnRate().getAsDouble()) : Optional.empty()).map(b -> b > factor).orElse(false);
  }

  private void transition(AlertTrack track, boolean firing, Evaluation e, List<AlertEvent> out,
                          java.util.function.Supplier<AlertEvent> event) {
    long now = e.atMillis();
    if (firing && !track.firing) {
      track.firing = true;
      track.sinceMillis = now;
      track.lastSentMillis = now;
      metaDirty = true;
      out.add(event.get());
    } else if (firing && now - track.lastSentMillis >= settings.alertResend().toMillis()) {
      track.lastSentMillis = now;
      metaDirty = true;
      out.add(event.get());
    } else if (!firing && track.firing) {
      track.firing = false;
      track.lastSentMillis = now;
      metaDirty = true;
      out.add(event.get());
    }
  }

  private AlertEvent burnRateAlert(AlertTrack track, BurnRateWindow row, Evaluation e) {
    OptionalDouble longBurn = burnOf(e, row.longWindow());
    OptionalDouble shortBurn = burnOf(e, row.shortWindow());
    String summary = String.format(java.util.Locale.ROOT,
        "SLO %s (%s) is burning its error budget: %s over %s and %s over %s, alert above %sx (%s)",
        slo.name(), slo.service(), fmt(longBurn), Durations.format(row.longWindow()), fmt(shortBurn),
        Durations.format(row.shortWindow()), trim(row.factor()), row.why());
    return new AlertEvent(AlertEvent.BURN_RATE, slo.name(), slo.service(), track.severity, track.firing,
        Durations.format(row.longWindow()), Durations.format(row.shortWindow()), longBurn, shortBurn,
        OptionalDouble.of(row.factor()), OptionalDouble.empty(), OptionalDouble.empty(), e.budgetRemaining(),
        summary, track.sinceMillis, track.firing ? OptionalLong.empty() : OptionalLong.of(e.atMillis()), e.atMillis());
  }

  private AlertEvent thresholdAlert(AlertTrack track, double threshold, Evaluation e) {
    String what = ratioSli
        ? String.format(java.util.Locale.ROOT, "%s over %s is %s, alert below %s", slo.sli().kind(),
            Durations.format(slo.alerting().thresholdWindow()), percent(e.thresholdValue()), percent(OptionalDouble.of(threshold)))
        : String.format(java.util.Locale.ROOT, "throughput over %s is %s req/s, alert below %s req/s",
            Durations.format(slo.alerting().thresholdWindow()), fmt(e.thresholdValue()), trim(threshold));
    return new AlertEvent(AlertEvent.THRESHOLD, slo.name(), slo.service(), track.severity, track.firing,
        null, null, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), e.thresholdValue(),
        OptionalDouble.of(threshold), e.budgetRemaining(), "SLO " + slo.name() + " (" + slo.service() + "): " + what,
        track.sinceMillis, track.firing ? OptionalLong.empty() : OptionalLong.of(e.atMillis()), e.atMillis());
  }

  private static OptionalDouble burnOf(Evaluation e, Duration window) {
    return e.window(Durations.format(window)).map(WindowResult::burnRate).orElse(OptionalDouble.empty());
  }

  private static String fmt(OptionalDouble d) {
    return d.isPresent() ? String.format(java.util.Locale.ROOT, "%.2f", d.getAsDouble()) : "no data";
  }

  private static String percent(OptionalDouble d) {
    return d.isPresent() ? String.format(java.util.Locale.ROOT, "%.3f %%", d.getAsDouble() * 100) : "no data";
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  // ---- persistence: what changed since the last drain, and restoring from what was stored ----

  public boolean hasChanges() {
    if (metaDirty || !sketchDirty.isEmpty() || !stale.isEmpty()) {
      return true;
    }
    for (BucketRing ring : ringList) {
      if (ring.hasChanges()) {
        return true;
      }
    }
    return false;
  }

  public void drainChanges(StateChanges out) {
    // Deletions first: a slot freed by a resized ring may be rewritten just below.
    for (StaleRecord r : stale) {
      if (r.resolution() == null) {
        out.deleteSketch(r.slot());
      } else {
        out.deleteBucket(r.resolution(), r.slot());
      }
    }
    stale.clear();
    for (BucketRing ring : ringList) {
      ring.drainChanges(out::bucket);
    }
    for (int slot = sketchDirty.nextSetBit(0); slot >= 0; slot = sketchDirty.nextSetBit(slot + 1)) {
      out.sketch(slot, sketchMinute[slot], sketches[slot]);
    }
    sketchDirty.clear();
    if (metaDirty) {
      out.meta(lateEvents, firstMinute, List.copyOf(alerts.values()));
      metaDirty = false;
    }
  }

  /** Puts back a stored bucket; a record this SLO no longer keeps where it is, is queued for deletion. */
  public void restoreBucket(Resolution resolution, int storedSlot, long bucketIndex, long good, long total) {
    BucketRing ring = rings.get(resolution);
    if (ring == null || !ring.restore(storedSlot, bucketIndex, good, total)) {
      stale.add(new StaleRecord(resolution, storedSlot));
    }
  }

  public void restoreSketch(int storedSlot, long minute, LatencySketch sketch) {
    if (sketches.length == 0) {
      stale.add(new StaleRecord(null, storedSlot));
      return;
    }
    int slot = (int) Math.floorMod(minute, (long) sketches.length);
    if (sketchMinute[slot] != BucketRing.EMPTY && sketchMinute[slot] > minute) {
      stale.add(new StaleRecord(null, storedSlot));
      return;
    }
    sketchMinute[slot] = minute;
    sketches[slot] = sketch;
    if (slot != storedSlot) {
      stale.add(new StaleRecord(null, storedSlot));
      sketchDirty.set(slot);
    }
  }

  public void restoreMeta(long lateEvents, long firstMinute, List<AlertTrack> stored) {
    this.lateEvents = lateEvents;
    this.firstMinute = firstMinute;
    for (AlertTrack t : stored) {
      AlertTrack current = alerts.get(t.key());
      if (current != null) {
        current.firing = t.firing;
        current.sinceMillis = t.sinceMillis;
        current.lastSentMillis = t.lastSentMillis;
        current.row = t.row;
      }
    }
  }
}
