package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.SloDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * One SLO at work: which events it covers, their counts per window ({@link WindowCounts}), what
 * the counts mean against the objective ({@link Objective}), its alerts ({@link AlertPolicy}), its
 * late-data tally, and the persistence of all that ({@link StateSync}). Fixed in size whatever the
 * traffic.
 */
public final class SloState {
  private static final long MINUTE = 60_000;
  private static final double[] QUANTILES = {0.5, 0.95, 0.99};
  private static final String[] QUANTILE_LABELS = {"0.5", "0.95", "0.99"};

  /** What became of an event offered to an SLO. */
  public enum Admission { APPLIED, APPLIED_LATE, TOO_OLD, EXCLUDED }

  /** Excluded periods a status lists at most (the most recent): a daily window over a year would be 366. */
  static final int MAX_PERIODS_SHOWN = 50;

  private final Definition definition;
  private final SloDefinition slo;
  /** Empty for the SLO as a whole; a group instance's value of each groupBy key. */
  private final List<GroupValue> group;
  private final String instanceKey;
  private final Objective objective;
  private final int thresholdMinutes;
  private final WindowCounts counts;
  private final LateTally late = new LateTally();
  private final AlertPolicy alerts;
  private final StateSync sync;
  /** The SLO as a whole only: its bad events by operation and attributes. */
  private final Attribution attribution;
  /** A grouped SLO as a whole only: its group instances. */
  private final SloGroups groups;
  private final long[] sums = new long[2];

  /** The SLO as a whole. */
  public SloState(SloDefinition slo, EngineSettings settings) {
    this(Definition.of(slo), settings, List.of());
  }

  /**
   * A group instance of {@code whole}. What follows from the definition alone is the whole's: a
   * grouped SLO may have 100,000 instances, each holding only its own counts, tallies and alerts.
   */
  SloState(SloState whole, EngineSettings settings, List<GroupValue> group) {
    this(whole.definition, settings, group);
  }

  private SloState(Definition definition, EngineSettings settings, List<GroupValue> group) {
    this.definition = definition;
    this.slo = definition.slo;
    this.group = List.copyOf(group);
    this.instanceKey = GroupValue.instanceKey(slo.name(), group);
    this.objective = definition.objective;
    this.thresholdMinutes = (int) slo.alerting().thresholdWindow().toMinutes();
    this.counts = new WindowCounts(definition.windows.keptBuckets(), objective.isLatency() ? thresholdMinutes : 0, settings,
        definition.budget.oldestCoveredMinute(definition.windows));
    this.alerts = new AlertPolicy(slo, settings.alertResend(), objective.isRatio());
    boolean whole = group.isEmpty();
    this.attribution = whole ? new Attribution(slo.attribution(), slo.window(), settings) : null;
    this.groups = whole && slo.grouping().isGrouped() ? new SloGroups(this, settings) : null;
    this.sync = new StateSync(counts, late, alerts, attribution, groups);
  }

  /** What follows from an SLO's definition alone: made once per SLO, shared by its group instances. */
  private record Definition(SloDefinition slo, SloWindows windows, Objective objective, Pattern operationPattern,
                            ExclusionCalendar exclusions, SloBudget budget) {
    static Definition of(SloDefinition slo) {
      Objective objective = new Objective(slo);
      return new Definition(slo, new SloWindows(slo), objective, slo.operation().isPresent() ? slo.globPattern() : null,
          new ExclusionCalendar(slo.exclusions()), new SloBudget(slo, objective));
    }
  }

  /** The SLO's name, or for a group instance {@code name{label="value",...}}: its key on the status topic and in the store. */
  public String instanceKey() {
    return instanceKey;
  }

  public List<GroupValue> group() {
    return group;
  }

  /** The group instances of a grouped SLO as a whole; null otherwise. */
  SloGroups groups() {
    return groups;
  }

  public SloDefinition slo() {
    return slo;
  }

  public List<WindowSpec> windows() {
    return definition.windows.all();
  }

  WindowSpec sloWindow() {
    return definition.windows.sloWindow();
  }

