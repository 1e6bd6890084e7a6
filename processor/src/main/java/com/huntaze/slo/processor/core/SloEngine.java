package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.SloDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLOs of one slice of services (one Kafka partition's worth): admits each event by its time,
 * hands it to every SLO of its service whose operation matches, and evaluates them all.
 */
public final class SloEngine {
  /** Distinct operations remembered per service for matching; beyond it globs are matched each time. */
  private static final int MATCH_CACHE_LIMIT = 10_000;
  private static final SloState[] NONE = new SloState[0];

  public enum Outcome { APPLIED, LATE, TOO_FAR_AHEAD, NO_SLO }

  private final EngineSettings settings;
  private final Map<String, SloState> byName = new LinkedHashMap<>();
  private final Map<String, List<SloState>> byService = new HashMap<>();
  private final Map<String, Map<String, SloState[]>> matchCache = new HashMap<>();

  public SloEngine(List<SloDefinition> slos, EngineSettings settings) {
    this.settings = settings;
    for (SloDefinition slo : slos) {
      SloState state = new SloState(slo, settings);
      byName.put(slo.name(), state);
      byService.computeIfAbsent(slo.service(), s -> new ArrayList<>()).add(state);
    }
  }

  public EngineSettings settings() {
    return settings;
  }

  public Map<String, SloState> states() {
    return byName;
  }

  /**
   * Applies one event.
   *
   * @param streamMillis the highest record time seen so far on this event's partition (events more
   *     than the grace behind it are late)
   * @param recordMillis the Kafka record's timestamp (event times further ahead of it than the
   *     allowed skew are rejected)
   */
  public Outcome apply(String service, String operation, int status, double latencyMs,
                       long eventMillis, long streamMillis, long recordMillis) {
    SloState[] matching = matching(service, operation);
    if (matching.length == 0) {
      return Outcome.NO_SLO;
    }
    Outcome outcome = Outcome.APPLIED;
    if (eventMillis < streamMillis - settings.grace().toMillis()) {
      outcome = Outcome.LATE;
    } else if (eventMillis > recordMillis + settings.maxFuture().toMillis()) {
      outcome = Outcome.TOO_FAR_AHEAD;
    }
    for (SloState state : matching) {
      if (outcome == Outcome.APPLIED) {
        state.record(eventMillis, status, latencyMs);
      } else {
        state.recordRejected();
      }
    }
    return outcome;
  }

  private SloState[] matching(String service, String operation) {
    List<SloState> candidates = byService.get(service);
    if (candidates == null) {
      return NONE;
    }
    Map<String, SloState[]> cache = matchCache.computeIfAbsent(service, s -> new HashMap<>());
    SloState[] cached = cache.get(operation);
    if (cached != null) {
      return cached;
    }
    SloState[] found = candidates.stream().filter(s -> s.matches(operation)).toArray(SloState[]::new);
    if (cache.size() < MATCH_CACHE_LIMIT) {
      cache.put(operation, found);
    }
    return found;
  }

  /** Evaluates every SLO at {@code atMillis}; alerts to publish are added to {@code alertsOut}. */
  public List<Evaluation> evaluate(long atMillis, List<AlertEvent> alertsOut) {
    List<Evaluation> out = new ArrayList<>(byName.size());
    for (SloState state : byName.values()) {
      out.add(state.evaluate(atMillis, alertsOut));
    }
    return out;
  }
}
