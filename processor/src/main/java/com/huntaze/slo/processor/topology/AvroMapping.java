package com.huntaze.slo.processor.topology;

import com.huntaze.slo.avro.AlertState;
import com.huntaze.slo.avro.BudgetPoint;
import com.huntaze.slo.avro.ExcludedPeriod;
import com.huntaze.slo.avro.GroupLabel;
import com.huntaze.slo.schemas.slo.Dimension;
import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import com.huntaze.slo.processor.core.AlertEvent;
import com.huntaze.slo.processor.core.Evaluation;
import com.huntaze.slo.processor.core.WindowResult;
import com.huntaze.slo.schemas.slo.Sli;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Instant;
import java.util.OptionalDouble;

/** Core results to the wire records (the public contract in the schemas module). */
public final class AvroMapping {
  private AvroMapping() {
  }

  public static SloStatus status(Evaluation e) {
    SloDefinition slo = e.slo();
    return SloStatus.newBuilder()
        .setName(slo.name())
        .setService(slo.service())
        .setOperation(slo.operation().orElse(null))
        .setSliKind(slo.sli().kind())
        .setObjective(slo.objective().orElse(0))
        .setWindowSeconds(slo.window().toSeconds())
        .setLatencyThresholdMs(slo.sli() instanceof Sli.Latency l ? l.thresholdMs() : null)
        .setMinRps(slo.sli() instanceof Sli.Throughput t ? t.minRps() : null)
        .setWindows(e.windows().stream().map(AvroMapping::window).toList())
        .setSli(boxed(e.sli()))
        .setBudgetRemaining(boxed(e.budgetRemaining()))
        .setLatencyQuantiles(e.latencyQuantiles())
        .setThroughputRps(boxed(e.throughputRps()))
        .setAlerts(e.alerts().stream().map(a -> new AlertState(a.alertName(), a.severity(), a.firing(),
            a.firing() ? Instant.ofEpochMilli(a.sinceMillis()) : null)).toList())
        .setLateEventsDropped(e.late().rejected())
        .setLateEventsApplied(e.late().appliedLate())
        .setLastLatenessMs(e.late().appliedLate() > 0 ? e.late().lastLatenessMillis() : null)
        .setRejectedTooOld(e.late().rejectedTooOld())
        .setRejectedTooFarAhead(e.late().rejectedTooFarAhead())
        .setExcludedEvents(e.late().excluded())
        .setExcludedPeriods(e.excludedPeriods().stream().map(p -> new ExcludedPeriod(Instant.ofEpochMilli(p.fromMillis()),
            Instant.ofEpochMilli(p.toMillis()), p.reason())).toList())
        .setAsOf(Instant.ofEpochMilli(e.atMillis()))
        .setGroup(e.group().stream().map(g -> new GroupLabel(g.label(), g.source(), g.value())).toList())
        .setGroupBy(slo.grouping().keys().stream().map(Dimension::source).toList())
        .setGroupsTracked(e.groups().tracked())
        .setGroupsOverflowed(e.groups().overflowed())
        .setTopContributors(e.contributors().stream().map(c -> new com.huntaze.slo.avro.Contributor(c.window(), c.key(),
            c.value(), c.bad(), c.total(), c.windowBad(), c.maxUndercount())).toList())
        .setBudgeting(e.budget().budgeting())
        .setCalendar(slo.calendar().map(c -> c.unit().label()).orElse(null))
        .setTimeZone(slo.calendar().map(c -> c.timeZone().getId()).orElse(null))
        .setPeriodStart(e.budget().calendar() ? Instant.ofEpochMilli(e.budget().spanStartMillis()) : null)
        .setPeriodEnd(e.budget().calendar() ? Instant.ofEpochMilli(e.budget().periodEndMillis()) : null)
        .setPeriodElapsed(boxed(e.budget().elapsed()))
        .setBudgetProjected(boxed(e.budget().projected()))
        .setBurnDown(e.budget().burnDown().stream().map(p -> new BudgetPoint(Instant.ofEpochMilli(p.atMillis()), p.remaining())).toList())
        .build();
  }

  private static WindowStats window(WindowResult w) {
    return new WindowStats(w.window().label(), w.window().duration().toSeconds(), w.good(), w.total(), boxed(w.burnRate()));
  }

  public static SloAlert alert(AlertEvent a) {
    return SloAlert.newBuilder()
        .setAlertName(a.alertName())
        .setSlo(a.slo())
        .setService(a.service())
        .setSeverity(a.severity())
        .setState(a.firing() ? "firing" : "resolved")
        .setLongWindow(a.longWindow())
        .setShortWindow(a.shortWindow())
        .setLongBurnRate(boxed(a.longBurnRate()))
        .setShortBurnRate(boxed(a.shortBurnRate()))
        .setFactor(boxed(a.factor()))
        .setValue(boxed(a.value()))
        .setThreshold(boxed(a.threshold()))
        .setBudgetRemaining(boxed(a.budgetRemaining()))
        .setSummary(a.summary())
        .setStartsAt(Instant.ofEpochMilli(a.startsAtMillis()))
        .setEndsAt(a.endsAtMillis().isPresent() ? Instant.ofEpochMilli(a.endsAtMillis().getAsLong()) : null)
        .setEmittedAt(Instant.ofEpochMilli(a.emittedAtMillis()))
        .setGroupLabels(a.groupLabels())
        .setTopContributor(a.topContributor())
        .build();
  }

  private static Double boxed(OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }
}
