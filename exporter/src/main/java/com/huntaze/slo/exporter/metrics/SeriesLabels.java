package com.huntaze.slo.exporter.metrics;

import static com.huntaze.slo.exporter.metrics.MetricNames.*;

import com.huntaze.slo.exporter.view.Contributor;
import com.huntaze.slo.exporter.view.GroupLabel;
import com.huntaze.slo.exporter.view.SloView;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The label sets of one SLO instance's series (the SLO as a whole, or one group: {@code name} plus the
 * group's labels), kept from scrape to scrape. They depend only on the instance and on which windows,
 * quantiles and alerts it has, not on its numbers, so they outlive its statuses (a new one every few
 * seconds); building a label set is the largest cost of a scrape after writing the text
 * (docs/exporter.md#benchmark). Safe for concurrent scrapes.
 */
final class SeriesLabels {
  private final Labels name;
  private final Map<String, Labels> burnRate = new ConcurrentHashMap<>();
  private final Map<String, Labels> goodEvents = new ConcurrentHashMap<>();
  private final Map<String, Labels> badEvents = new ConcurrentHashMap<>();
  private final Map<String, Labels> quantile = new ConcurrentHashMap<>();
  private final Map<String, Labels> severity = new ConcurrentHashMap<>();
  private final Map<String, Labels> alert = new ConcurrentHashMap<>();
  private final Labels tooOld;
  private final Labels tooFarAhead;
  /** The contributors' label sets of the latest view seen: contributors change with the numbers, so one status's worth. */
  private volatile ContributorLabels contributors = new ContributorLabels(null, List.of());

  private record ContributorLabels(SloView of, List<Labels> labels) {
  }

  SeriesLabels(SloView instance) {
    Labels base = Labels.of(NAME, instance.name());
    for (GroupLabel g : instance.grouping().group()) {
      if (g.exportable()) {
        base = base.add(g.label(), g.labelValue());
      }
    }
    this.name = base;
    this.tooOld = name.add(REASON, REASON_TOO_OLD);
    this.tooFarAhead = name.add(REASON, REASON_TOO_FAR_AHEAD);
  }

  /** {@code {name, reason}} of refused events. */
  Labels rejected(boolean tooOldReason) {
    return tooOldReason ? tooOld : tooFarAhead;
  }

  /** {@code {name}} (+ the group's labels): the instance's one-series metrics. */
  Labels name() {
    return name;
  }

  Labels burnRate(String window) {
    return burnRate.computeIfAbsent(window, w -> name.add(WINDOW, w));
  }

  Labels events(String result, String window) {
    Map<String, Labels> byWindow = RESULT_GOOD.equals(result) ? goodEvents : badEvents;
    return byWindow.computeIfAbsent(window, w -> name.add(RESULT, result).add(WINDOW, w));
  }

  Labels quantile(String q) {
    return quantile.computeIfAbsent(q, k -> name.add(QUANTILE, k));
  }

  Labels severity(String s) {
    return severity.computeIfAbsent(s, k -> name.add(SEVERITY, k));
  }

  Labels alert(String alertName, String s) {
    return alert.computeIfAbsent(alertName + '\u0000' + s, k -> name.add(ALERTNAME, alertName).add(SEVERITY, s));
  }

  /** {@code {name, window, key, value}} of each of the view's top contributors, in its order; built once per status. */
  List<Labels> contributors(SloView view) {
    ContributorLabels held = contributors;
    if (held.of() != view) {
      List<Labels> labels = new ArrayList<>(view.topContributors().size());
      for (Contributor c : view.topContributors()) {
        labels.add(name.add(WINDOW, c.window()).add(KEY, c.key()).add(VALUE, GroupLabel.asLabelValue(c.value())));
      }
      held = new ContributorLabels(view, List.copyOf(labels));
      contributors = held;
    }
    return held.labels();
  }
}