  public StateSync persistence() {
    return sync;
  }

  /**
   * Whether it can take events a batch at a time ({@link EventBatch}): what it reads of an event
   * is then its time, status, latency and operation. Grouped SLOs and attribution by an attribute
   * read more, so they take events one at a time.
   */
  boolean batchable() {
    return groups == null && slo.attribution().stream().allMatch(com.huntaze.slo.schemas.slo.Dimension::isOperation);
  }

  // What SloRun applies a run of events to, exactly as record() would one at a time.
  ExclusionCalendar exclusions() {
    return definition.exclusions;
  }

  Objective objective() {
    return objective;
  }

  WindowCounts counts() {
    return counts;
  }

  LateTally lateTally() {
    return late;
  }

  Attribution attribution() {
    return attribution;
  }

  /** Whether the SLO keeps latency sketches (latency SLOs): only then does an event need its sketch bin. */
  public boolean keepsLatencies() {
    return objective.isLatency();
  }

  /** Whether the SLO covers events of this operation (the caller has matched the service). */
  public boolean matches(String operation) {
    return definition.operationPattern == null || definition.operationPattern.matcher(operation).matches();
  }

  /**
   * Applies an event to every window that still covers its time.
   *
   * @param eventBuckets the event's bucket at each resolution, by {@link Resolution#ordinal()}
   * @param nowBuckets the evaluation time's bucket at each resolution
   * @param latencyBin the event's latency-sketch bin ({@link LatencySketch#binOf}); read only when
   *     {@link #keepsLatencies()}
   * @param fields the event's operation and attributes, for groups and attribution; null = all values ""
   */
  public Admission record(long eventMillis, long[] eventBuckets, long[] nowBuckets, int status, double latencyMs,
                          int latencyBin, EventFields fields) {
    if (definition.exclusions.excludes(eventMillis)) {
      late.excluded();
      return Admission.EXCLUDED;
    }
    boolean good = objective.isGood(status, latencyMs);
    if (!counts.add(eventBuckets, nowBuckets, good, latencyBin)) {
      late.tooOld();
      return Admission.TOO_OLD;
    }
    if (attribution != null) { // the SLO as a whole
      EventFields known = fields == null ? NO_FIELDS : fields;
      attribution.add(known, eventBuckets, nowBuckets, !good);
      if (groups != null) { // same windows, same exclusions, same "now": the group admits what the whole admitted
        groups.record(known, eventMillis, nowBuckets, good, latencyBin);
      }
    }
    return late.applied(eventMillis) ? Admission.APPLIED_LATE : Admission.APPLIED;
  }

  /**
   * Tallies an event of a group instance that {@link GroupEvents} added to its counts ({@code
   * counted}) or found too old for them: the SLO as a whole admitted and judged it, with the same
   * windows, exclusions and "now", so the instance admits it too.
   */
  void admitted(long eventMillis, boolean counted) {
    if (counted) {
      late.applied(eventMillis);
    } else {
      late.tooOld(); // cannot happen while the instance keeps the whole's windows; counted rather than lost if it did
    }
  }

  private static final EventFields NO_FIELDS = EventFields.of("", Map.of());

  /** Applies an event as of {@code nowMillis} (tests and tools). */
  public Admission record(long eventMillis, long nowMillis, int status, double latencyMs) {
    return record(eventMillis, Resolution.bucketsOf(eventMillis), Resolution.bucketsOf(nowMillis), status, latencyMs,
        LatencySketch.binOf(latencyMs), null);
  }

  /** Applies an event that happens now (tests and tools). */
  public Admission record(long eventMillis, int status, double latencyMs) {
    return record(eventMillis, eventMillis, status, latencyMs);
  }

  /** Counts an event further ahead than the allowed clock skew: refused, never silently. */
  public void recordTooFarAhead() {
    late.tooFarAhead();
  }

  /**
   * Evaluates every window at {@code atMillis}, advances the alerts and adds those to publish
   * (transitions, and resends while firing) to {@code alertsOut}.
   */
  public Evaluation evaluate(long atMillis, List<AlertEvent> alertsOut) {
    return evaluate(atMillis, alertsOut, null);
  }

