package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.BurnRatePolicy;
import com.huntaze.slo.schemas.slo.BurnRateWindow;
import com.huntaze.slo.schemas.slo.Durations;
import com.huntaze.slo.schemas.slo.Severity;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * When an SLO alerts, and what the alert says: the multiwindow burn-rate policy (one alert per
 * severity) and the threshold alert, each a small state machine that fires, resends while firing
 * and resolves. It judges each evaluation as it comes; an evaluation that late events changed is
 * judged like any other, and an alert already sent is never rewritten.
 */
final class AlertPolicy {
  private final SloDefinition slo;
  private final Duration resend;
  private final boolean ratio;
  private final List<BurnRateWindow> rows;
  private final Map<String, AlertTrack> tracks = new LinkedHashMap<>();
  private boolean changed;

  AlertPolicy(SloDefinition slo, Duration resend, boolean ratio) {
    this.slo = slo;
    this.resend = resend;
    this.ratio = ratio;
    this.rows = slo.alerting().burnRate().map(BurnRatePolicy::windows).orElse(List.of());
    rows.stream().map(BurnRateWindow::severity).distinct().sorted().forEach(severity -> add(AlertEvent.BURN_RATE, severity));
    if (slo.alerting().threshold().isPresent()) {
      add(AlertEvent.THRESHOLD, Severity.PAGE);
    }
  }

  private void add(String alertName, Severity severity) {
    AlertTrack t = new AlertTrack(alertName, severity.label(), false, 0, 0, 0);
    tracks.put(t.key(), t);
  }

  /**
   * Advances every alert with this evaluation; what must be published goes to {@code out}. Inside
   * an excluded period nothing fires, and what was firing resolves: maintenance must not page.
   */
  /** @param top the {@code top} annotation: what burns the SLO's budget most (see {@link TopContributor}) */
  void update(Evaluation e, String top, List<AlertEvent> out) {
    boolean held = e.excludedNow();
    for (AlertTrack track : tracks.values()) {
      if (track.alertName.equals(AlertEvent.BURN_RATE)) {
        int firingRow = -1;
        for (int i = 0; i < rows.size() && firingRow < 0; i++) {
          BurnRateWindow row = rows.get(i);
          if (row.severity().label().equals(track.severity)
              && exceeds(e, row.longWindow(), row.factor()) && exceeds(e, row.shortWindow(), row.factor())) {
            firingRow = i;
          }
        }
        if (firingRow >= 0) {
          track.row = firingRow;
        }
        transition(track, firingRow >= 0 && !held, e, out, () -> burnRateAlert(track, rows.get(track.row), e, top));
      } else {
        double threshold = slo.alerting().threshold().getAsDouble();
        boolean firing = !held && e.thresholdValue().isPresent() && e.thresholdValue().getAsDouble() < threshold;
        transition(track, firing, e, out, () -> thresholdAlert(track, threshold, e, top));
      }
    }
  }

  List<Evaluation.AlertStatus> statuses() {
    List<Evaluation.AlertStatus> out = new java.util.ArrayList<>(tracks.size()); // every evaluation of every instance: no stream
    for (AlertTrack t : tracks.values()) {
      out.add(new Evaluation.AlertStatus(t.alertName, t.severity, t.firing, t.sinceMillis));
    }
    return out;
  }

  private static boolean exceeds(Evaluation e, Duration window, double factor) {
    OptionalDouble burn = burnOf(e, window);
    return burn.isPresent() && burn.getAsDouble() > factor;
  }

  private static OptionalDouble burnOf(Evaluation e, Duration window) {
    return e.window(window).map(WindowResult::burnRate).orElse(OptionalDouble.empty());
  }

  private void transition(AlertTrack track, boolean firing, Evaluation e, List<AlertEvent> out, Supplier<AlertEvent> event) {
    long now = e.atMillis();
    boolean publish = firing != track.firing || firing && now - track.lastSentMillis >= resend.toMillis();
    if (!publish) {
      return;
    }
    if (firing && !track.firing) {
      track.sinceMillis = now;
    }
    track.firing = firing;
    track.lastSentMillis = now;
    changed = true;
    out.add(event.get());
  }

