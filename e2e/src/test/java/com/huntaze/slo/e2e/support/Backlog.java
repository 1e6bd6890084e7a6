package com.huntaze.slo.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Utils;

/**
 * Issue 10's backlog through the real stack: one service's fresh traffic, then another service's
 * 45-minute backlog on the same partition of {@code slo.request-events}, then a 2-day-old batch of
 * both. {@link #expected} is the brute-force count of the acknowledged events, written from the
 * documented window definition (docs/processor.md, "Time, windows and exactness"), not from the
 * processor's window code: a window of length L evaluated at T covers the ceil(L / bucket) whole
 * buckets ending with the one holding T, with 1-minute buckets up to 6h, 10-minute up to 3d, hours
 * beyond.
 */
public final class Backlog {
  public static final List<String> WINDOWS = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d");
  private static final Map<String, Duration> LENGTHS = Map.of("5m", Duration.ofMinutes(5), "30m", Duration.ofMinutes(30),
      "1h", Duration.ofHours(1), "2h", Duration.ofHours(2), "6h", Duration.ofHours(6), "1d", Duration.ofDays(1),
      "3d", Duration.ofDays(3), "30d", Duration.ofDays(30));
  private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)\\} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private record Event(String service, int status, Instant at) {
  }

  /** An SLO of this scenario: its name and the service whose events it reads. */
  public record Slo(String name, String service) {
  }

  public final Slo fresh;
  public final Slo late;
  private final List<Event> acknowledged = new ArrayList<>();

  private Backlog(String freshService, String lateService) {
    this.fresh = new Slo("backlog-fresh", freshService);
    this.late = new Slo("backlog-late", lateService);
  }

  /** Two services whose keys Kafka's default partitioner (murmur2 of the key) puts on one partition. */
  public static Backlog onOnePartition(int partitions) {
    String fresh = "e2e-fresh";
    for (int i = 0; ; i++) {
      String late = "e2e-backlog-" + i;
      if (partition(late, partitions) == partition(fresh, partitions)) {
        return new Backlog(fresh, late);
      }
    }
  }

  public static int partition(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** The two SLOs as entries of an {@code slos:} list (availability 99 % over 30 days, no alerts). */
  public String slosYaml() {
    StringBuilder sb = new StringBuilder();
    for (Slo s : List.of(fresh, late)) {
      sb.append("  - name: ").append(s.name()).append("\n    service: ").append(s.service())
          .append("\n    objective: 99\n    window: 30d\n    sli: {availability: {}}\n    alerting: {burnRate: none}\n");
    }
    return sb.toString();
  }

  /**
   * Posts, each as one request: 300 fresh events of the last two minutes (6 errors), then 900 of the
   * other service spread over the 45 minutes before the last minute (a 10-minute incident with a
   * third of errors inside), then 150 two-day-old events of each service (one in ten an error).
   */
  public void post(String ingest, Instant now) throws IOException, InterruptedException {
    List<Event> freshBatch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      freshBatch.add(new Event(fresh.service(), i % 50 == 7 ? 503 : 200, now.minusSeconds(120).plusMillis(i * 396L)));
    }
    send(ingest, freshBatch);
    List<Event> backlog = new ArrayList<>();
    Instant from = now.minus(Duration.ofMinutes(46));
    for (int i = 0; i < 900; i++) {
      boolean incident = i >= 200 && i < 400;
      backlog.add(new Event(late.service(), incident && i % 3 == 0 || i % 100 == 1 ? 500 : 200, from.plusMillis(i * 3000L)));
    }
    send(ingest, backlog);
    List<Event> old = new ArrayList<>();
    Instant twoDaysAgo = now.minus(Duration.ofDays(2));
    for (int i = 0; i < 300; i++) {
      old.add(new Event(i % 2 == 0 ? fresh.service() : late.service(), i % 10 < 2 ? 503 : 200, twoDaysAgo.plusSeconds(5L * i)));
    }
    send(ingest, old);
  }

  private void send(String ingest, List<Event> events) throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder("[");
    for (Event e : events) {
      body.append(body.length() == 1 ? "" : ",").append(String.format(Locale.ROOT,
          "{\"service\":\"%s\",\"operation\":\"GET /backlog\",\"status\":%d,\"latencyMs\":12.5,\"timestamp\":\"%s\"}",
          e.service(), e.status(), e.at()));
    }
    Json.Response r = Json.post(ingest + "/v1/events", "application/json", body.append("]").toString());
    if (r.status() != 202 || r.json().path("accepted").asInt() != events.size()) {
      throw new AssertionError("the gateway did not acknowledge the " + events.size() + " events: HTTP " + r.status() + " " + r.body());
    }
    acknowledged.addAll(events);
  }

  /** Bucket length of a window, by the documented resolution rule. */
  static Duration bucket(Duration window) {
    return window.compareTo(Duration.ofHours(6)) <= 0 ? Duration.ofMinutes(1)
        : window.compareTo(Duration.ofDays(3)) <= 0 ? Duration.ofMinutes(10) : Duration.ofHours(1);
  }

  /** Brute force: "slo result window" -> how many acknowledged events a window evaluated at {@code t} covers. */
  public Map<String, Long> expected(Instant t) {
    Map<String, Long> counts = new TreeMap<>();
    for (Slo s : List.of(fresh, late)) {
      for (String w : WINDOWS) {
        long b = bucket(LENGTHS.get(w)).toMillis();
        long n = (LENGTHS.get(w).toMillis() + b - 1) / b;
        long last = Math.floorDiv(t.toEpochMilli(), b);
        for (String result : List.of("good", "bad")) {
          counts.put(key(s.name(), result, w), acknowledged.stream().filter(e -> e.service().equals(s.service()))
              .filter(e -> (e.status() < 500) == result.equals("good"))
              .filter(e -> Math.floorDiv(e.at().toEpochMilli(), b) > last - n && Math.floorDiv(e.at().toEpochMilli(), b) <= last)
              .count());
        }
      }
    }
    return counts;
  }

  /**
   * Burn rates and budgets that follow from the counts (objective 99 %: burn = bad ratio / 0.01,
   * budget left = 1 - the 30d burn), against {@code slo_burn_rate} and {@code sli_error_budget}
   * samples of a Prometheus query; empty when all agree.
   */
  public String ratioDifferences(JsonNode burnRates, JsonNode budgets, Map<String, Long> counts) {
    StringBuilder sb = new StringBuilder();
    for (Slo s : List.of(fresh, late)) {
      for (String w : WINDOWS) {
        long bad = counts.get(key(s.name(), "bad", w));
        long total = bad + counts.get(key(s.name(), "good", w));
        compare(sb, s.name() + " burn " + w, sample(burnRates, s.name(), w), total == 0 ? null : bad / (double) total / 0.01);
        if (w.equals("30d")) {
          compare(sb, s.name() + " budget", sample(budgets, s.name(), null), total == 0 ? null : 1 - bad / (double) total / 0.01);
        }
      }
    }
    return sb.toString();
  }

  private static Double sample(JsonNode result, String slo, String window) {
    for (JsonNode r : result) {
      if (r.path("metric").path("name").asText().equals(slo)
          && (window == null || r.path("metric").path("window").asText().equals(window))) {
        return r.path("value").get(1).asDouble();
      }
    }
    return null;
  }

  private static void compare(StringBuilder sb, String what, Double got, Double expected) {
    boolean same = got == null ? expected == null
        : expected != null && Math.abs(got - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
    if (!same) {
      sb.append("\n  ").append(what).append(": got ").append(got).append(", expected ").append(expected);
    }
  }

  public static String key(String slo, String result, String window) {
    return slo + " " + result + " " + window;
  }

  /** This scenario's {@code slo_events} samples in a Prometheus text exposition; an absent one is 0. */
  public Map<String, Long> fromExposition(String text) {
    Map<String, Long> counts = zeros();
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (m.matches() && m.group(1).equals("slo_events")) {
        Map<String, String> labels = new TreeMap<>();
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
        put(counts, labels.get("name"), labels.get("result"), labels.get("window"), Double.parseDouble(m.group(3)));
      }
    }
    return counts;
  }

  /** The same from a Prometheus query result of {@code slo_events}. */
  public Map<String, Long> fromPromResult(JsonNode result) {
    Map<String, Long> counts = zeros();
    for (JsonNode r : result) {
      JsonNode labels = r.path("metric");
      put(counts, labels.path("name").asText(), labels.path("result").asText(), labels.path("window").asText(),
          r.path("value").get(1).asDouble());
    }
    return counts;
  }

  private Map<String, Long> zeros() {
    Map<String, Long> counts = new TreeMap<>();
    expected(Instant.EPOCH).keySet().forEach(k -> counts.put(k, 0L));
    return counts;
  }

  private static void put(Map<String, Long> counts, String slo, String result, String window, double value) {
    String k = key(slo, result, window);
    if (counts.containsKey(k)) {
      counts.put(k, value == Math.rint(value) ? (long) value : -1); // a count that is not whole is wrong
    }
  }

  /** Empty when equal, else every difference ("slo result window: got X, expected Y"). */
  public static String differences(Map<String, Long> got, Map<String, Long> expected) {
    StringBuilder sb = new StringBuilder();
    for (String k : new TreeSet<>(expected.keySet())) {
      if (!expected.get(k).equals(got.get(k))) {
        sb.append("\n  ").append(k).append(": got ").append(got.get(k)).append(", expected ").append(expected.get(k));
      }
    }
    return sb.toString();
  }
}
