package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.InstanceKeys;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLOs of one slice of services (one Kafka partition's worth): hands each event to every SLO
 * of its service whose operation matches, and evaluates them all.
 *
 * <p>Admission by time: an event counts in every window that still covers it, however late it
 * arrives. Only two kinds are refused (counted per SLO, never silently): one older than every
 * window its SLO keeps, measured from the evaluation time ("now"), and one further ahead than the
 * allowed clock skew, of its record's timestamp or of now (its bucket could otherwise push out
 * buckets still in use).
 *
 * <p>Services and operations are looked up by their UTF-8 bytes, so the hot path decodes no
 * strings; each service remembers which of its SLOs match each operation it has seen.
 */
public final class SloEngine {
  /** What {@link Service#operation} answers for an operation the event contract refuses (its SLOs never see it). */
  public static final Operation INVALID_OPERATION = Service.INVALID_OPERATION;

  /**
   * What became of an event: applied (on time or late), refused (too old, too far ahead), or no
   * SLO covers it. DEFERRED: held in an {@link EventBatch}; what became of it shows in the SLOs' tallies.
   */
  public enum Outcome { APPLIED, LATE, EXCLUDED, TOO_OLD, TOO_FAR_AHEAD, NO_SLO, DEFERRED }

  private final EngineSettings settings;
  private final Map<String, SloState> byName = new LinkedHashMap<>();
  private final ByteKeyMap<Service> services = new ByteKeyMap<>();
  private final long[] eventBuckets = new long[Resolution.VALUES.length];
  private final long[] nowBuckets = new long[Resolution.VALUES.length];
  /** The minute {@link #nowBuckets} was filled for: coarser buckets change only at minute boundaries. */
  private long nowMinute = Long.MIN_VALUE;
  /** The hour idle groups were last retired in: see {@link SloGroups}. */
  private long retiredHour = Long.MIN_VALUE;
  private final List<SloGroups> grouped = new ArrayList<>();
  /** Statuses to remove: groups retired, and instances whose stored state no SLO takes any more (each once). */
  private final java.util.Set<String> retiredKeys = new java.util.LinkedHashSet<>();
  /** Events held for the SLOs that take them in batches; null when the settings ask for none. */
  private final EventBatch batch;

  public SloEngine(List<SloDefinition> slos, EngineSettings settings) {
    this.settings = settings;
    Map<String, List<SloState>> byService = new LinkedHashMap<>();
    Map<SloState, Integer> batched = new java.util.IdentityHashMap<>(); // an SLO's list in the batch
    for (SloDefinition slo : slos) {
      SloState state = new SloState(slo, settings);
      byName.put(slo.name(), state);
      if (state.groups() != null) {
        grouped.add(state.groups());
      }
      if (settings.eventBatches() && state.batchable()) {
        batched.put(state, batched.size());
      }
      byService.computeIfAbsent(slo.service(), s -> new ArrayList<>()).add(state);
    }
    SloState[] inBatch = new SloState[batched.size()];
    batched.forEach((state, index) -> inBatch[index] = state);
    this.batch = batched.isEmpty() ? null : new EventBatch(inBatch);
    byService.forEach((name, states) -> services.put(name.getBytes(StandardCharsets.UTF_8),
        new Service(name, states.toArray(SloState[]::new), batched)));
  }

  /** Hands the events held in a batch to their SLOs, and those held for group instances to theirs: before anything reads the SLOs' state. */
  public void flush() {
    flushBatch();
    for (SloGroups g : grouped) {
      g.flush();
    }
  }

  private void flushBatch() {
    if (batch != null) {
      batch.flush();
    }
  }

  public EngineSettings settings() {
    return settings;
  }

  /** The SLOs as a whole, by name. */
  public Map<String, SloState> states() {
    flush();
    return byName;
  }

  /** Every instance: each SLO as a whole, then the group instances of grouped SLOs. */
  public List<SloState> instances() {
    flush();
    List<SloState> all = new ArrayList<>(byName.values());
    for (SloGroups g : grouped) {
      g.instances().forEach(all::add);
    }
    return all;
  }

  /**
   * The instance a stored record belongs to, by its instance key: an SLO as a whole, or a group
   * instance made again for it. Null when the SLO is no longer defined, no longer grouped the same
   * way, or already keeps {@code maxGroups} groups: its records are then deleted, and its status
   * is removed with the retired groups' ({@link #takeRetiredKeys}), so it leaves the exporter too.
   */
  public SloState restoring(String instanceKey) {
    SloState state = instanceFor(instanceKey);
    if (state == null) {
      retiredKeys.add(instanceKey);
    }
    return state;
  }

