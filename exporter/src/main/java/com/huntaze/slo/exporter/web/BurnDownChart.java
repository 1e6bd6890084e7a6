package com.huntaze.slo.exporter.web;

import com.huntaze.slo.exporter.view.BudgetPeriod;
import com.huntaze.slo.exporter.view.BurnDown;
import com.huntaze.slo.exporter.view.EventAdmissions;
import com.huntaze.slo.exporter.view.SloView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
  /** The least left margin; it widens for a wider budget label ("-19900.0%"), up to a third of the chart. */
  private static final int LEFT = 40;
  private static final int RIGHT = 14;
  private static final int TOP = 10;
  private static final int BOTTOM = 34;
  /** Width of one character of a 9-unit label, generously (digits are about 5 units wide, "%" about 8). */
  private static final double LABEL_CHAR_WIDTH = 5.5;
  /** What a 9-unit label may fill above its baseline, and below it: two labels closer than both together overlap. */
  private static final double LABEL_HEIGHT = 9;
  private static final double LABEL_DESCENT = 2;
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
    double span = max - min;
    int plotH = HEIGHT - TOP - BOTTOM;
    List<Guide> guides = guides(min, max, span, plotH);
    Axis x = new Axis(points.get(0).at(), end, leftMargin(guides));

    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"burndown\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"Error budget burn-down of ").append(Html.escape(sloName))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    s.append("<title>Error budget left over the SLO window, to scale</title>");
    for (Guide g : guides.stream().sorted(java.util.Comparator.comparing(Guide::strong)).toList()) { // 0 % drawn over 100 %
      guide(s, g, x.left);
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
    s.append("<line class=\"xaxis\" x1=\"").append(x.left).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(base)
        .append("\" y2=\"").append(base).append("\" stroke=\"#444\"/>");
    int step = labelStep(format.format(x.start.atZone(zone)).length(), x.left);
    for (int i = 0; i <= TICKS; i++) {
      Instant t = x.start.plus(length.multipliedBy(i).dividedBy(TICKS));
      double at = x.of(t);
      s.append("<line x1=\"").append(num(at)).append("\" x2=\"").append(num(at)).append("\" y1=\"").append(base).append("\" y2=\"")
          .append(base + 4).append("\" stroke=\"#444\"/>");
      if (i % step != 0) {
        continue;
      }
      // 16 below the axis: clear of a budget label on the axis itself, which reaches LABEL_DESCENT below it.
      s.append("<text class=\"xl\" x=\"").append(num(at)).append("\" y=\"").append(base + 16).append("\" text-anchor=\"")
          .append(i == 0 ? "start" : i == TICKS ? "end" : "middle").append("\" font-size=\"9\">")
          .append(Html.escape(format.format(t.atZone(zone)))).append("</text>");
    }
    s.append("<text class=\"xt\" x=\"").append((x.left + WIDTH - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 4)
        .append("\" text-anchor=\"middle\" font-size=\"9\">time (").append(Html.escape(zone.getId())).append(")</text>");
  }

  /**
   * Every how many ticks a label fits: "Dec 1 09:20" is too wide to label all five ticks (the first, anchored at its
   * start, ran into the second, centred), so then every other one (or only both ends) is labelled; each tick is drawn.
   */
  private static int labelStep(int chars, int left) {
    double width = chars * LABEL_CHAR_WIDTH;
    double tick = (WIDTH - left - RIGHT) / (double) TICKS;
    int step = 1;
    // The tightest pair: a label anchored at an end of the axis next to a centred one; at the last step only the ends remain.
    while (step < TICKS && tick * step < width + width / 2 + 2) {
      step *= 2;
    }
    return step;
  }

  /** Instants to x positions, in proportion to time, between the left margin and the right edge. */
  private record Axis(Instant start, Instant end, int left) {
    double of(Instant t) {
      double share = Duration.between(start, t).toMillis() / (double) Math.max(1, Duration.between(start, end).toMillis());
      return left + Math.max(0, Math.min(1, share)) * (WIDTH - left - RIGHT);
    }
  }

  /** A horizontal budget line; its label (null = none) left of the plot, centred on the line. */
  private record Guide(double y, String label, boolean strong) {
  }

  /**
   * 0 % (drawn strong), 100 %, and the lowest and highest budget when outside 0..100 %, in that order of importance: a
   * label too close to one before it is left out, its line kept. ("-2.0%" just below "0%", or a budget overspent many
   * times over squeezing 100 % onto 0 %, drew two labels on top of each other.)
   */
  private static List<Guide> guides(double min, double max, double span, int plotH) {
    List<Guide> wanted = new ArrayList<>(List.of(new Guide(y(0, min, span, plotH), "0%", true),
        new Guide(y(1, min, span, plotH), "100%", false)));
    if (min < 0) {
      wanted.add(new Guide(y(min, min, span, plotH), pct(min), false));
    }
    if (max > 1) {
      wanted.add(new Guide(y(max, min, span, plotH), pct(max), false));
    }
    List<Guide> placed = new ArrayList<>();
    for (Guide g : wanted) {
      boolean clear = placed.stream().allMatch(p -> p.label() == null || Math.abs(p.y() - g.y()) >= LABEL_HEIGHT + LABEL_DESCENT);
      placed.add(clear ? g : new Guide(g.y(), null, g.strong()));
    }
    return placed;
  }

  /**
   * Room left of the plot for the widest label, so that no label is drawn inside the plot, where the line runs (a
   * "-19900.0%" once was, over a budget spent early). A label wider than a third of the chart is not drawn.
   */
  private static int leftMargin(List<Guide> guides) {
    double widest = guides.stream().filter(g -> g.label() != null).mapToDouble(g -> g.label().length() * LABEL_CHAR_WIDTH).max().orElse(0);
    return (int) Math.min(WIDTH / 3, Math.max(LEFT, Math.ceil(widest + 6)));
  }

  private static void guide(StringBuilder s, Guide g, int left) {
    s.append("<line x1=\"").append(left).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(num(g.y()))
        .append("\" y2=\"").append(num(g.y())).append("\" stroke=\"").append(g.strong() ? "#444" : "#ccc").append("\"/>");
    if (g.label() != null && g.label().length() * LABEL_CHAR_WIDTH <= left - 4) {
      s.append("<text x=\"").append(left - 4).append("\" y=\"").append(num(g.y() + 3))
          .append("\" text-anchor=\"end\" font-size=\"9\">").append(g.label()).append("</text>");
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
