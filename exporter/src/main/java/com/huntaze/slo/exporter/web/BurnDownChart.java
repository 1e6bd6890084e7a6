package com.huntaze.slo.exporter.web;

import com.huntaze.slo.exporter.view.BudgetPeriod;
import com.huntaze.slo.exporter.view.BurnDown;
import com.huntaze.slo.exporter.view.EventAdmissions;
import com.huntaze.slo.exporter.view.SloView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link BurnDown} as an inline SVG, to scale: time (x) from the start of the window or
 * period to its end (now for a rolling window, the period's end for a calendar one, so the part
 * still ahead is empty), budget left (y, percent). The solid line is the SLO's budget, the dashed
 * line the uniform burn that would spend exactly the budget by the span's end; excluded periods
 * (maintenance, corrections) are shaded where they fall. The time axis is labelled in the
 * calendar's zone (UTC for a rolling window).
 */
public final class BurnDownChart {
  static final int WIDTH = 360;
  static final int HEIGHT = 180;
  static final int TICKS = 4;
  private static final int LEFT = 40;
  private static final int RIGHT = 14;
  private static final int TOP = 10;
  private static final int BOTTOM = 34;
  /** Width of one character of a 9-unit label, generously (digits are about 5 units wide, "%" about 8). */
  private static final double LABEL_CHAR_WIDTH = 5.5;
  private static final double LABEL_HEIGHT = 9;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);
  private static final DateTimeFormatter PERIOD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private BurnDownChart() {
  }

  /** The status page's burn-down: legend, chart and, for a calendar window, the period line; empty without a burn-down. */
  static String section(SloView s) {
    BudgetPeriod period = s.period();
    ZoneId zone = period.isCalendar() ? period.zone() : BudgetPeriod.UTC;
    String chart = svg(s.name(), s.burnDown(), s.admissions().excludedPeriods(), s.spanEnd(), s.asOf(), zone);
    if (chart.isEmpty()) {
      return "";
    }
    StringBuilder h = new StringBuilder("<p class=\"legend\">Error budget left over the ").append(Html.escape(s.windowLabel()))
        .append(period.isCalendar() ? " (" + Html.escape(zone.getId()) + ")" : " window")
        .append(" (solid) vs. uniform burn (dashed)</p>").append(chart);
    if (period.isCalendar()) {
      // In the zone the chart beside it is drawn in: a month in Europe/Paris starts at 00:00 there, not at 23:00Z.
      h.append("<p class=\"period\">Period ").append(localTime(period.start(), zone)).append(" .. ")
          .append(localTime(period.end(), zone))
          .append(period.elapsed() == null ? "" : ", " + SloCard.pct(period.elapsed(), 0) + " elapsed")
          .append("; budget projected at its end at the last day's burn: ")
          .append(period.projected() == null ? "no data" : SloCard.pct(period.projected(), 1)).append("</p>");
    }
    return h.toString();
  }

  /** {@code 2026-12-01 00:00 Europe/Paris}, the instant kept machine-readable in {@code datetime}. */
  private static String localTime(Instant at, ZoneId zone) {
    return "<time datetime=\"" + at + "\">" + PERIOD_TIME.format(at.atZone(zone)) + " " + Html.escape(zone.getId()) + "</time>";
  }

  /**
   * The chart; empty without at least two points.
   *
   * @param end where the span ends (the x axis' right edge)
   * @param asOf now: excluded periods are shaded up to it
   * @param zone the zone the time axis is labelled in
   */
  public static String svg(String sloName, List<BurnDown.Point> points, List<EventAdmissions.ExcludedPeriod> excluded,
                           Instant end, Instant asOf, ZoneId zone) {
    if (points.size() < 2) {
      return "";
    }
    double max = 1;
    double min = 0;
    for (BurnDown.Point p : points) {
      max = Math.max(max, p.remaining());
      min = Math.min(min, p.remaining());
    }
    Axis x = new Axis(points.get(0).at(), end);
    double span = max - min;
    int plotH = HEIGHT - TOP - BOTTOM;

    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"burndown\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"Error budget burn-down of ").append(Html.escape(sloName))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    s.append("<title>Error budget left over the SLO window, to scale</title>");
    double y100 = y(1, min, span, plotH);
    double y0 = y(0, min, span, plotH);
    // A budget overspent many times over squeezes 100 % and 0 % together: one label then, not two on top of each other.
    guide(s, Math.abs(y0 - y100) < LABEL_HEIGHT ? null : "100%", y100, false);
    guide(s, "0%", y0, true);
    if (min < 0) {
      guide(s, pct(min), y(min, min, span, plotH), false);
    }
    if (max > 1) {
      guide(s, pct(max), y(max, min, span, plotH), false);
    }
    for (EventAdmissions.ExcludedPeriod period : excluded) {
      double from = x.of(period.from());
      double to = x.of(period.to().isAfter(asOf) ? asOf : period.to());
      if (to > from) {
        s.append("<rect class=\"excluded\" x=\"").append(num(from)).append("\" y=\"").append(TOP).append("\" width=\"")
            .append(num(to - from)).append("\" height=\"").append(plotH).append("\" fill=\"#d0d7de\" opacity=\"0.6\"><title>excluded: ")
            .append(Html.escape(period.reason())).append("</title></rect>");
      }
    }
    timeAxis(s, x, zone);
    s.append("<polyline class=\"uniform\" fill=\"none\" stroke=\"#888\" stroke-dasharray=\"4 3\" points=\"")
        .append(num(x.of(x.start))).append(',').append(num(y(1, min, span, plotH))).append(' ')
        .append(num(x.of(x.end))).append(',').append(num(y(0, min, span, plotH))).append("\"/>");
    StringBuilder actual = new StringBuilder();
    for (BurnDown.Point p : points) {
      actual.append(actual.length() == 0 ? "" : " ").append(num(x.of(p.at()))).append(',')
          .append(num(y(p.remaining(), min, span, plotH)));
    }
    s.append("<polyline class=\"remaining\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\" points=\"")
        .append(actual).append("\"/>");
    BurnDown.Point last = points.get(points.size() - 1);
    s.append("<circle cx=\"").append(num(x.of(last.at()))).append("\" cy=\"").append(num(y(last.remaining(), min, span, plotH)))
        .append("\" r=\"3\" fill=\"").append(last.remaining() < 0 ? "#cf222e" : "#1f6feb").append("\"><title>now: ")
        .append(pct(last.remaining())).append(" of the budget left</title></circle>");
    s.append("</svg>");
    return s.toString();
  }

  /** Evenly spaced ticks from the span's start to its end, labelled with the local date (and time for spans under 3 days). */
  private static void timeAxis(StringBuilder s, Axis x, ZoneId zone) {
    Duration length = Duration.between(x.start, x.end);
    DateTimeFormatter format = length.compareTo(Duration.ofDays(3)) >= 0 ? DAY : HOUR;
    int base = HEIGHT - BOTTOM;
    s.append("<line class=\"xaxis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(base)
        .append("\" y2=\"").append(base).append("\" stroke=\"#444\"/>");
    int step = labelStep(format.format(x.start.atZone(zone)).length());
    for (int i = 0; i <= TICKS; i++) {
      Instant t = x.start.plus(length.multipliedBy(i).dividedBy(TICKS));
      double at = x.of(t);
      s.append("<line x1=\"").append(num(at)).append("\" x2=\"").append(num(at)).append("\" y1=\"").append(base).append("\" y2=\"")
          .append(base + 4).append("\" stroke=\"#444\"/>");
      if (i % step != 0) {
        continue;
      }
      s.append("<text class=\"xl\" x=\"").append(num(at)).append("\" y=\"").append(base + 14).append("\" text-anchor=\"")
          .append(i == 0 ? "start" : i == TICKS ? "end" : "middle").append("\" font-size=\"9\">")
          .append(Html.escape(format.format(t.atZone(zone)))).append("</text>");
    }
    s.append("<text class=\"xt\" x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 4)
        .append("\" text-anchor=\"middle\" font-size=\"9\">time (").append(Html.escape(zone.getId())).append(")</text>");
  }

  /**
   * Every how many ticks a label fits: "Dec 1 09:20" is too wide to label all five ticks (the first, anchored at its
   * start, ran into the second, centred), so then every other one (or only both ends) is labelled; each tick is drawn.
   */
  private static int labelStep(int chars) {
    double width = chars * LABEL_CHAR_WIDTH;
    double tick = (WIDTH - LEFT - RIGHT) / (double) TICKS;
    int step = 1;
    // The tightest pair: a label anchored at an end of the axis next to a centred one; at the last step only the ends remain.
    while (step < TICKS && tick * step < width + width / 2 + 2) {
      step *= 2;
    }
    return step;
  }

  /** Instants to x positions, in proportion to time. */
  private record Axis(Instant start, Instant end) {
    double of(Instant t) {
      double share = Duration.between(start, t).toMillis() / (double) Math.max(1, Duration.between(start, end).toMillis());
      return LEFT + Math.max(0, Math.min(1, share)) * (WIDTH - LEFT - RIGHT);
    }
  }

  /** A horizontal guide line with its label left of the plot, or inside it, above the line, when too wide for the margin. */
  private static void guide(StringBuilder s, String label, double y, boolean strong) {
    s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(num(y))
        .append("\" y2=\"").append(num(y)).append("\" stroke=\"").append(strong ? "#444" : "#ccc").append("\"/>");
    if (label == null) {
      return;
    }
    if (label.length() * LABEL_CHAR_WIDTH <= LEFT - 4) {
      s.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(num(y + 3))
          .append("\" text-anchor=\"end\" font-size=\"9\">").append(label).append("</text>");
    } else {
      // "-19900.0%" does not fit left of the plot: clipped by the SVG it read "9900.0%".
      s.append("<text x=\"").append(LEFT + 2).append("\" y=\"").append(num(y - 3))
          .append("\" text-anchor=\"start\" font-size=\"9\">").append(label).append("</text>");
    }
  }

  private static double y(double value, double min, double span, int plotH) {
    return TOP + (1 - (value - min) / span) * plotH;
  }

  static String pct(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
