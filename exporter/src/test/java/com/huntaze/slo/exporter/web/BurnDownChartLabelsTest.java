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

  static String chart(double last) {
    return BurnDownChart.svg("a-avail", List.of(new BurnDown.Point(START, 1, 1), new BurnDown.Point(NOW, last, 0)), List.of(), NOW, NOW,
        ZoneId.of("UTC"));
  }

  @Test
  void aBudgetOverspentManyTimesOverKeepsItsMinusSignInsideTheChart() {
    // A status page showed "9900.0%" on the axis of an SLO at -19900 %: the label, anchored at x 36, began left of the SVG.
    String svg = chart(-199);
    assertTrue(svg.contains(">-19900.0%</text>"), svg);
    Matcher m = END_ANCHORED.matcher(svg);
    while (m.find()) {
      double width = m.group(2).length() * 5.5;
      assertTrue(Integer.parseInt(m.group(1)) - width >= 0, "label " + m.group(2) + " starts left of the chart: " + svg);
    }
    assertTrue(svg.contains("text-anchor=\"start\" font-size=\"9\">-19900.0%</text>"), "drawn inside the plot: " + svg);
  }

  @Test
  void oneLabelWhen100And0PercentFallTogether() {
    String svg = chart(-199);
    assertTrue(svg.contains(">0%</text>"), svg);
    assertFalse(svg.contains(">100%</text>"), "100 % and 0 % are 0.7 units apart: " + svg);
    String mild = chart(0.4);
    assertTrue(mild.contains(">100%</text>") && mild.contains(">0%</text>"), mild);
    assertTrue(chart(-19).contains(">-1900.0%</text>"));
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