  private SloState instanceFor(String instanceKey) {
    SloState whole = byName.get(InstanceKeys.sloName(instanceKey));
    if (whole == null || whole.instanceKey().equals(instanceKey)) {
      return whole;
    }
    SloGroups groups = whole.groups();
    List<String> values = InstanceKeys.values(instanceKey);
    if (groups == null || values.size() != whole.slo().grouping().keys().size()) {
      return null;
    }
    List<GroupValue> group = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      var key = whole.slo().grouping().keys().get(i);
      group.add(new GroupValue(key.label(), key.source(), values.get(i)));
    }
    SloState state = groups.restoring(group);
    return state != null && state.instanceKey().equals(instanceKey) ? state : null;
  }

  /**
   * Retires idle groups once per hour of "now" (both paths call it with their now), judged as of the
   * hour's start: an engine that first sees the hour late (restored mid-hour after a crash or a
   * rebalance, a replay whose stream time jumps) retires the same groups as one that saw it begin.
   */
  private void retireIdleGroups(long nowMillis) {
    long hour = Math.floorDiv(nowMillis, Resolution.HOUR.bucketMillis());
    if (hour != retiredHour) {
      retiredHour = hour;
      for (SloGroups g : grouped) {
        retiredKeys.addAll(g.retireIdle(hour * Resolution.HOUR.bucketMillis()));
      }
    }
  }

  /** Instance keys retired since the last call (groups, and state no SLO takes): their statuses are to be removed (tombstones). */
  public List<String> takeRetiredKeys() {
    List<String> out = List.copyOf(retiredKeys);
    retiredKeys.clear();
    return out;
  }

  /** Whether tombstones are still to be handed out ({@link #takeRetiredKeys}): stored state must not be deleted before. */
  public boolean tombstonesPending() {
    return !retiredKeys.isEmpty();
  }

  /**
   * Retired group instances whose stored state is still to be deleted; none while their tombstones
   * are pending. A task closed in between (a rebalance, a stop) commits its store: a deletion
   * committed without its tombstone would leave the status on the topic for good, since the next
   * owner no longer knows the group. Kept, the state is restored and retired again there.
   */
  public List<SloState> takeRetiredStates() {
    List<SloState> out = new ArrayList<>();
    if (tombstonesPending()) {
      return out;
    }
    for (SloGroups g : grouped) {
      out.addAll(g.takeRetired());
    }
    return out;
  }

  /** A service with SLOs here, by the UTF-8 bytes of its name; null when it has none. */
  public Service service(byte[] buffer, int offset, int length) {
    return services.get(buffer, offset, length);
  }

  public Service service(String name) {
    return services.get(name.getBytes(StandardCharsets.UTF_8));
  }

  /** Applies one event given as strings (tests, and records in older schema versions). */
  public Outcome apply(String service, String operation, int status, double latencyMs,
                       long eventMillis, long nowMillis, long recordMillis) {
    return apply(service, operation, Map.of(), status, latencyMs, eventMillis, nowMillis, recordMillis);
  }

  /** Applies one event with attributes given as strings. */
  public Outcome apply(String service, String operation, Map<String, String> attributes, int status, double latencyMs,
                       long eventMillis, long nowMillis, long recordMillis) {
    Service s = service(service);
    return s == null ? Outcome.NO_SLO
        : apply(s.operation(operation), status, latencyMs, eventMillis, nowMillis, recordMillis, EventFields.of(operation, attributes));
  }

  /**
   * Applies one event to the SLOs it matches.
   *
   * @param nowMillis the evaluation time: the wall clock in the live processor, the stream time in a replay
   * @param recordMillis the Kafka record's timestamp
   * @param fields the event's operation and attributes, for groups and attribution
   * @return the event's outcome; when the SLOs it matches disagree (one keeps 30 days, another a
   *     day), the best of theirs
   */
  public Outcome apply(Operation operation, int status, double latencyMs, long eventMillis, long nowMillis, long recordMillis,
                       EventFields fields) {
    SloState[] matching = operation.slos;
    if (matching.length == 0) {
      return Outcome.NO_SLO;
    }
    long skew = settings.maxFuture().toMillis();
    if (eventMillis > recordMillis + skew || eventMillis > nowMillis + skew) {
      for (SloState state : matching) {
        state.recordTooFarAhead();
      }
      return Outcome.TOO_FAR_AHEAD;
    }
    long minute = Math.floorDiv(nowMillis, Resolution.MINUTE.bucketMillis());
    if (minute != nowMinute) {
      Resolution.fillBuckets(nowMillis, nowBuckets);
      nowMinute = minute;
      if (batch != null) {
        batch.moveNow(nowBuckets); // events held keep the "now" they were admitted against, as group events do
      }
      retireIdleGroups(nowMillis);
    }
    int latencyBin = 0;
    boolean binned = false; // the bin costs a logarithm: only for events a latency SLO covers, once
    Outcome outcome = Outcome.DEFERRED;
    if (operation.batched.length > 0) {
      if (operation.binned) {
        latencyBin = LatencySketch.binOf(latencyMs);
        binned = true;
      }
      if (batch.add(operation, eventMillis, status, latencyMs, latencyBin)) {
        batch.flush();
      }
    }
    if (operation.direct.length == 0) {
      return outcome;
    }
    Resolution.fillBuckets(eventMillis, eventBuckets);
    for (SloState state : operation.direct) {
      if (!binned && state.keepsLatencies()) {
        latencyBin = LatencySketch.binOf(latencyMs);
        binned = true;
      }
      Outcome o = switch (state.record(eventMillis, eventBuckets, nowBuckets, status, latencyMs, latencyBin, fields)) {
        case APPLIED -> Outcome.APPLIED;
        case APPLIED_LATE -> Outcome.LATE;
        case TOO_OLD -> Outcome.TOO_OLD;
        case EXCLUDED -> Outcome.EXCLUDED;
      };
      if (o.ordinal() < outcome.ordinal()) {
        outcome = o; // the best of the SLOs' answers, in the enum's order
      }
    }
    return outcome;
  }

  /** Evaluates every SLO at {@code atMillis}; alerts to publish are added to {@code alertsOut}. */
  public List<Evaluation> evaluate(long atMillis, List<AlertEvent> alertsOut) {
    flush();
    retireIdleGroups(atMillis);
    List<Evaluation> out = new ArrayList<>();
    for (SloState whole : byName.values()) {
      Evaluation e = whole.evaluate(atMillis, alertsOut);
      out.add(e);
      if (whole.groups() != null) {
        String top = TopContributor.ofWholeSlo(TopContributor.annotation(e)); // a group's alert names what burns its SLO's budget
        for (SloState group : whole.groups().instances()) {
          out.add(group.evaluate(atMillis, alertsOut, top));
        }
      }
    }
    return out;
  }
}
