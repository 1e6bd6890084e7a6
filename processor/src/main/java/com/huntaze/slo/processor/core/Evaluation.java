package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.SloDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One SLO evaluated at one instant. Every ratio is empty when its window has no events: no data is
 * never reported as 0 %, 100 % or NaN.
 *
 * @param sli good/total over the SLO window
 * @param budgetRemaining 1 - (bad/total) / (1 - objective): 1 untouched, 0 spent, negative overspent
 * @param latencyQuantiles quantile label (0.5, 0.95, 0.99) to milliseconds over the threshold window
 * @param throughputRps events per second over the last complete minute; empty until a minute
 *     with events has completed, then 0 when traffic stops (a dead service must show as one)
 * @param thresholdValue what {@code alerting.threshold} is compared with: the good ratio over the
 *     threshold window, or the throughput
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
    long lateEvents,
    List<AlertStatus> alerts) {

  public Optional<WindowResult> window(String label) {
    return windows.stream().filter(w -> w.window().label().equals(label)).findFirst();
  }

  /** State of one alert (by name and severity) after this evaluation. */
  public record AlertStatus(String alertName, String severity, boolean firing, long sinceMillis) {
  }
}