  /**
   * @param wholeTop for a group instance, the {@code top} line of its SLO as a whole (a group keeps
   *     no attribution of its own); null for the SLO as a whole, which names its own
   */
  Evaluation evaluate(long atMillis, List<AlertEvent> alertsOut, String wholeTop) {
    List<WindowResult> results = new ArrayList<>(windows().size());
    OptionalDouble dayBurn = OptionalDouble.empty();
    for (WindowSpec w : windows()) {
      counts.sum(w, atMillis, sums);
      WindowResult r = new WindowResult(w, sums[0], sums[1], objective.burnRate(sums[0], sums[1]));
      results.add(r);
      if (w.duration().equals(SloBudget.PROJECTION_WINDOW)) {
        dayBurn = r.burnRate();
      }
    }
    long minuteNow = Math.floorDiv(atMillis, MINUTE);
    BudgetReport spent = definition.budget.evaluate(counts, atMillis, dayBurn, group.isEmpty());
    Evaluation e = new Evaluation(slo, atMillis, List.copyOf(results), spent.sli(), spent.budgetRemaining(),
        latencyQuantiles(minuteNow), throughput(minuteNow), thresholdValue(minuteNow), late.snapshot(),
        excludedPeriods(atMillis), List.of(), spent, group,
        groups == null ? Evaluation.Groups.NONE : new Evaluation.Groups(groups.tracked(), groups.overflowed()),
        attribution == null ? List.of() : attribution.top(atMillis));
    alerts.update(e, wholeTop != null ? wholeTop : TopContributor.annotation(e), alertsOut);
    return e.withAlerts(alerts.statuses());
  }

  /**
   * Requests per second over the last complete minute: the current minute is still filling up, and
   * minutes before the service ever sent anything say nothing about it.
   */
  private OptionalDouble throughput(long minuteNow) {
    if (counts.completeMinutes(minuteNow) == 0) {
      return OptionalDouble.empty();
    }
    counts.sumMinutes(minuteNow - 1, 1, sums);
    return OptionalDouble.of(sums[1] / 60.0);
  }

  /** The good ratio over the threshold window, or for throughput the rate over its complete minutes. */
  private OptionalDouble thresholdValue(long minuteNow) {
    if (objective.isRatio()) {
      counts.sumMinutes(minuteNow, thresholdMinutes, sums);
      return sums[1] > 0 ? OptionalDouble.of(sums[0] / (double) sums[1]) : OptionalDouble.empty();
    }
    long complete = counts.completeMinutes(minuteNow);
    if (complete == 0) {
      return OptionalDouble.empty();
    }
    int judged = (int) Math.min(thresholdMinutes, complete);
    counts.sumMinutes(minuteNow - 1, judged, sums);
    return OptionalDouble.of(sums[1] / (judged * 60.0));
  }

  /** The excluded periods of the budget's span up to now (the latest {@link #MAX_PERIODS_SHOWN}), including one under way. */
  private List<com.huntaze.slo.schemas.slo.Exclusion.Interval> excludedPeriods(long atMillis) {
    List<com.huntaze.slo.schemas.slo.Exclusion.Interval> periods = definition.exclusions.intervals(definition.budget.spanStart(atMillis), atMillis + 1);
    return periods.size() <= MAX_PERIODS_SHOWN ? periods : List.copyOf(periods.subList(periods.size() - MAX_PERIODS_SHOWN, periods.size()));
  }

  private Map<String, Double> latencyQuantiles(long minuteNow) {
    if (!objective.isLatency()) {
      return Map.of();
    }
    LatencySketch merged = counts.latencies(minuteNow, thresholdMinutes);
    if (merged.isEmpty()) {
      return Map.of();
    }
    Map<String, Double> quantiles = new LinkedHashMap<>();
    for (int i = 0; i < QUANTILES.length; i++) {
      quantiles.put(QUANTILE_LABELS[i], merged.quantile(QUANTILES[i]));
    }
    return quantiles;
  }
}
