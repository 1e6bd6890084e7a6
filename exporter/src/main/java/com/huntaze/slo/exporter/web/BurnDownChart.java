package com.huntaze.slo.exporter.web;

import com.huntaze.slo.exporter.view.BurnDown;
import com.huntaze.slo.exporter.view.EventAdmissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Draws {@link BurnDown} points as an inline SVG: budget left (y, percent) at each trailing window
 * (x, one step per window, oldest left: the axis is not to scale), the solid line the SLO's budget,
 * the dashed line the uniform burn that would spend exactly the budget by the window's end.
 * Excluded periods (maintenance, corrections) are shaded where they fall between the points.
 */
public final class BurnDownChart {
  static final int WIDTH = 320;
  static final int HEIGHT = 170;
  private static final int LEFT = 40;
  private static final int RIGHT = 10;
  private static final int TOP = 10;
  private static final int BOTTOM = 30;

  private BurnDownChart() {
  }

  public static String svg(String sloName, List<BurnDown.Point> points) {
    return svg(sloName, points, List.of(), Instant.EPOCH);
  }

  /** The chart, with {@code excluded} periods shaded ({@code asOf}: the time the points are relative to). */
  public static String svg(String sloName, List<BurnDown.Point> points, List<EventAdmissions.ExcludedPeriod> excluded,
                           Instant asOf) {
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
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    double step = (double) plotW / (points.size() - 1);

    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"burndown\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"Error budget burn-down of ").append(Html.escape(sloName))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    s.append("<title>Error budget left over the SLO window</title>");
    // Horizontal guides: 100 %, 0 %, and the lowest point when overspent.
    guide(s, "100%", y(1, min, span, plotH), false);
    guide(s, "0%", y(0, min, span, plotH), true);
    if (min < 0) {
      guide(s, pct(min), y(min, min, span, plotH), false);
    }
    if (max > 1) {
      guide(s, pct(max), y(max, min, span, plotH), false);
    }
    for (EventAdmissions.ExcludedPeriod period : excluded) {
      double from = xOf(Duration.between(period.from(), asOf).toSeconds(), points, step);
      double to = xOf(Math.max(0, Duration.between(period.to(), asOf).toSeconds()), points, step);
      if (to > from) {
        s.append("<rect class=\"excluded\" x=\"").append(num(from)).append("\" y=\"").append(TOP).append("\" width=\"")
            .append(num(to - from)).append("\" height=\"").append(plotH).append("\" fill=\"#d0d7de\" opacity=\"0.6\"><title>excluded: ")
            .append(Html.escape(period.reason())).append("</title></rect>");
      }
    }
    StringBuilder actual = new StringBuilder();
    StringBuilder uniform = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      BurnDown.Point p = points.get(i);
      double x = LEFT + i * step;
      actual.append(i == 0 ? "" : " ").append(num(x)).append(',').append(num(y(p.remaining(), min, span, plotH)));
      uniform.append(i == 0 ? "" : " ").append(num(x)).append(',').append(num(y(p.uniform(), min, span, plotH)));
      s.append("<text class=\"xl\" x=\"").append(num(x)).append("\" y=\"").append(HEIGHT - 12)
          .append("\" text-anchor=\"middle\" font-size=\"9\">")
          .append(p.secondsAgo() == 0 ? "now" : "-" + Html.escape(p.window())).append("</text>");
    }
    s.append("<polyline class=\"uniform\" fill=\"none\" stroke=\"#888\" stroke-dasharray=\"4 3\" points=\"")
        .append(uniform).append("\"/>");
    s.append("<polyline class=\"remaining\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\" points=\"")
        .append(actual).append("\"/>");
    for (int i = 0; i < points.size(); i++) {
      BurnDown.Point p = points.get(i);
      double x = LEFT + i * step;
      s.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y(p.remaining(), min, span, plotH)))
          .append("\" r=\"3\" fill=\"").append(p.remaining() < 0 ? "#cf222e" : "#1f6feb").append("\"><title>")
          .append(p.secondsAgo() == 0 ? "now" : Html.escape(p.window()) + " ago").append(": ")
          .append(pct(p.remaining())).append(" of the budget left</title></circle>");
    }
    s.append("</svg>");
    return s.toString();
  }

  /** Where {@code secondsAgo} falls on the x axis: between the two points around it, in proportion (the axis is not to scale). */
  private static double xOf(long secondsAgo, List<BurnDown.Point> points, double step) {
    if (secondsAgo >= points.get(0).secondsAgo()) {
      return LEFT;
    }
    for (int i = 0; i + 1 < points.size(); i++) {
      long newer = points.get(i + 1).secondsAgo();
      if (secondsAgo >= newer) {
        double share = (points.get(i).secondsAgo() - secondsAgo) / (double) (points.get(i).secondsAgo() - newer);
        return LEFT + (i + share) * step;
      }
    }
    return LEFT + (points.size() - 1) * step;
  }

  private static void guide(StringBuilder s, String label, double y, boolean strong) {
    s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(num(y))
        .append("\" y2=\"").append(num(y)).append("\" stroke=\"").append(strong ? "#444" : "#ccc").append("\"/>");
    s.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(num(y + 3))
        .append("\" text-anchor=\"end\" font-size=\"9\">").append(label).append("</text>");
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
