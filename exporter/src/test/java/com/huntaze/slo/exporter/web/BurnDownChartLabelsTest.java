package com.huntaze.slo.exporter.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.exporter.view.BurnDown;
import java.time.Instant;
import java.time.ZoneId;
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
}
