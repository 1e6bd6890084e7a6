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
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

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
        .setWindows(each(e.windows(), AvroMapping::window))
        .setSli(boxed(e.sli()))
        .setBudgetRemaining(boxed(e.budgetRemaining()))
        .setLatencyQuantiles(e.latencyQuantiles())
        .setThroughputRps(boxed(e.throughputRps()))
        .setAlerts(each(e.alerts(), a -> new AlertState(a.alertName(), a.severity(), a.firing(),
            a.firing() ? Instant.ofEpochMilli(a.sinceMillis()) : null)))
        .setLateEventsDropped(e.late().rejected())
        .setLateEventsApplied(e.late().appliedLate())
        .setLastLatenessMs(e.late().appliedLate() > 0 ? e.late().lastLatenessMillis() : null)
        .setRejectedTooOld(e.late().rejectedTooOld())
        .setRejectedTooFarAhead(e.late().rejectedTooFarAhead())
        .setExcludedEvents(e.late().excluded())
        .setExcludedPeriods(each(e.excludedPeriods(), p -> new ExcludedPeriod(Instant.ofEpochMilli(p.fromMillis()),
            Instant.ofEpochMilli(p.toMillis()), p.reason())))
        .setAsOf(Instant.ofEpochMilli(e.atMillis()))
        .setGroup(each(e.group(), g -> new GroupLabel(g.label(), g.source(), g.value())))
        .setGroupBy(each(slo.grouping().keys(), Dimension::source))
        .setGroupsTracked(e.groups().tracked())
        .setGroupsOverflowed(e.groups().overflowed())
        .setTopContributors(each(e.contributors(), c -> new com.huntaze.slo.avro.Contributor(c.window(), c.key(),
            c.value(), c.bad(), c.total(), c.windowBad(), c.maxUndercount())))
        .setBudgeting(e.budget().budgeting())
        .setCalendar(slo.calendar().map(c -> c.unit().label()).orElse(null))
        .setTimeZone(slo.calendar().map(c -> c.timeZone().getId()).orElse(null))
        .setPeriodStart(e.budget().calendar() ? Instant.ofEpochMilli(e.budget().spanStartMillis()) : null)
        .setPeriodEnd(e.budget().calendar() ? Instant.ofEpochMilli(e.budget().periodEndMillis()) : null)
        .setPeriodElapsed(boxed(e.budget().elapsed()))
        .setBudgetProjected(boxed(e.budget().projected()))
        .setBurnDown(each(e.budget().burnDown(), p -> new BudgetPoint(Instant.ofEpochMilli(p.atMillis()), p.remaining())))
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

  /** {@code from} mapped by {@code to}: a loop, since a status maps seven lists and an emit maps thousands of statuses. */
  private static <A, B> List<B> each(List<A> from, Function<A, B> to) {
    List<B> out = new ArrayList<>(from.size());
    for (A a : from) {
      out.add(to.apply(a));
    }
    return out;
  }

  private static Double boxed(OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }
}
