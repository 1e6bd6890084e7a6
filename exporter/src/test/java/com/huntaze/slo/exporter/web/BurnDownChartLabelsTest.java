package com.huntaze.slo.exporter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.exporter.view.BurnDown;
import java.time.Instant;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BurnDownChartLabelsTest {
  static final Instant START = Instant.parse("2026-11-03T11:00:00Z");
  static final Instant NOW = Instant.parse("2026-12-03T11:00:00Z");
  static final Pattern END_ANCHORED = Pattern.compile("<text x=\"(\\d+)\" y=\"[0-9.]+\" text-anchor=\"end\" font-size=\"9\">([^<]*)</text>");

  @Test
  void aBudgetOverspentManyTimesOverKeepsItsMinusSignInsideTheChart() {
    // A status page showed "9900.0%" on the axis of an SLO at -19900 %: the label, anchored at x 36, began left of the SVG.
    String svg = chart(1, -199);
    assertTrue(svg.contains(">-19900.0%</text>"), svg);
    Matcher m = END_ANCHORED.matcher(svg);
    while (m.find()) {
      double width = m.group(2).length() * 5.5;
      assertTrue(Integer.parseInt(m.group(1)) - width >= 0, "label " + m.group(2) + " starts left of the chart: " + svg);
    }
    // It was then drawn inside the plot, where the line runs when the budget went early: the margin widens for it instead.
    assertTrue(svg.contains("text-anchor=\"end\" font-size=\"9\">-19900.0%</text>"), "drawn left of the plot: " + svg);
  }

  /** Every text of a chart as the box a 9-unit font may fill: up to 9 above its baseline, 2 below; widths as above. */
  record Box(String text, double left, double right, double top, double bottom) {
    boolean overlaps(Box o) {
      return left < o.right && o.left < right && top < o.bottom && o.top < bottom;
    }
  }

  static final Pattern TEXT = Pattern.compile("<text (?:class=\"(\\w+)\" )?x=\"([0-9.-]+)\" y=\"([0-9.-]+)\" text-anchor=\"(start|middle|end)\""
      + " font-size=\"9\">([^<]*)</text>");
  static final Pattern PLOT_LEFT = Pattern.compile("<line class=\"xaxis\" x1=\"([0-9.]+)\"");
  static final Pattern LINE_POINTS = Pattern.compile("<polyline class=\"remaining\"[^>]* points=\"([^\"]*)\"");

  static List<Box> texts(String svg, boolean budgetLabelsOnly) {
    List<Box> boxes = new ArrayList<>();
    Matcher m = TEXT.matcher(svg);
    while (m.find()) {
      if (budgetLabelsOnly && m.group(1) != null) {
        continue; // time labels (xl) and the axis title (xt) have a class; the budget labels have none
      }
      double x = Double.parseDouble(m.group(2));
      double baseline = Double.parseDouble(m.group(3));
      double width = m.group(5).length() * 5.5;
      double left = "start".equals(m.group(4)) ? x : "end".equals(m.group(4)) ? x - width : x - width / 2;
      boxes.add(new Box(m.group(5), left, left + width, baseline - 9, baseline + 2));
    }
    return boxes;
  }

  static String chart(double... remaining) {
    List<BurnDown.Point> points = new ArrayList<>();
    for (int i = 0; i < remaining.length; i++) {
      points.add(new BurnDown.Point(START.plus(Duration.between(START, NOW).multipliedBy(i).dividedBy(remaining.length - 1)),
          remaining[i], 1 - i / (remaining.length - 1.0)));
    }
    return BurnDownChart.svg("a-avail", points, List.of(), NOW, NOW, ZoneId.of("UTC"));
  }

  @Test
  void budgetLabelsNeverOverlapEachOtherTheTimeLabelsOrThePlottedLine() {
    // "-2.0%" was drawn over "0%" and "103.0%" over "100%"; "-19900.0%" sat inside the plot, on the line of a budget spent early.
    List<double[]> series = List.of(new double[] {1, 0.5}, new double[] {1, 0}, new double[] {1, -0.01}, new double[] {1, -0.02},
        new double[] {1, -0.05}, new double[] {1, -0.1}, new double[] {1, -0.25}, new double[] {1, -1}, new double[] {1, -19},
        new double[] {1, -199, -199}, new double[] {1, -19999}, new double[] {1.01, 0.5}, new double[] {1.03, 0.2},
        new double[] {1.5, -0.03}, new double[] {3, 2.96}, new double[] {0.02, -0.01}, new double[] {-5e9, -5e9});
    for (double[] budget : series) {
      String svg = chart(budget);
      String what = java.util.Arrays.toString(budget) + ": ";
      List<Box> all = texts(svg, false);
      for (int i = 0; i < all.size(); i++) {
        Box a = all.get(i);
        assertTrue(a.left() >= 0 && a.right() <= BurnDownChart.WIDTH && a.top() >= 0 && a.bottom() <= BurnDownChart.HEIGHT,
            what + a + " leaves the chart: " + svg);
        for (int j = i + 1; j < all.size(); j++) {
          assertFalse(a.overlaps(all.get(j)), what + a + " overlaps " + all.get(j) + ": " + svg);
        }
      }
      Matcher plot = PLOT_LEFT.matcher(svg);
      assertTrue(plot.find(), svg);
      double plotLeft = Double.parseDouble(plot.group(1));
      Matcher line = LINE_POINTS.matcher(svg);
      assertTrue(line.find(), svg);
      for (String point : line.group(1).split(" ")) {
        assertTrue(Double.parseDouble(point.split(",")[0]) >= plotLeft, what + "the line starts in the plot: " + svg);
      }
      List<Box> budgetLabels = texts(svg, true);
      for (Box label : budgetLabels) {
        assertTrue(label.right() <= plotLeft, what + label + " is drawn inside the plot, over the line: " + svg);
      }
      assertTrue(budgetLabels.stream().anyMatch(b -> b.text().equals("0%")), what + "0 % is always labelled: " + svg);
    }
    assertTrue(texts(chart(1, -0.25), true).stream().anyMatch(b -> b.text().equals("-25.0%")), "room for the lowest budget's label");
    assertTrue(texts(chart(1, -0.02), true).stream().noneMatch(b -> b.text().equals("-2.0%")), "no room: its line stays, unlabelled");
  }

  @Test
  void oneLabelWhen100And0PercentFallTogether() {
    String svg = chart(1, -199);
    assertTrue(svg.contains(">0%</text>"), svg);
    assertFalse(svg.contains(">100%</text>"), "100 % and 0 % are 0.7 units apart: " + svg);
    String mild = chart(1, 0.4);
    assertTrue(mild.contains(">100%</text>") && mild.contains(">0%</text>"), mild);
    assertTrue(chart(1, -19).contains(">-1900.0%</text>"));
  }

  static final Pattern TIME_LABEL = Pattern.compile("<text class=\"xl\" x=\"([0-9.]+)\" y=\"[0-9.]+\" text-anchor=\"(start|middle|end)\" font-size=\"9\">([^<]*)</text>");

  @Test
  void timeLabelsOfAWindowUnderThreeDaysDoNotOverlap() {
    // A 3d window read "Dec 1 09:20Dec 2 03:19" at its left end: dates with times are too wide for five labels.
    for (Duration span : List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(3).minusMinutes(2), Duration.ofDays(30))) {
      Instant start = NOW.minus(span);
      String svg = BurnDownChart.svg("a", List.of(new BurnDown.Point(start, 1, 1), new BurnDown.Point(NOW, 0.5, 0)), List.of(), NOW, NOW,
          ZoneId.of("UTC"));
      Matcher m = TIME_LABEL.matcher(svg);
      List<double[]> extents = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      while (m.find()) {
        double x = Double.parseDouble(m.group(1));
        double width = m.group(3).length() * 5.5;
        double left = "start".equals(m.group(2)) ? x : "end".equals(m.group(2)) ? x - width : x - width / 2;
        extents.add(new double[] {left, left + width});
        labels.add(m.group(3));
      }
      assertTrue(labels.size() >= 2, span + ": the span's start and end are labelled: " + svg);
      assertEquals(BurnDownChart.WIDTH - 14.0, extents.get(extents.size() - 1)[1], 0.01, span + ": the last label ends at the axis' end");
      for (int i = 1; i < extents.size(); i++) {
        assertTrue(extents.get(i - 1)[1] + 2 <= extents.get(i)[0], span + ": " + labels.get(i - 1) + " overlaps " + labels.get(i) + ": " + svg);
      }
    }
  }
}
