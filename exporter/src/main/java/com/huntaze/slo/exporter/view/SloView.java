package com.huntaze.slo.exporter.view;

import com.huntaze.slo.schemas.slo.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The latest status of one SLO, in the form every output reads it ({@code /metrics}, the status page,
 * {@code /api/slos}): immutable, built once when the status arrives, with everything derived from it
 * (window order, health score, burn-down) computed here and only here. Only what depends on the
 * reader's clock (age, staleness) is asked with the reader's {@code now}.
 *
 * <p>No data is null (SLI, budget, throughput, score), an empty quantile map or an empty
 * burn-down, never 0 or NaN. Event counts per window are facts and always present.
 */
public final class SloView {
  private final SloSpec spec;
  private final String windowLabel;
  private final List<SloWindow> windows;
  private final Double sli;
  private final Double budgetRemaining;
  private final SortedMap<String, Double> latencyQuantiles;
  private final Double throughputRps;
  private final List<AlertStatus> alerts;
  private final SortedMap<String, Boolean> firingBySeverity;
  private final EventAdmissions admissions;
  private final Instant asOf;
  private final Double healthScore;
  private final List<BurnDown.Point> burnDown;
  private final Grouping grouping;
  private final List<Contributor> topContributors;
  private final InstanceKey key;
  private final BudgetPeriod period;

  /**
   * @param windows in any order, possibly repeating one (the SLO window coinciding with a fixed one)
   * @param latencyQuantiles quantile label ({@code 0.95}) to milliseconds; empty = no data
   * @param asOf when the processor evaluated the SLO (event time)
   */
  public SloView(SloSpec spec, List<SloWindow> windows, Double sli, Double budgetRemaining,
                 Map<String, Double> latencyQuantiles, Double throughputRps, List<AlertStatus> alerts,
                 EventAdmissions admissions, Instant asOf) {
    this(spec, windows, sli, budgetRemaining, latencyQuantiles, throughputRps, alerts, admissions, asOf,
        BudgetPeriod.ROLLING, List.of(), Grouping.NONE, List.of());
  }

  /**
   * @param period the budgeting method and, for a calendar window, the current period
   * @param burnDown the processor's burn-down samples, oldest first
   * @param grouping the instance's group (none = the SLO as a whole) and the SLO's grouping counts
   * @param topContributors in any order and number: the view keeps the {@link Contributor#TOP} per window and key
   */
  public SloView(SloSpec spec, List<SloWindow> windows, Double sli, Double budgetRemaining,
                 Map<String, Double> latencyQuantiles, Double throughputRps, List<AlertStatus> alerts,
                 EventAdmissions admissions, Instant asOf, BudgetPeriod period, List<BurnDown.Sample> burnDown,
                 Grouping grouping, List<Contributor> topContributors) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.period = Objects.requireNonNull(period, "period");
    this.windowLabel = period.isCalendar() ? period.calendar() : Durations.format(Duration.ofSeconds(spec.windowSeconds()));
    this.windows = SloWindow.sortedUnique(windows);
    this.sli = sli;
    this.budgetRemaining = budgetRemaining;
    this.latencyQuantiles = Collections.unmodifiableSortedMap(new TreeMap<>(latencyQuantiles));
    this.throughputRps = throughputRps;
    this.alerts = AlertStatus.unique(alerts);
    this.firingBySeverity = AlertStatus.firingBySeverity(this.alerts);
    this.admissions = Objects.requireNonNull(admissions, "admissions");
    this.asOf = Objects.requireNonNull(asOf, "asOf");
    this.healthScore = HealthScore.ofSlo(spec, budgetRemaining, throughputRps, this.alerts);
    this.burnDown = BurnDown.points(burnDown, spanEnd());
    this.grouping = Objects.requireNonNull(grouping, "grouping");
    this.topContributors = Contributor.top(topContributors);
    this.key = new InstanceKey(spec.name(), GroupLabel.groupKey(grouping.group()));
  }

  /** Which instance this is: the SLO as a whole or one of its groups; the key of its status on the topic. */
  public InstanceKey key() {
    return key;
  }

  /** The group's labels (empty for the SLO as a whole), the SLO's groupBy and group counts. */
  public Grouping grouping() {
    return grouping;
  }

  /** Top contributors to bad events, at most {@link Contributor#TOP} per window and key, most bad first. */
  public List<Contributor> topContributors() {
    return topContributors;
  }

  public SloSpec spec() {
    return spec;
  }

  public String name() {
    return spec.name();
  }

  /** The budgeting method and the calendar period, if any. */
  public BudgetPeriod period() {
    return period;
  }

  /** Where the budget's span ends: a calendar period's end, or now (the status's time) for a rolling window. */
  public Instant spanEnd() {
    return period.isCalendar() ? period.end() : asOf;
  }

  /** The SLO window as a label: {@code 30d}, or the calendar unit ({@code month}). */
  public String windowLabel() {
    return windowLabel;
  }

  /** Shortest first, one per window. */
  public List<SloWindow> windows() {
    return windows;
  }

  /** Good/total over the SLO window; null = no data. */
  public Double sli() {
    return sli;
  }

  /** 1 untouched, 0 spent, negative overspent; null = no data. */
  public Double budgetRemaining() {
    return budgetRemaining;
  }

  /** Quantile label to milliseconds, in label order; empty = no data. */
  public SortedMap<String, Double> latencyQuantiles() {
    return latencyQuantiles;
  }

  /** Requests per second over the threshold window; null = no data. */
  public Double throughputRps() {
    return throughputRps;
  }

  /** One per (alert name, severity), in the status's order. */
  public List<AlertStatus> alerts() {
    return alerts;
  }

  /** Severity to "any alert of it fires", severity-ordered. */
  public SortedMap<String, Boolean> firingBySeverity() {
    return firingBySeverity;
  }

  /** Late events applied, events refused, events excluded, and the excluded periods. */
  public EventAdmissions admissions() {
    return admissions;
  }

  public Instant asOf() {
    return asOf;
  }

  /** 0..100 ({@link HealthScore}); null = no data. */
  public Double healthScore() {
    return healthScore;
  }

  /** Oldest first; empty without budget or data. */
  public List<BurnDown.Point> burnDown() {
    return burnDown;
  }

  /** Seconds since {@link #asOf()}, never negative (a processor clock slightly ahead is not "from the future"). */
  public double ageSeconds(Instant now) {
    return Math.max(0, Duration.between(asOf, now).toMillis() / 1000.0);
  }

  /** Older than {@code staleAfter}: the processor stopped publishing it. */
  public boolean stale(Instant now, Duration staleAfter) {
    return Duration.between(asOf, now).compareTo(staleAfter) > 0;
  }

  @Override
  public String toString() {
    return "SloView{" + key + " as of " + asOf + "}";
  }
}
