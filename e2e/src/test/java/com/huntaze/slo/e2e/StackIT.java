package com.huntaze.slo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.huntaze.slo.e2e.support.Backlog;
import com.huntaze.slo.e2e.support.Binaries;
import com.huntaze.slo.e2e.support.Dashboards;
import com.huntaze.slo.e2e.support.GroupedRoutes;
import com.huntaze.slo.e2e.support.Json;
import com.huntaze.slo.testing.Poll;
import com.huntaze.slo.e2e.support.Shell;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole stack as a newcomer runs it: {@code ./start.sh} in local mode (a real Kafka broker from
 * the kafka_2.13 jars, processor, ingest, exporter, real Prometheus, Alertmanager and Node Exporter)
 * on free ports, events over HTTP with a known error burst, the numbers in Prometheus, the page in
 * Alertmanager, every Grafana panel query answered by Prometheus, then {@code ./stop.sh} leaving no
 * process behind. Steps run in order on one stack; intervals are shortened (1 s status emission,
 * scrape and rule evaluation) so that nothing waits on a default 15 s cadence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackIT {
  private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  private static final Path WORK = Path.of(System.getProperty("e2e.work", "target/e2e")).toAbsolutePath().normalize();
  private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

  // The burst: 400 events of huntaze-api "GET /api/users" over the last ~90 s, 8 of them 503 and 25
  // slower than the latency SLO's 500 ms (compose/slos.yaml, the shipped SLOs).
  private static final int EVENTS = 400;
  private static final int ERRORS = 8;
  private static final int SLOW = 25;
  // Availability and error rate (objective 99.9 %): bad ratio 0.02 = burn rate 20 in every window
  // (all events are in the last 5 minutes), budget left 1 - 20 = -19. Above 14.4 on 1h and 5m: a page.
  private static final double AVAILABILITY_BURN = (ERRORS / (double) EVENTS) / (1 - 0.999);
  private static final double AVAILABILITY_BUDGET = 1 - AVAILABILITY_BURN;
  // Latency (95 % under 500 ms): bad ratio 0.0625 = burn rate 1.25, budget left -0.25; 93.75 % within
  // 500 ms is below the SLO's alerting.threshold of 95 %: the seed's "P95 > 500 ms" alert.
  private static final double LATENCY_BURN = (SLOW / (double) EVENTS) / (1 - 0.95);
  private static final double LATENCY_BUDGET = 1 - LATENCY_BURN;
  private static final List<String> WINDOWS = Backlog.WINDOWS;
  // A calendar month over the burst's events (no alerts: it must not change what pages).
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final String MONTHLY_SLO = """
        - name: api-monthly
          service: huntaze-api
          operation: "GET /api/*"
          objective: 99.9
          window: {calendar: month, timeZone: Europe/Paris}
          sli: {availability: {}}
          alerting: {burnRate: none}
      """;
  private static final int PARTITIONS = 2;

  private Path run;
  private Map<String, String> env;
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private Shell.Result firstStart;
  private Instant t0;
  private final Backlog backlog = Backlog.onOnePartition(PARTITIONS);
  /** The time of the error burst's first event (event i is 200 ms * i later). */
  private Instant burstStart;
  private final GroupedRoutes grouped = new GroupedRoutes();

  @BeforeAll
  void startTheStack() throws Exception {
    Binaries.require("prometheus", "prometheus");
    Binaries.require("prometheus-alertmanager", "prometheus-alertmanager");
    Binaries.require("prometheus-node-exporter", "prometheus-node-exporter");
    Binaries.require("promtool", "prometheus");
    Binaries.require("amtool", "prometheus-alertmanager");
    t0 = Instant.now();

    Files.createDirectories(WORK);
    run = WORK.resolve("run");
    deleteTree(run);
    Files.createDirectories(run);
    run = run.toRealPath();

    for (String name : List.of("KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "INGEST_PORT", "EXPORTER_PORT", "PROCESSOR_PORT",
        "PROMETHEUS_PORT", "ALERTMANAGER_PORT", "NODE_EXPORTER_PORT")) {
      ports.put(name, 0);
    }
    freePorts(ports);

    env = new HashMap<>();
    ports.forEach((k, v) -> env.put(k, String.valueOf(v)));
    env.put("SLO_RUN_DIR", run.toString());
    env.put("STACK_BIND", "127.0.0.1");
    env.put("PROCESSOR_EMIT_INTERVAL", "1s");
    env.put("PROMETHEUS_SCRAPE_INTERVAL", "1s");
    env.put("PROMETHEUS_EVALUATION_INTERVAL", "1s");
    env.put("KAFKA_PARTITIONS", String.valueOf(PARTITIONS));
    env.put("KAFKA_HEAP_OPTS", "-Xmx256m -Xms256m");
    env.put("STACK_WAIT_TIMEOUT", "240");
    // The shipped SLOs plus the backlog scenario's two and the grouped scenario's one.
    Path slos = WORK.resolve("slos-e2e.yaml");
    Files.writeString(slos, Files.readString(ROOT.resolve("compose/slos.yaml")) + backlog.slosYaml() + GroupedRoutes.slosYaml()
        + MONTHLY_SLO);
    firstStart = start(Map.of(), "--slos", slos.toString());
    System.out.println("[e2e] ./start.sh took " + firstStart.took().toMillis() + " ms");
  }

  /** Runs a script with this stack's environment (and none of the caller's stack settings). */
  private Shell.Result script(String name, Duration timeout, String... args) throws IOException, InterruptedException {
    return script(name, Map.of(), timeout, args);
  }

  private Shell.Result script(String name, Map<String, String> extraEnv, Duration timeout, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve(name).toString());
    cmd.addAll(List.of(args));
    Map<String, String> e = new HashMap<>(System.getenv());
    e.keySet().removeIf(k -> k.matches("(SLO|STACK|KAFKA|INGEST|EXPORTER|PROCESSOR|PROMETHEUS|ALERTMANAGER|NODE_EXPORTER|LOADGEN|GRAFANA)_.*")
        || k.equals("SLACK_WEBHOOK_URL"));
    e.putAll(env);
    e.putAll(extraEnv);
    Path out = WORK.resolve(name + "-" + System.nanoTime() + ".out");
    return Shell.run(ROOT, e, timeout, out, cmd);
  }

  private Shell.Result start(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("--local"));
    all.addAll(List.of(args));
    Shell.Result r = script("start.sh", extraEnv, START_TIMEOUT, all.toArray(String[]::new));
    if (r.exit() != 0) {
      fail("./start.sh " + all + " failed: " + r + "\n" + logTails());
    }
    return r;
  }

  private String url(String portName) {
    return "http://127.0.0.1:" + ports.get(portName);
  }

  @Test
  @Order(1)
  void startReportsEveryPartReadyAndItsUrl() throws Exception {
    String out = firstStart.output();
    for (String part : List.of("kafka", "alertmanager", "node-exporter", "prometheus", "processor-1", "ingest", "exporter")) {
      assertTrue(out.contains("✓ " + part + " ready"), () -> part + " not reported ready:\n" + out);
      assertTrue(Files.isRegularFile(run.resolve("pids/" + part + ".pid")), part + " has no pid file");
      assertTrue(Files.isRegularFile(run.resolve("logs/" + part + ".log")), part + " has no log");
    }
    for (String port : List.of("INGEST_PORT", "EXPORTER_PORT", "PROMETHEUS_PORT", "ALERTMANAGER_PORT")) {
      assertTrue(out.contains("http://localhost:" + ports.get(port)), () -> port + " URL not printed:\n" + out);
    }
    // The Prometheus pages the summary names answer (Debian's 2.42 has only its classic UI, under /classic/).
    String line = out.lines().filter(l -> l.startsWith("  prometheus ")).findFirst().orElseThrow(() -> new AssertionError(out));
    for (String page : line.substring(line.indexOf(" /") + 1).split(", ")) {
      assertEquals(200, Json.get(url("PROMETHEUS_PORT") + page.strip()).status(), () -> page + " of: " + line);
    }
  }

  @Test
  @Order(2)
  void secondStartSaysWhatIsAlreadyRunningAndOnlyAddsTheDemoTraffic() throws Exception {
    Map<String, String> pidsBefore = pids();
    // --demo on a running stack starts only the traffic generator. Its events go to a service
    // without SLOs here, so the burst below stays the only traffic of huntaze-api.
    // An hour of history instead of the demo's days: the path through start.sh, at a test's cost.
    // A port asked for now cannot move a running part: said, not silently dropped.
    int otherPort = ports.get("INGEST_PORT") + 1;
    Shell.Result again = start(Map.of("LOADGEN_SERVICE_NAMES", "e2e-demo", "LOADGEN_RATE", "20", "LOADGEN_HISTORY", "1h",
        "INGEST_PORT", String.valueOf(otherPort)), "--demo");
    assertTrue(again.output().contains("warning: INGEST_PORT=" + otherPort + " is ignored: the running stack uses INGEST_PORT="
        + ports.get("INGEST_PORT")), again::toString);
    for (String part : pidsBefore.keySet()) {
      assertTrue(again.output().contains("• " + part + " already running (pid " + pidsBefore.get(part) + ")"),
          () -> part + " not reported as already running:\n" + again.output());
    }
    assertTrue(again.output().contains("✓ loadgen ready"), again::toString);
    String loadgenLog = Files.readString(run.resolve("logs/loadgen.log"));
    assertTrue(loadgenLog.contains("history done: sent "), () -> "ready only once the history is in:\n" + loadgenLog);
    Map<String, String> pidsAfter = pids();
    assertTrue(pidsAfter.containsKey("loadgen"), pidsAfter::toString);
    pidsAfter.remove("loadgen");
    assertEquals(pidsBefore, pidsAfter, "a second start must not replace running processes");

    // Another SLO file on a running stack: checked, and a bad one refused (the advice to restart with it would fail).
    Path bad = WORK.resolve("other-bad-slos.yaml");
    Files.writeString(bad, "slos:\n  - {name: by-name, service: x, objective: 99, sli: {availability: {}}, groupBy: [attributes.name]}\n");
    Shell.Result refused = script("start.sh", Map.of(), START_TIMEOUT, "--local", "--slos", bad.toString());
    assertEquals(1, refused.exit(), refused::toString);
    assertTrue(refused.output().contains("invalid SLO file " + bad) && refused.output().contains("groupBy"), refused::toString);
    Map<String, String> pidsAfterRefusal = pids();
    pidsAfterRefusal.remove("loadgen");
    assertEquals(pidsAfter, pidsAfterRefusal, "nothing replaced");
  }

  @Test
  @Order(3)
  void eventsWithAnErrorBurstAreAcceptedOverHttp() throws Exception {
    StringBuilder body = new StringBuilder("[");
    Instant first = Instant.now().minusSeconds(90);
    burstStart = first;
    for (int i = 0; i < EVENTS; i++) {
      int status = i % (EVENTS / ERRORS) == 3 ? 503 : 200;
      double latency = i % (EVENTS / SLOW) == 7 ? 800.0 : 40.0 + i % 50;
      body.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT,
          "{\"service\":\"huntaze-api\",\"operation\":\"GET /api/users\",\"status\":%d,\"latencyMs\":%.1f,\"timestamp\":\"%s\"}",
          status, latency, first.plusMillis(200L * i)));
    }
    body.append("]");
    Json.Response accepted = Json.post(url("INGEST_PORT") + "/v1/events", "application/json", body.toString());
    assertEquals(202, accepted.status(), accepted::body);
    assertEquals(EVENTS, accepted.json().path("accepted").asInt(), accepted::body);

    // A rejected request (the pipeline dashboard's rejects) and an undecodable record (its DLQ).
    Json.Response invalid = Json.post(url("INGEST_PORT") + "/v1/events", "application/json",
        "{\"service\":\"huntaze-api\",\"operation\":\"GET /api/users\",\"status\":42,\"latencyMs\":1}");
    assertEquals(400, invalid.status(), invalid::body);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports.get("KAFKA_PORT"));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("slo.request-events", "huntaze-api", "not an Avro event".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }

  @Test
  @Order(4)
  void errorBudgetAndBurnRatesInPrometheusMatchTheBurst() throws Exception {
    String prometheus = url("PROMETHEUS_PORT");
    for (String slo : List.of("api-availability", "api-error-rate")) {
      awaitValue(prometheus, "sli_error_budget{name=\"" + slo + "\"}", AVAILABILITY_BUDGET);
      for (String w : WINDOWS) {
        awaitValue(prometheus, "slo_burn_rate{name=\"" + slo + "\",window=\"" + w + "\"}", AVAILABILITY_BURN);
      }
    }
    awaitValue(prometheus, "sli_error_budget{name=\"api-latency\"}", LATENCY_BUDGET);
    awaitValue(prometheus, "slo_burn_rate{name=\"api-latency\",window=\"5m\"}", LATENCY_BURN);
    awaitValue(prometheus, "sli_current_value{name=\"api-availability\"}", 1 - ERRORS / (double) EVENTS);
    // No objective, no budget: the throughput SLO publishes none rather than a made-up number.
    assertEquals(0, Json.promQuery(prometheus, "sli_error_budget{name=\"api-throughput\"}").size());
    System.out.println("[e2e] budgets and burn rates in Prometheus " + Duration.between(t0, Instant.now()).toSeconds() + " s after start");
  }

  @Test
  @Order(4)
  void aCalendarMonthsPeriodAndBudgetReachPrometheus() throws Exception {
    String prometheus = url("PROMETHEUS_PORT");
    // The month in Paris as the test sees it: local midnight of the 1st to that of the next 1st.
    LocalDate first = LocalDate.now(PARIS).withDayOfMonth(1);
    long start = first.atStartOfDay(PARIS).toEpochSecond();
    long end = first.plusMonths(1).atStartOfDay(PARIS).toEpochSecond();
    awaitValue(prometheus, "slo_period_start_seconds{name=\"api-monthly\"}", start);
    awaitValue(prometheus, "slo_period_end_seconds{name=\"api-monthly\"}", end);
    JsonNode elapsed = Json.promQuery(prometheus, "slo_period_elapsed_ratio{name=\"api-monthly\"}");
    double share = elapsed.get(0).path("value").get(1).asDouble();
    assertTrue(share > 0 && share < 1, "share of the month elapsed: " + share);
    if (Instant.now().minusSeconds(180).getEpochSecond() > start) { // the burst lies inside this month
      awaitValue(prometheus, "sli_error_budget{name=\"api-monthly\"}", AVAILABILITY_BUDGET);
      assertEquals(1, Json.promQuery(prometheus, "slo_error_budget_projected{name=\"api-monthly\"}").size());
    }
  }

  private static void awaitValue(String prometheus, String expr, double expected) {
    Poll.until(expr + " = " + expected + " in Prometheus", Duration.ofSeconds(90),
        () -> Json.promQuery(prometheus, expr),
        r -> r.size() == 1 && Math.abs(r.get(0).path("value").get(1).asDouble() - expected) <= 1e-6 * Math.max(1, Math.abs(expected)));
  }

  @Test
  @Order(5)
  void thePageAlertArrivesInAlertmanager() {
    String alertmanager = url("ALERTMANAGER_PORT");
    String filter = URLEncoder.encode("alertname=\"SLOBurnRate\"", StandardCharsets.UTF_8);
    JsonNode page = Poll.until("the SLOBurnRate page of api-availability in Alertmanager", Duration.ofSeconds(60),
        () -> {
          for (JsonNode a : Json.get(alertmanager + "/api/v2/alerts?filter=" + filter).json()) {
            JsonNode l = a.path("labels");
            if ("api-availability".equals(l.path("slo").asText()) && "page".equals(l.path("severity").asText())
                && "active".equals(a.path("status").path("state").asText())) {
              return a;
            }
          }
          return null;
        }, a -> a != null);
    JsonNode labels = page.path("labels");
    assertEquals("huntaze-api", labels.path("service").asText(), page::toString);
    assertEquals(4, labels.size(), () -> "labels are exactly alertname, slo, service, severity: " + labels);
    assertEquals("http://localhost:" + ports.get("EXPORTER_PORT") + "/#slo-api-availability", page.path("generatorURL").asText());
    // The numbers when it fired (the processor may have read part of the burst by then): both
    // windows of the fast-burn row above its factor.
    JsonNode annotations = page.path("annotations");
    assertEquals("1h", annotations.path("long_window").asText(), page::toString);
    assertEquals("5m", annotations.path("short_window").asText(), page::toString);
    assertEquals(14.4, annotations.path("factor").asDouble(), 1e-9, page::toString);
    assertTrue(annotations.path("long_burn_rate").asDouble() > 14.4 && annotations.path("short_burn_rate").asDouble() > 14.4,
        page::toString);
    assertEquals("slack-page", page.path("receivers").get(0).path("name").asText(), "routed by severity");
    System.out.println("[e2e] page in Alertmanager " + Duration.between(t0, Instant.now()).toSeconds() + " s after start");
  }

  @Test
  @Order(6)
  void theSeedsThresholdAlertsComeFromTheSloFileAlongOnePath() throws Exception {
    // Availability 98 % < 99.5 %, error rate 2 % > 1 %, 93.75 % within 500 ms < 95 % (P95 > 500 ms):
    // each SLOThreshold once, pushed by the exporter (its link), none evaluated by a Prometheus rule.
    String alertmanager = url("ALERTMANAGER_PORT");
    String filter = URLEncoder.encode("alertname=\"SLOThreshold\"", StandardCharsets.UTF_8);
    List<String> expected = List.of("api-availability", "api-error-rate", "api-latency");
    Map<String, JsonNode> bySlo = Poll.until("SLOThreshold of " + expected + " in Alertmanager", Duration.ofSeconds(60),
        () -> {
          Map<String, JsonNode> found = new HashMap<>();
          for (JsonNode a : Json.get(alertmanager + "/api/v2/alerts?filter=" + filter).json()) {
            if ("active".equals(a.path("status").path("state").asText())) {
              found.merge(a.path("labels").path("slo").asText(), a, (x, y) -> fail("two SLOThreshold alerts for one SLO: " + x + " " + y));
            }
          }
          return found;
        }, found -> found.keySet().containsAll(expected));
    for (String slo : expected) {
      JsonNode alert = bySlo.get(slo);
      assertEquals("page", alert.path("labels").path("severity").asText(), alert::toString);
      assertEquals("http://localhost:" + ports.get("EXPORTER_PORT") + "/#slo-" + slo, alert.path("generatorURL").asText(),
          () -> "pushed by the exporter, not by a Prometheus rule: " + alert);
    }
    List<String> promRules = new ArrayList<>();
    Json.get(url("PROMETHEUS_PORT") + "/api/v1/rules").json().path("data").path("groups")
        .forEach(g -> g.path("rules").forEach(r -> promRules.add(r.path("name").asText())));
    assertTrue(!promRules.isEmpty() && !promRules.contains("SLOThreshold"), () -> "Prometheus rules: " + promRules);
  }

  @Test
  @Order(7)
  void aBacklogBehindAnotherServicesFreshTrafficCountsInEveryWindowExactly() throws Exception {
    assertEquals(Backlog.partition(backlog.fresh.service(), PARTITIONS), Backlog.partition(backlog.late.service(), PARTITIONS),
        "both services share a partition of slo.request-events");
    Instant now = Instant.now();
    backlog.post(url("INGEST_PORT"), now);
    // What the data must show: the backlog in 1h (not only in 5m), the 2-day-old batch in 3d and 30d, not in 1d.
    Map<String, Long> expected = backlog.expected(now);
    for (Backlog.Slo slo : List.of(backlog.fresh, backlog.late)) {
      assertEquals(150, events(expected, slo, "3d") - events(expected, slo, "1d"), slo::toString);
      assertEquals(events(expected, slo, "3d"), events(expected, slo, "30d"), slo::toString);
    }
    assertEquals(900, events(expected, backlog.late, "1h"));
    Poll.until("slo_events of the exporter's /metrics = the brute-force count", Duration.ofSeconds(90),
        () -> Backlog.differences(backlog.fromExposition(Json.get(url("EXPORTER_PORT") + "/metrics").body()),
            backlog.expected(Instant.now())), String::isEmpty);
    Poll.until("slo_events in Prometheus = the brute-force count", Duration.ofSeconds(90),
        () -> Backlog.differences(backlog.fromPromResult(Json.promQuery(url("PROMETHEUS_PORT"), "slo_events")),
            backlog.expected(Instant.now())), String::isEmpty);
    String prometheus = url("PROMETHEUS_PORT");
    Poll.until("slo_burn_rate and sli_error_budget in Prometheus = what the brute-force counts give", Duration.ofSeconds(90),
        () -> backlog.ratioDifferences(Json.promQuery(prometheus, "slo_burn_rate"), Json.promQuery(prometheus, "sli_error_budget"),
            backlog.expected(Instant.now())), String::isEmpty);
    Map<String, Long> seen = backlog.expected(Instant.now());
    System.out.println("[e2e] backlog counted exactly " + Duration.between(now, Instant.now()).toSeconds() + " s after posting; "
        + backlog.late.name() + " events per window " + WINDOWS + ": " + WINDOWS.stream().map(w -> events(seen, backlog.late, w)).toList());
  }

  @Test
  @Order(8)
  void aGroupedSloWhereOneRouteFailsBurnsAlertsAndAttributesOnlyThatRoute() throws Exception {
    // Issue 12: shop-api-by-route (groupBy operation, attribution operation + attributes.tenant),
    // four routes of 100 events each in the last minute; only POST /api/payouts fails (20 x 503).
    Instant posted = Instant.now();
    grouped.post(url("INGEST_PORT"), posted);
    String slo = GroupedRoutes.SLO;
    String failing = GroupedRoutes.FAILING;
    // Expected numbers, counted from what was sent: the failing group's budget 1 - 0.2 / 0.001 = -199,
    // the whole SLO's 1 - 0.05 / 0.001 = -49, every other group's 1 (events, none bad: burn rate 0).
    Map<String, Double> budgets = new LinkedHashMap<>();
    Map<String, Double> burns = new LinkedHashMap<>();
    budgets.put("", grouped.budget(GroupedRoutes.all()));
    burns.put("", grouped.burn(GroupedRoutes.all()));
    for (String route : GroupedRoutes.ROUTES) {
      budgets.put(route, grouped.budget(GroupedRoutes.route(route)));
      burns.put(route, grouped.burn(GroupedRoutes.route(route)));
    }
    assertEquals(-199, budgets.get(failing), 1e-9);
    assertEquals(-49, budgets.get(""), 1e-9);
    GroupedRoutes.ROUTES.stream().filter(r -> !r.equals(failing)).forEach(r -> assertEquals(1.0, budgets.get(r)));

    // Prometheus: every instance's budget and burn rate in every window (the whole SLO under operation="").
    String prometheus = url("PROMETHEUS_PORT");
    Poll.until("sli_error_budget and slo_burn_rate of " + slo + " per group in Prometheus = " + budgets + " / " + burns,
        Duration.ofSeconds(90), () -> groupDifferences(prometheus, slo, budgets, burns), String::isEmpty);
    // The query, as a user writes it: one series, the group's budget.
    JsonNode byRoute = Json.promQuery(prometheus, "sli_error_budget{name=\"" + slo + "\", operation=\"" + failing + "\"}");
    assertEquals(1, byRoute.size(), byRoute::toString);
    assertEquals(budgets.get(failing), byRoute.get(0).path("value").get(1).asDouble(), 1e-6 * 199, byRoute::toString);
    awaitValue(prometheus, "slo_groups{name=\"" + slo + "\"}", GroupedRoutes.ROUTES.size());
    awaitValue(prometheus, "sli_current_value{name=\"" + slo + "\", operation=\"" + failing + "\"}",
        1 - grouped.bad(GroupedRoutes.route(failing)) / (double) grouped.count(GroupedRoutes.route(failing)));
    // The exporter's /metrics says the same (the group's series carry its operation label).
    String metrics = Json.get(url("EXPORTER_PORT") + "/metrics").body();
    for (Map.Entry<String, Double> b : budgets.entrySet()) {
      String labels = b.getKey().isEmpty() ? "{name=\"" + slo + "\"}" : "{name=\"" + slo + "\",operation=\"" + b.getKey() + "\"}";
      double value = metrics.lines().filter(l -> l.startsWith("sli_error_budget" + labels + " ")).findFirst()
          .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .orElseThrow(() -> new AssertionError("no sli_error_budget" + labels + " in /metrics"));
      assertEquals(b.getValue(), value, 1e-6 * Math.max(1, Math.abs(b.getValue())), "sli_error_budget" + labels);
    }

    // Attribution, in every window it keeps: the failing route has all 20 bad events (share exactly 1),
    // creator-a 15 of them (0.75), creator-b 5 (0.25); a route without bad events has no share above 0.
    long bad = grouped.bad(GroupedRoutes.all());
    Map<String, Long> badByValue = new LinkedHashMap<>();
    badByValue.put("operation " + failing, grouped.bad(GroupedRoutes.route(failing)));
    for (String t : GroupedRoutes.TENANTS) {
      badByValue.put("attributes.tenant " + t, grouped.bad(GroupedRoutes.tenant(t)));
    }
    assertEquals(List.of(20L, 15L, 5L), List.copyOf(badByValue.values()));
    for (String w : GroupedRoutes.ATTRIBUTION_WINDOWS) {
      for (Map.Entry<String, Long> c : badByValue.entrySet()) {
        String key = c.getKey().substring(0, c.getKey().indexOf(' '));
        String value = c.getKey().substring(key.length() + 1);
        String sel = "{name=\"" + slo + "\", window=\"" + w + "\", key=\"" + key + "\", value=\"" + value + "\"}";
        awaitValue(prometheus, "slo_bad_events_top_share" + sel, c.getValue() / (double) bad);
        awaitValue(prometheus, "slo_bad_events_top" + sel, c.getValue());
      }
      JsonNode others = Json.promQuery(prometheus, "slo_bad_events_top_share{name=\"" + slo + "\", window=\"" + w
          + "\", key=\"operation\", value!=\"" + failing + "\"} > 0");
      assertEquals(0, others.size(), () -> "routes without bad events attributed a share: " + others);
    }
    // /api/slos: the SLO as a whole with its groups (worst budget first) and its top contributors.
    JsonNode api = Poll.until(slo + " in /api/slos with its 4 groups", Duration.ofSeconds(30),
        () -> {
          for (JsonNode s : Json.get(url("EXPORTER_PORT") + "/api/slos").json().path("slos")) {
            if (s.path("name").asText().equals(slo) && s.path("groups").size() == GroupedRoutes.ROUTES.size()) {
              return s;
            }
          }
          return null;
        }, s -> s != null);
    assertEquals("[\"operation\"]", api.path("groupBy").toString(), api::toString);
    assertEquals(budgets.get(""), api.path("budgetRemaining").asDouble(), 1e-6 * 49, api::toString);
    JsonNode worst = api.path("groups").get(0);
    assertEquals(failing, worst.path("group").path("operation").asText(), () -> "worst budget first: " + api.path("groups"));
    assertEquals(budgets.get(failing), worst.path("budgetRemaining").asDouble(), 1e-6 * 199, worst::toString);
    for (int i = 1; i < api.path("groups").size(); i++) {
      assertEquals(1.0, api.path("groups").get(i).path("budgetRemaining").asDouble(), 1e-9, api.path("groups")::toString);
    }
    JsonNode top = null;
    JsonNode creatorA = null;
    for (JsonNode c : api.path("topContributors")) {
      if (c.path("window").asText().equals("1h") && c.path("key").asText().equals("operation") && c.path("value").asText().equals(failing)) {
        top = c;
      }
      if (c.path("window").asText().equals("1h") && c.path("key").asText().equals("attributes.tenant")
          && c.path("value").asText().equals("creator-a")) {
        creatorA = c;
      }
    }
    assertTrue(top != null && creatorA != null, () -> "topContributors: " + api.path("topContributors"));
    assertEquals(List.of(20L, 100L, 20L, 0L), List.of(top.path("bad").asLong(), top.path("total").asLong(),
        top.path("windowBad").asLong(), top.path("maxUndercount").asLong()), top.toString());
    assertEquals(1.0, top.path("share").asDouble(), 1e-12, top.toString());
    assertEquals(List.of(15L, grouped.count(GroupedRoutes.tenant("creator-a")), 20L), List.of(creatorA.path("bad").asLong(),
        creatorA.path("total").asLong(), creatorA.path("windowBad").asLong()), creatorA.toString());
    assertEquals(0.75, creatorA.path("share").asDouble(), 1e-12, creatorA.toString());

    // Alerts: the failing group pages, with its operation label and its group page as the link; the
    // SLO as a whole (burn 50) pages too, with the attribution line. No other group has any alert.
    String alertmanager = url("ALERTMANAGER_PORT");
    String filter = URLEncoder.encode("slo=\"" + slo + "\"", StandardCharsets.UTF_8);
    Map<String, JsonNode> pages = Poll.until("the SLOBurnRate pages of " + slo + " (group " + failing + " and whole) in Alertmanager",
        Duration.ofSeconds(60), () -> {
          Map<String, JsonNode> found = new HashMap<>();
          for (JsonNode a : Json.get(alertmanager + "/api/v2/alerts?filter=" + filter).json()) {
            JsonNode l = a.path("labels");
            if ("SLOBurnRate".equals(l.path("alertname").asText()) && "page".equals(l.path("severity").asText())
                && "active".equals(a.path("status").path("state").asText())) {
              found.put(l.path("operation").asText(""), a);
            }
          }
          return found;
        }, found -> found.containsKey(failing) && found.containsKey(""));
    JsonNode groupPage = pages.get(failing);
    JsonNode groupLabels = groupPage.path("labels");
    assertEquals(Map.of("alertname", "SLOBurnRate", "slo", slo, "service", GroupedRoutes.SERVICE, "severity", "page", "operation", failing),
        Json.MAPPER.convertValue(groupLabels, Map.class), groupPage::toString);
    assertTrue(groupPage.path("generatorURL").asText().startsWith("http://localhost:" + ports.get("EXPORTER_PORT") + "/slo/" + slo + "?operation="),
        groupPage::toString);
    assertTrue(groupPage.path("annotations").path("long_burn_rate").asDouble() > 14.4, groupPage::toString);
    // The attribution line is on both pages: a group's alert names what burns its SLO's budget.
    JsonNode wholePage = pages.get("");
    assertEquals("top: " + failing + " 100 % of bad events (1h)", wholePage.path("annotations").path("top").asText(), wholePage::toString);
    assertEquals("top: " + failing + " 100 % of bad events (1h) in the whole SLO", groupPage.path("annotations").path("top").asText(),
        groupPage::toString);
    for (JsonNode a : Json.get(alertmanager + "/api/v2/alerts?filter=" + filter).json()) {
      String op = a.path("labels").path("operation").asText("");
      assertTrue(op.isEmpty() || op.equals(failing), () -> "an alert of a group that does not fail: " + a);
    }
    // The processor's own view of the alerts, per group, in Prometheus: only the failing group (and the whole) page.
    for (String route : GroupedRoutes.ROUTES) {
      awaitValue(prometheus, "slo_alert_firing{name=\"" + slo + "\", operation=\"" + route + "\", severity=\"page\"}",
          route.equals(failing) ? 1 : 0);
    }
    System.out.println("[e2e] grouped SLO: budgets, attribution and the group's page asserted " + Duration.between(posted, Instant.now()).toSeconds()
        + " s after posting; the group page's annotations: " + groupPage.path("annotations"));
  }

  /** Differences between Prometheus' sli_error_budget / slo_burn_rate of a grouped SLO and the expected values per group ("" = whole). */
  private static String groupDifferences(String prometheus, String slo, Map<String, Double> budgets, Map<String, Double> burns)
      throws IOException, InterruptedException {
    StringBuilder sb = new StringBuilder();
    Map<String, Double> got = new HashMap<>();
    for (JsonNode r : Json.promQuery(prometheus, "sli_error_budget{name=\"" + slo + "\"}")) {
      got.put("budget " + r.path("metric").path("operation").asText(""), r.path("value").get(1).asDouble());
    }
    for (JsonNode r : Json.promQuery(prometheus, "slo_burn_rate{name=\"" + slo + "\"}")) {
      got.put("burn " + r.path("metric").path("operation").asText("") + " " + r.path("metric").path("window").asText(),
          r.path("value").get(1).asDouble());
    }
    Map<String, Double> expected = new HashMap<>();
    budgets.forEach((g, v) -> expected.put("budget " + g, v));
    burns.forEach((g, v) -> WINDOWS.forEach(w -> expected.put("burn " + g + " " + w, v)));
    for (String k : new java.util.TreeSet<>(expected.keySet())) {
      Double g = got.get(k);
      double e = expected.get(k);
      if (g == null || Math.abs(g - e) > 1e-6 * Math.max(1, Math.abs(e))) {
        sb.append("\n  ").append(k).append(": got ").append(g).append(", expected ").append(e);
      }
    }
    if (!got.keySet().equals(expected.keySet())) {
      sb.append("\n  series: got ").append(new java.util.TreeSet<>(got.keySet())).append(", expected ")
          .append(new java.util.TreeSet<>(expected.keySet()));
    }
    return sb.toString();
  }

  private static long events(Map<String, Long> counts, Backlog.Slo slo, String window) {
    return counts.get(Backlog.key(slo.name(), "good", window)) + counts.get(Backlog.key(slo.name(), "bad", window));
  }

  @Test
  @Order(9)
  void everyGrafanaPanelQueryReturnsDataFromPrometheus() throws Exception {
    String prometheus = url("PROMETHEUS_PORT");
    List<Dashboards.Query> queries = new ArrayList<>();
    for (Path f : Dashboards.files(ROOT)) {
      queries.addAll(Dashboards.queries(f));
    }
    assertTrue(queries.size() >= 20, "dashboards have " + queries.size() + " queries");
    // Rates need two scrapes inside their range, the DLQ counter the processor's next scrape: poll
    // until every query has data, then report every one that never had.
    Map<Dashboards.Query, String> missing = new LinkedHashMap<>();
    queries.forEach(q -> missing.put(q, "never queried"));
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      for (Dashboards.Query q : List.copyOf(missing.keySet())) {
        JsonNode result = Json.promQuery(prometheus, q.promql());
        if (result.size() > 0) {
          missing.remove(q);
        } else {
          missing.put(q, "empty result");
        }
      }
      if (!missing.isEmpty()) {
        Thread.sleep(500); // polling cadence
      }
    }
    if (!missing.isEmpty()) {
      StringBuilder sb = new StringBuilder(missing.size() + " of " + queries.size() + " panel queries return no data:");
      missing.forEach((q, why) -> sb.append("\n  ").append(q).append(" -> ").append(why));
      fail(sb.toString());
    }
    System.out.println("[e2e] " + queries.size() + " dashboard queries answered");
  }

  @Test
  @Order(10)
  void theRenderedLocalConfigsAreValid() throws Exception {
    Shell.Result prom = Shell.run(ROOT, Map.of(), Duration.ofMinutes(1), WORK.resolve("promtool-local.out"),
        List.of("promtool", "check", "config", run.resolve("conf/prometheus/prometheus.yml").toString()));
    assertEquals(0, prom.exit(), prom::toString);
    assertTrue(prom.output().contains("1 rule files found"), prom::toString);
    Shell.Result am = Shell.run(ROOT, Map.of(), Duration.ofMinutes(1), WORK.resolve("amtool-local.out"),
        List.of("amtool", "check-config", run.resolve("conf/alertmanager/alertmanager.yml").toString()));
    assertEquals(0, am.exit(), am::toString);
    // Every target Prometheus scrapes in local mode is up.
    JsonNode down = Json.promQuery(url("PROMETHEUS_PORT"), "up == 0");
    assertEquals(0, down.size(), () -> "targets down: " + down);
    JsonNode jobs = Json.promQuery(url("PROMETHEUS_PORT"), "count by (job) (up)");
    assertEquals(6, jobs.size(), () -> "jobs: " + jobs);
  }

  @Test
  @Order(11)
  void stopLeavesNoProcessBehindAndKeepsTheData() throws Exception {
    Shell.Result stop = script("stop.sh", Duration.ofMinutes(3));
    assertEquals(0, stop.exit(), stop::toString);
    System.out.println("[e2e] ./stop.sh took " + stop.took().toMillis() + " ms");
    assertEquals(List.of(), ourProcesses(), "processes of the stack still running after ./stop.sh");
    for (Map.Entry<String, Integer> p : ports.entrySet()) {
      assertTrue(!listening(p.getValue()), p.getKey() + " " + p.getValue() + " still listening after ./stop.sh");
    }
    try (Stream<Path> s = Files.list(run.resolve("pids"))) {
      assertEquals(0, s.count(), "pid files left");
    }
    assertTrue(Files.isRegularFile(run.resolve("data/kafka/meta.properties")), "Kafka data kept without --purge");
    System.out.println("[e2e] whole run " + Duration.between(t0, Instant.now()).toSeconds() + " s");
  }

  /**
   * A correction after the fact, taken live on the stack as docs/processor.md says: the stopped
   * stack starts again under a new application id from the history, with a file that excludes the
   * burst's first 54 events (2 of its 8 errors). The budget becomes the corrected one, and a later
   * plain ./start.sh keeps the file and the id (going back would bring back the uncorrected state).
   */
  @Test
  @Order(12)
  void aCorrectionTakenLiveOnTheStackStaysLiveAcrossRestarts() throws Exception {
    Path corrected = WORK.resolve("slos-corrected.yaml");
    Instant to = burstStart.plusMillis(200L * 54); // exclusive: event 54 counts
    Files.writeString(corrected, "exclude:\n  - {from: \"" + burstStart + "\", to: \"" + to + "\", reason: \"e2e correction\"}\n"
        + Files.readString(WORK.resolve("slos-e2e.yaml")));
    long errorsLeft = java.util.stream.IntStream.range(54, EVENTS).filter(i -> i % (EVENTS / ERRORS) == 3).count();
    double correctedBudget = 1 - (errorsLeft / (double) (EVENTS - 54)) / 0.001;
    assertEquals(6, errorsLeft);

    Shell.Result handOver = start(Map.of("PROCESSOR_APPLICATION_ID", "e2e-v2", "PROCESSOR_START_FROM", "1d"),
        "--slos", corrected.toString());
    assertTrue(processorCommandLine().contains("--application-id e2e-v2 --start-from 1d"), handOver::toString);
    assertTrue(handOver.output().contains("processor application id: e2e-v2 (on its first start it reads the events from 1d back)"),
        handOver::toString);
    awaitValue(url("PROMETHEUS_PORT"), "sli_error_budget{name=\"api-availability\"}", correctedBudget);
    assertTrue(Files.readString(run.resolve("logs/processor-1.log")).contains("caught up with history, publishing"));

    assertEquals(0, script("stop.sh", Duration.ofMinutes(3)).exit());
    Shell.Result plain = start(Map.of());
    assertTrue(plain.output().contains("SLO file of the last start: " + corrected.toRealPath())
        && plain.output().contains("processor application id of the last start: e2e-v2"), plain::toString);
    assertTrue(processorCommandLine().contains("--slos " + corrected.toRealPath() + " --application-id e2e-v2"), processorCommandLine());
    awaitValue(url("PROMETHEUS_PORT"), "sli_error_budget{name=\"api-availability\"}", correctedBudget);
    assertEquals(0, script("stop.sh", Duration.ofMinutes(3)).exit());
  }

  private String processorCommandLine() throws IOException {
    String pid = Files.readString(run.resolve("pids/processor-1.pid")).trim();
    return ProcessHandle.of(Long.parseLong(pid)).flatMap(p -> p.info().commandLine()).orElse("");
  }

  @AfterAll
  void stopWhateverIsLeft() throws Exception {
    if (run == null || ourProcesses().isEmpty()) {
      return;
    }
    script("stop.sh", Duration.ofMinutes(3));
    for (ProcessHandle p : handles()) {
      p.destroyForcibly();
    }
  }

  // -------------------------------------------------------------------------------------------

  private Map<String, String> pids() throws IOException {
    Map<String, String> pids = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(run.resolve("pids"))) {
      for (Path p : s.sorted().toList()) {
        pids.put(p.getFileName().toString().replace(".pid", ""), Files.readString(p).trim());
      }
    }
    return pids;
  }

  /** Processes carrying this run directory's mark (see compose/local/stack-lib.sh). */
  private List<String> ourProcesses() {
    return handles().stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
  }

  private List<ProcessHandle> handles() {
    String mark = "=" + run;
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(mark + " ") || c.contains(mark + "/") || c.endsWith(mark)).orElse(false))
        .toList();
  }

  private static boolean listening(int port) {
    try {
      new Socket(InetAddress.getLoopbackAddress(), port).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void freePorts(Map<String, Integer> ports) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (String k : ports.keySet()) {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        held.add(s);
        ports.put(k, s.getLocalPort());
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  private String logTails() {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> s = Files.list(run.resolve("logs"))) {
      for (Path log : s.sorted().toList()) {
        List<String> lines = Files.readAllLines(log);
        sb.append("---- ").append(log.getFileName()).append(" (last 30 lines)\n");
        lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> sb.append(l).append('\n'));
      }
    } catch (IOException e) {
      sb.append("(no logs: ").append(e).append(")");
    }
    return sb.toString();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
