package com.huntaze.slo.schemas.slo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * One validated SLO from slos.yaml.
 *
 * @param operation glob over the event's operation ({@code *} any run of characters, {@code ?} one);
 *     empty = every operation of the service
 * @param objective target ratio of good events, 0..1 (written in percent in slos.yaml); empty for
 *     a throughput SLO without one
 * @param window the rolling window budgets are computed over
 * @param exclusions periods the SLO does not count (the file's top-level ones and its own)
 * @param calendar the calendar period the budget covers; empty = the rolling {@code window}. For a
 *     calendar SLO {@code window} is the period's nominal length (burn-rate scaling, rolling windows)
 * @param budgeting how events become the SLI and budget (occurrences, timeslices, ratioTimeslices)
 * @param grouping what splits the SLO into group instances; no keys = one instance, the SLO itself
 * @param attribution what the top contributors to bad events are ranked by (default: operation)
 */
public record SloDefinition(
    String name,
    String service,
    Optional<String> operation,
    OptionalDouble objective,
    Duration window,
    Sli sli,
    Alerting alerting,
    List<Exclusion> exclusions,
    Optional<CalendarWindow> calendar,
    Budgeting budgeting,
    Grouping grouping,
    List<Dimension> attribution) {

  public SloDefinition {
    exclusions = List.copyOf(exclusions);
    attribution = List.copyOf(attribution);
  }

  /**
   * @param keys up to 3 dimensions; each distinct combination of their values is an SLO instance
   * @param maxGroups instances kept at most; events of further groups count in the group {@code _other}
   */
  public record Grouping(List<Dimension> keys, int maxGroups) {
    public static final Grouping NONE = new Grouping(List.of(), 1);

    public Grouping {
      keys = List.copyOf(keys);
    }

    public boolean isGrouped() {
      return !keys.isEmpty();
    }
  }

  /** A rolling-window SLO counting occurrences, not grouped, attributed by operation. */
  public SloDefinition(String name, String service, Optional<String> operation, OptionalDouble objective, Duration window,
                       Sli sli, Alerting alerting, List<Exclusion> exclusions) {
    this(name, service, operation, objective, window, sli, alerting, exclusions, Optional.empty(), new Budgeting.Occurrences(),
        Grouping.NONE, List.of(Dimension.operation()));
  }

  /** The window as people say it: {@code 30d}, or {@code month (Europe/Paris)}. */
  public String windowLabel() {
    return calendar.map(c -> c.unit().label() + " (" + c.timeZone().getId() + ")").orElse(Durations.format(window));
  }

  /** How far back the budget can reach: the window, or the longest period of the calendar unit. */
  public Duration longestBudgetSpan() {
    return calendar.map(c -> c.unit().longest()).orElse(window);
  }

  /**
   * @param burnRate the multiwindow policy, already scaled to the SLO window; empty = none
   * @param threshold the seed's simple alert: percent of good events (ratio SLIs) or requests per
   *     second (throughput) below which {@code SLOThreshold} fires; empty = none
   * @param thresholdWindow how far back the threshold is evaluated
   */
  public record Alerting(Optional<BurnRatePolicy> burnRate, OptionalDouble threshold, Duration thresholdWindow) {
  }

  /** Whether an event of this operation belongs to the SLO. */
  public boolean matchesOperation(String eventOperation) {
    return operation.isEmpty() || globPattern().matcher(eventOperation).matches();
  }

  /** The operation glob compiled to a regular expression. */
  public Pattern globPattern() {
    return operation.map(SloDefinition::compileGlob).orElse(ANY);
  }

  private static final Pattern ANY = Pattern.compile(".*", Pattern.DOTALL);

  static Pattern compileGlob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