  private AlertEvent burnRateAlert(AlertTrack track, BurnRateWindow row, Evaluation e, String top) {
    OptionalDouble longBurn = burnOf(e, row.longWindow());
    OptionalDouble shortBurn = burnOf(e, row.shortWindow());
    String summary = String.format(Locale.ROOT, "SLO %s (%s) %s: %s over %s and %s over %s, alert above %sx (%s)",
        e.instanceKey(), slo.service(),
        track.firing ? "is burning its error budget" : "no longer burns its error budget fast enough to alert", // the resolved one reads as such
        fmt(longBurn), Durations.format(row.longWindow()), fmt(shortBurn),
        Durations.format(row.shortWindow()), trim(row.factor()), row.why());
    return new AlertEvent(AlertEvent.BURN_RATE, slo.name(), slo.service(), track.severity, track.firing,
        Durations.format(row.longWindow()), Durations.format(row.shortWindow()), longBurn, shortBurn,
        OptionalDouble.of(row.factor()), OptionalDouble.empty(), OptionalDouble.empty(), e.budgetRemaining(),
        summary, track.sinceMillis, endsAt(track, e), e.atMillis(), groupLabels(e), top);
  }

  private AlertEvent thresholdAlert(AlertTrack track, double threshold, Evaluation e, String top) {
    String window = Durations.format(slo.alerting().thresholdWindow());
    String what = slo.sli() instanceof com.huntaze.slo.schemas.slo.Sli.ErrorRate
        // An error-rate SLO reads as errors: the share of bad events, alerting above 100 % - threshold.
        ? String.format(Locale.ROOT, "error rate over %s is %s, alert above %s", window,
            percent(e.thresholdValue().stream().map(good -> 1 - good).findFirst()), percent(OptionalDouble.of(1 - threshold)))
        : ratio
        ? String.format(Locale.ROOT, "%s over %s is %s, alert below %s", slo.sli().kind(), window,
            percent(e.thresholdValue()), percent(OptionalDouble.of(threshold)))
        : String.format(Locale.ROOT, "throughput over %s is %s req/s, alert below %s req/s", window,
            fmt(e.thresholdValue()), trim(threshold));
    return new AlertEvent(AlertEvent.THRESHOLD, slo.name(), slo.service(), track.severity, track.firing,
        null, null, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), e.thresholdValue(),
        OptionalDouble.of(threshold), e.budgetRemaining(), "SLO " + e.instanceKey() + " (" + slo.service() + "): " + what,
        track.sinceMillis, endsAt(track, e), e.atMillis(), groupLabels(e), top);
  }

  private static Map<String, String> groupLabels(Evaluation e) {
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    e.group().forEach(g -> labels.put(g.label(), g.value()));
    return labels;
  }

  private static OptionalLong endsAt(AlertTrack track, Evaluation e) {
    return track.firing ? OptionalLong.empty() : OptionalLong.of(e.atMillis());
  }

  /** Two decimals, or three significant digits below 1: a trickle of 0.033 req/s must not read as 0.00. */
  private static String fmt(OptionalDouble d) {
    if (d.isEmpty()) {
      return "no data";
    }
    double v = d.getAsDouble();
    return Math.abs(v) >= 1 || v == 0 ? String.format(Locale.ROOT, "%.2f", v)
        : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
  }

  private static String percent(OptionalDouble d) {
    return d.isPresent() ? String.format(Locale.ROOT, "%.3f %%", d.getAsDouble() * 100) : "no data";
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  // ---- persistence ----

  List<AlertTrack> tracks() {
    return List.copyOf(tracks.values());
  }

  void restore(List<AlertTrack> stored) {
    for (AlertTrack t : stored) {
      AlertTrack current = tracks.get(t.key());
      if (current != null) {
        current.firing = t.firing;
        current.sinceMillis = t.sinceMillis;
        current.lastSentMillis = t.lastSentMillis;
        current.row = t.row < rows.size() ? t.row : 0;
      }
    }
  }

  boolean takeChanged() {
    boolean was = changed;
    changed = false;
    return was;
  }
}
