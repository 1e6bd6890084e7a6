package com.huntaze.slo.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The shipped Grafana dashboards: every panel query, with Grafana's variables replaced for Prometheus. */
public final class Dashboards {
  /** Grafana's range variables as the end-to-end test's Prometheus (1 s scrapes) needs them. */
  public static final Map<String, String> BUILT_INS = Map.of(
      "$__rate_interval", "30s", "$__interval", "5s", "$__range", "1h");

  private Dashboards() {
  }

  public record Query(String dashboard, String panel, String refId, String expr, String promql) {
    @Override
    public String toString() {
      return dashboard + " / \"" + panel + "\" " + refId + ": " + promql;
    }
  }

  public static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root.resolve("compose/grafana/dashboards"))) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  public static JsonNode parse(Path file) throws IOException {
    return Json.MAPPER.readTree(file.toFile());
  }

  /** Every panel except rows, including those nested in collapsed rows. */
  public static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    collect(dashboard.path("panels"), out);
    return out;
  }

  private static void collect(JsonNode panels, List<JsonNode> out) {
    for (JsonNode p : panels) {
      if ("row".equals(p.path("type").asText())) {
        collect(p.path("panels"), out);
      } else {
        out.add(p);
      }
    }
  }

  /** Template variables and the value to query with: the "All" value (every SLO). */
  public static Map<String, String> variables(JsonNode dashboard) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (JsonNode v : dashboard.path("templating").path("list")) {
      String all = v.path("includeAll").asBoolean() ? v.path("allValue").asText(".*") : null;
      if (all == null) {
        throw new AssertionError("variable " + v.path("name").asText() + " has no All value to test the panels with");
      }
      vars.put(v.path("name").asText(), all);
    }
    return vars;
  }

  public static List<Query> queries(Path file) throws IOException {
    JsonNode d = parse(file);
    Map<String, String> vars = variables(d);
    List<Query> out = new ArrayList<>();
    for (JsonNode p : panels(d)) {
      for (JsonNode t : p.path("targets")) {
        String expr = t.path("expr").asText();
        out.add(new Query(d.path("title").asText(), p.path("title").asText(), t.path("refId").asText(), expr,
            substitute(expr, vars)));
      }
    }
    return out;
  }

  static String substitute(String expr, Map<String, String> vars) {
    String q = expr;
    for (Map.Entry<String, String> b : BUILT_INS.entrySet()) {
      q = q.replace(b.getKey(), b.getValue());
    }
    for (Map.Entry<String, String> v : vars.entrySet()) {
      q = q.replace("${" + v.getKey() + "}", v.getValue()).replace("$" + v.getKey(), v.getValue());
    }
    if (q.contains("$")) {
      throw new AssertionError("unknown variable left in " + expr);
    }
    return q;
  }
}
