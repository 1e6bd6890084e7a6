package com.huntaze.slo.exporter.view;

import com.huntaze.slo.avro.AlertState;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import java.util.ArrayList;
import java.util.List;

/** Turns the wire record ({@code slo.status}) into the {@link SloView} every output reads. */
public final class StatusMapper {
  private StatusMapper() {
  }

  public static SloView toView(SloStatus s) {
    SloSpec spec = new SloSpec(s.getName(), s.getService(), s.getOperation(), s.getSliKind(),
        s.getObjective() > 0 ? s.getObjective() : null, s.getWindowSeconds(), s.getLatencyThresholdMs(),
        s.getMinRps());
    List<SloWindow> windows = new ArrayList<>(s.getWindows().size());
    for (WindowStats w : s.getWindows()) {
      windows.add(new SloWindow(w.getWindow(), w.getSeconds(), w.getGood(), w.getTotal(), w.getBurnRate()));
    }
    List<AlertStatus> alerts = new ArrayList<>(s.getAlerts().size());
    for (AlertState a : s.getAlerts()) {
      alerts.add(new AlertStatus(a.getAlertName(), a.getSeverity(), a.getFiring(), a.getSince()));
    }
    // A processor from before the per-reason tallies only sent lateEventsDropped: events later than its grace, i.e. too old.
    long tooOld = s.getRejectedTooOld() + s.getRejectedTooFarAhead() == 0 ? s.getLateEventsDropped() : s.getRejectedTooOld();
    EventAdmissions admissions = new EventAdmissions(s.getLateEventsApplied(), s.getLastLatenessMs(), tooOld,
        s.getRejectedTooFarAhead(), s.getExcludedEvents(), s.getExcludedPeriods().stream()
            .map(p -> new EventAdmissions.ExcludedPeriod(p.getFrom(), p.getTo(), p.getReason())).toList());
    Grouping grouping = new Grouping(
        s.getGroup().stream().map(g -> new GroupLabel(g.getLabel(), g.getSource(), g.getValue())).toList(),
        s.getGroupBy(), s.getGroupsTracked(), s.getGroupsOverflowed());
    List<Contributor> top = s.getTopContributors().stream().map(c -> new Contributor(c.getWindow(), c.getKey(),
        c.getValue(), c.getBad(), c.getTotal(), c.getWindowBad(), c.getMaxUndercount())).toList();
    BudgetPeriod period = new BudgetPeriod(s.getBudgeting(), s.getCalendar(), s.getTimeZone(), s.getPeriodStart(),
        s.getPeriodEnd(), s.getPeriodElapsed(), s.getBudgetProjected());
    List<BurnDown.Sample> burnDown = s.getBurnDown().stream().map(p -> new BurnDown.Sample(p.getAt(), p.getRemaining())).toList();
    return new SloView(spec, windows, s.getSli(), s.getBudgetRemaining(), s.getLatencyQuantiles(),
        s.getThroughputRps(), alerts, admissions, s.getAsOf(), period, burnDown, grouping, top);
  }
}
