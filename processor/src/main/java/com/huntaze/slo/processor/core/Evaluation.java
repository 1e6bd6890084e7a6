package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Exclusion;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One SLO evaluated at one instant. Every ratio is empty when its window has no events: no data is
 * never reported as 0 %, 100 % or NaN.
 *
 * @param windows every window of the SLO, shortest first
 * @param sli good/total over the SLO window
 * @param budgetRemaining 1 - (bad/total) / (1 - objective): 1 untouched, 0 spent, negative overspent
 * @param latencyQuantiles quantile label (0.5, 0.95, 0.99) to milliseconds over the threshold window
 * @param throughputRps events per second over the last complete minute; empty until a minute
 *     with events has completed, then 0 when traffic stops (a dead service must show as one)
 * @param thresholdValue what {@code alerting.threshold} is compared with: the good ratio over the
 *     threshold window, or the throughput
 * @param late late events applied, events refused and events excluded so far
 * @param excludedPeriods the excluded periods of the SLO window up to now, oldest first
 * @param group empty for the SLO as a whole; a group instance's value of each groupBy key
 * @param groups for a grouped SLO as a whole, how many groups it keeps and how many overflowed
 * @param contributors for the SLO as a whole, the top contributors to bad events per window and key
 * @param budget the span, method and burn-down behind {@code sli} and {@code budgetRemaining}
 */
public record Evaluation(
    SloDefinition slo,
    long atMillis,
    List<WindowResult> windows,
    OptionalDouble sli,
    OptionalDouble budgetRemaining,
    Map<String, Double> latencyQuantiles,
    OptionalDouble throughputRps,
    OptionalDouble thresholdValue,
    LateData late,
    List<Exclusion.Interval> excludedPeriods,
    List<AlertStatus> alerts,
    BudgetReport budget,
    List<GroupValue> group,
    Groups groups,
    List<Contributor> contributors) {

  /** The group instances of a grouped SLO: kept, and distinct groups counted in {@code _other}. */
  public record Groups(long tracked, long overflowed) {
    public static final Groups NONE = new Groups(0, 0);
  }

  /** The SLO's name, or the group instance's {@code name{label="value",...}}. */
  public String instanceKey() {
    return GroupValue.instanceKey(slo.name(), group);
  }

  /** Whether the evaluation time lies in an excluded period: the SLO's alerts hold their fire. */
  public boolean excludedNow() {
    return !excludedPeriods.isEmpty() && excludedPeriods.get(excludedPeriods.size() - 1).covers(atMillis);
  }

  /** The window of this length, if the SLO evaluates one. */
  public Optional<WindowResult> window(Duration length) {
    for (WindowResult w : windows) {
      if (w.window().duration().equals(length)) {
        return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  Evaluation withAlerts(List<AlertStatus> states) {
    return new Evaluation(slo, atMillis, windows, sli, budgetRemaining, latencyQuantiles, throughputRps, thresholdValue, late,
        excludedPeriods, states, budget, group, groups, contributors);
  }

  /** State of one alert (by name and severity) after this evaluation. */
  public record AlertStatus(String alertName, String severity, boolean firing, long sinceMillis) {
  }
}
