package com.huntaze.slo.exporter.alerting;

import com.huntaze.slo.avro.AlertState;
import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.schemas.slo.InstanceKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts the exporter owes Alertmanager, per target. No I/O: a dispatcher asks what is
 * {@link #due due}, sends it, and reports {@link #delivered} or {@link #failed}; every decision (lease
 * renewal, resend, retry backoff, when a resolved alert may be forgotten) is made here, against the
 * clock the caller passes in.
 *
 * <p>Nothing is dropped silently: a resolved alert stays until every target took it; a firing one
 * until it resolves or its source falls silent (then it is no longer renewed and Alertmanager lets
 * the lease run out, counted in {@link TargetStats#expired}). Memory is bounded by the number of
 * distinct alerts (one entry per label set), not by the number of records.
 */
public final class AlertBook {
  private static final Logger LOG = LoggerFactory.getLogger(AlertBook.class);

  private final AlertSettings settings;
  private final List<String> targets;
  private final Map<AlertKey, Entry> entries = new TreeMap<>();
  private final Map<String, TargetState> targetStates = new LinkedHashMap<>();
  private long expired;

  public AlertBook(AlertSettings settings, List<String> targets) {
    this.settings = Objects.requireNonNull(settings);
    this.targets = List.copyOf(targets);
    for (String t : this.targets) {
      targetStates.put(t, new TargetState());
    }
  }

  /** One alert to send in a batch: the record, its version at the time, and the endsAt to send. */
  public record Outgoing(AlertKey key, long version, SloAlert alert, Instant endsAt) {
    public boolean firing() {
      return isFiring(alert);
    }
  }

  public record Batch(String target, List<Outgoing> alerts) {
    public boolean isEmpty() {
      return alerts.isEmpty();
    }
  }

  /** What the exporter's own metrics and status page show per Alertmanager. */
  public record TargetStats(String target, int pending, int consecutiveFailures, boolean up, long requestsOk,
                            long requestsFailed, long alertsSent, long expired, Instant lastSuccess, String lastError) {
  }

  /** Takes a record from {@code slo.alerts}. An older record than the one held (by emittedAt) is ignored. */
  public synchronized void accept(SloAlert alert, Instant now) {
    AlertKey key = AlertKey.of(alert);
    Entry e = entries.get(key);
    if (e != null && alert.getEmittedAt().isBefore(e.latest.getEmittedAt())) {
      LOG.debug("ignoring {} emitted at {}: already hold one emitted at {}", key, alert.getEmittedAt(),
          e.latest.getEmittedAt());
      return;
    }
    boolean wasFiring = e != null && isFiring(e.latest);
    if (e == null) {
      e = new Entry();
      entries.put(key, e);
    } else if (wasFiring && isFiring(alert)) {
      e.resendGap = Duration.between(e.receivedAt, now); // how often its source sends it again
    }
    e.latest = alert;
    e.version++;
    e.firingSince = wasFiring ? e.firingSince : e.version;
    e.receivedAt = now;
    e.expiredLogged = false;
    if (targets.isEmpty() && !isFiring(alert)) {
      entries.remove(key); // no Alertmanager to tell: a resolved alert is done
    }
  }

  /**
   * A status tombstone at {@code removedAt}: the instance is gone (a group retired, an SLO removed), so its alerts
   * emitted up to then are resolved now, not renewed until they fall silent; a later one (the group came back)
   * stays, also when an old tombstone is read after it at start. An SLO's tombstone takes its groups' alerts too.
   * Returns a line per alert resolved, for the log.
   */
  public synchronized List<String> instanceRemoved(String instanceKey, Instant removedAt, Instant now) {
    String slo = InstanceKeys.sloName(instanceKey);
    Map<String, String> group = InstanceKeys.labels(instanceKey);
    return entries.values().stream() // toList: every one resolved now, in order
        .filter(e -> isFiring(e.latest) && !e.latest.getEmittedAt().isAfter(removedAt) && e.latest.getSlo().equals(slo)
            && (group.isEmpty() || group.equals(e.latest.getGroupLabels())))
        .map(e -> resolve(e, now, now, "its SLO instance " + instanceKey + " is gone")).toList();
  }

  /**
   * A status newer than a firing alert's record that says it is not firing resolves it at its {@code
   * asOf}: after a hand-over to a new application id, no resolved record comes for the old one's
   * alerts. Only once their source missed two resends: while both run, it must not flap. Returns a line per alert resolved.
   */
  public synchronized List<String> statusSeen(String instanceKey, SloStatus status, Instant now) {
    if (entries.isEmpty() || status == null || status.getAsOf() == null || status.getAlerts() == null) {
      return List.of();
    }
    List<String> resolved = new ArrayList<>();
    String slo = InstanceKeys.sloName(instanceKey);
    TreeMap<String, String> group = new TreeMap<>(InstanceKeys.labels(instanceKey));
    Instant asOf = status.getAsOf();
    for (AlertState s : status.getAlerts()) {
      Entry e = s.getFiring() ? null : entries.get(new AlertKey(s.getAlertName(), slo, status.getService(), s.getSeverity(), group));
      if (e == null || !isFiring(e.latest) || !asOf.isAfter(e.latest.getEmittedAt()) || !sourceQuiet(e, now)) {
        continue;
      }
      resolved.add(resolve(e, asOf, now, "the status of " + instanceKey + " as of " + asOf + " says it is not firing"));
    }
    return resolved;
  }

  private static String resolve(Entry e, Instant at, Instant now, String why) {
    SloAlert a = e.latest;
    e.latest = SloAlert.newBuilder(a).setState("resolved").setEndsAt(at).setEmittedAt(at).build();
    e.version++;
    e.receivedAt = now;
    return AlertKey.of(a) + " resolved: " + why;
  }

  /** The alerts to send to {@code target} now: nothing while its retry backoff runs. */
  public synchronized Batch due(String target, Instant now) {
    TargetState ts = state(target);
    if (ts.nextAttemptAt != null && now.isBefore(ts.nextAttemptAt)) {
      return new Batch(target, List.of());
    }
    // Pages first: the shipped inhibit rule holds back a ticket while a page of its alert and SLO fires, but only once
    // Alertmanager holds the page; a ticket sent with it (after a restart, both at once with their old startsAt, which
    // Alertmanager notifies at once) reaches Slack. So it waits a round. Keys sort pages before tickets of an alert and SLO.
    List<String> pageOnItsWay = null;
    List<Outgoing> out = new ArrayList<>();
    for (Map.Entry<AlertKey, Entry> me : entries.entrySet()) {
      Entry e = me.getValue();
      Sent sent = e.sent.get(target);
      List<String> alertOfSlo = List.of(e.latest.getAlertName(), e.latest.getSlo());
      if (isFiring(e.latest) && "page".equals(e.latest.getSeverity()) && (sent == null || sent.version < e.firingSince)) {
        pageOnItsWay = alertOfSlo;
      }
      boolean heldForPage = isFiring(e.latest) && "ticket".equals(e.latest.getSeverity()) && alertOfSlo.equals(pageOnItsWay);
      if (!heldForPage && needsSend(e, target, now)) {
        out.add(new Outgoing(me.getKey(), e.version, e.latest, endsAt(e.latest, now)));
      }
    }
    return new Batch(target, List.copyOf(out));
  }

  /** Records a successful delivery of {@code batch}; resolved alerts every target has are forgotten. */
  public synchronized void delivered(Batch batch, Instant now) {
    TargetState ts = state(batch.target());
    ts.consecutiveFailures = 0;
    ts.nextAttemptAt = null;
    ts.requestsOk++;
    ts.lastSuccess = now;
    ts.alertsSent += batch.alerts().size();
    for (Outgoing o : batch.alerts()) {
      Entry e = entries.get(o.key());
      if (e != null) {
        e.sent.put(batch.target(), new Sent(o.version(), now));
      }
    }
    entries.values().removeIf(e -> !isFiring(e.latest) && targets.stream().allMatch(t -> hasLatest(e, t)));
  }

  /** Records a failed request to {@code target}; returns how long until it is tried again. */
  public synchronized Duration failed(String target, Instant now, String error) {
    TargetState ts = state(target);
    ts.consecutiveFailures++;
    ts.requestsFailed++;
    ts.lastError = error;
    Duration backoff = settings.backoffAfter(ts.consecutiveFailures);
    ts.nextAttemptAt = now.plus(backoff);
    return backoff;
  }

  public synchronized List<TargetStats> stats(Instant now) {
    List<TargetStats> out = new ArrayList<>();
    for (Map.Entry<String, TargetState> me : targetStates.entrySet()) {
      TargetState ts = me.getValue();
      int pending = (int) entries.values().stream().filter(e -> needsSend(e, me.getKey(), now)).count();
      out.add(new TargetStats(me.getKey(), pending, ts.consecutiveFailures, ts.consecutiveFailures == 0,
          ts.requestsOk, ts.requestsFailed, ts.alertsSent, expired, ts.lastSuccess, ts.lastError));
    }
    return out;
  }

  public synchronized int consecutiveFailures(String target) {
    return state(target).consecutiveFailures;
  }

  /** Firing alerts held (renewed or not). */
  public synchronized int activeCount() {
    return (int) entries.values().stream().filter(e -> isFiring(e.latest)).count();
  }

  public synchronized long expiredCount() {
    return expired;
  }

  public synchronized List<AlertView> alerts(Instant now) {
    List<AlertView> out = new ArrayList<>();
    entries.forEach((key, e) -> out.add(new AlertView(key, e.latest, isFiring(e.latest), !silent(e, now),
        (int) targets.stream().filter(t -> hasLatest(e, t)).count())));
    return out;
  }

  public List<String> targets() {
    return targets;
  }

  /** Whether {@code target} got the alert's latest version. */
  private static boolean hasLatest(Entry e, String target) {
    Sent s = e.sent.get(target);
    return s != null && s.version == e.version;
  }

  private boolean needsSend(Entry e, String target, Instant now) {
    if (!isFiring(e.latest)) {
      return !hasLatest(e, target);
    }
    if (silent(e, now)) {
      if (!e.expiredLogged) {
        e.expiredLogged = true;
        expired++;
        LOG.warn("alert {} has had no record from the processor for {}: no longer renewing its lease; "
            + "Alertmanager resolves it when the lease runs out", AlertKey.of(e.latest), settings.maxSilence());
      }
      return false;
    }
    Sent sent = e.sent.get(target);
    return !hasLatest(e, target) || !now.isBefore(sent.at.plus(settings.resendInterval()));
  }

  /** No record for two resends: the exporter's interval, or the source's own when longer (the processor's --alert-resend). */
  private boolean sourceQuiet(Entry e, Instant now) {
    Duration resend = e.resendGap.compareTo(settings.resendInterval()) > 0 ? e.resendGap : settings.resendInterval();
    return !now.isBefore(e.receivedAt.plus(resend.multipliedBy(2)));
  }

  private boolean silent(Entry e, Instant now) {
    return isFiring(e.latest) && now.isAfter(e.receivedAt.plus(settings.maxSilence()));
  }

  private Instant endsAt(SloAlert alert, Instant now) {
    if (isFiring(alert)) {
      return now.plus(settings.lease());
    }
    return alert.getEndsAt() != null ? alert.getEndsAt() : alert.getEmittedAt();
  }

  static boolean isFiring(SloAlert alert) {
    return !"resolved".equals(alert.getState());
  }

  private TargetState state(String target) {
    TargetState ts = targetStates.get(target);
    if (ts == null) {
      throw new IllegalArgumentException("unknown Alertmanager " + target + "; known: " + targets);
    }
    return ts;
  }

  private static final class Entry {
    SloAlert latest;
    long version;
    /** The version with which its current firing began. */
    long firingSince;
    Instant receivedAt;
    /** The last gap between two firing records of it: its source's resend interval. */
    Duration resendGap = Duration.ZERO;
    boolean expiredLogged;
    final Map<String, Sent> sent = new HashMap<>();
  }

  private record Sent(long version, Instant at) {
  }

  private static final class TargetState {
    int consecutiveFailures;
    Instant nextAttemptAt;
    Instant lastSuccess;
    String lastError;
    long requestsOk, requestsFailed, alertsSent;
  }
}
