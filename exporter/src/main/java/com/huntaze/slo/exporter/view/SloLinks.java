package com.huntaze.slo.exporter.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the status page shows an SLO instance: {@code slo/<name>} for the SLO (its groups and
 * attribution), {@code slo/<name>?<label>=<value>&...} for one group. The group is named by its labels
 * as query parameters rather than by its instance key so that an alert, which carries the labels as a
 * map without the groupBy order, links to it too. Paths are relative to the exporter's root.
 */
public final class SloLinks {
  public static final String SLO_PATH = "slo/";

  private SloLinks() {
  }

  public static String path(SloView instance) {
    return path(instance.name(), instance.grouping().labels());
  }

  /** @param group label -> value; empty for the SLO as a whole */
  public static String path(String slo, Map<String, String> group) {
    StringBuilder b = new StringBuilder(SLO_PATH).append(encode(slo));
    char sep = '?';
    for (Map.Entry<String, String> e : new TreeMap<>(group).entrySet()) {
      b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    return b.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
