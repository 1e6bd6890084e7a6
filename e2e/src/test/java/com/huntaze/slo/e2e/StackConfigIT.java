package com.huntaze.slo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.huntaze.slo.e2e.support.Binaries;
import com.huntaze.slo.e2e.support.Dashboards;
import com.huntaze.slo.e2e.support.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shipped stack file checked by the tool that runs it: the compose file by docker-compose
 * (no Docker engine needed), Prometheus' and Alertmanager's configs by promtool and amtool (also as
 * local mode renders them), the Grafana files parsed and cross-checked, the scripts' usage.
 */
class StackConfigIT {
  private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  private static final Path WORK = Path.of(System.getProperty("e2e.work", "target/e2e")).toAbsolutePath().normalize();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static Shell.Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
    Files.createDirectories(WORK);
    return Shell.run(ROOT, env, Duration.ofMinutes(2), WORK.resolve("config-" + System.nanoTime() + ".out"), List.of(command));
  }

  private static JsonNode composeConfig(Map<String, String> env) throws Exception {
    Path compose = Binaries.require("docker-compose", "docker-compose");
    Shell.Result r = run(env, compose.toString(), "-f", "compose/docker-compose.yml", "config");
    assertEquals(0, r.exit(), r::toString);
    return YAML.readTree(r.output());
  }

  @Test
  void composeFileIsValid() throws Exception {
    Path compose = Binaries.require("docker-compose", "docker-compose");
    Shell.Result r = run(Map.of(), compose.toString(), "-f", "compose/docker-compose.yml", "config", "-q");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("", r.output().strip(), "docker-compose config -q prints nothing for a valid file");
  }

  @Test
  void composeRunsTheWholeStackUnderTheSeedsNamesAndPorts() throws Exception {
    JsonNode services = composeConfig(Map.of()).path("services");
    Set<String> names = new HashSet<>();
    services.fieldNames().forEachRemaining(names::add);
    assertEquals(Set.of("kafka", "processor-1", "processor-2", "ingest", "exporter", "loadgen", "prometheus",
        "alertmanager", "grafana", "node-exporter"), names);
    services.properties().forEach(e ->
        assertEquals("huntaze-" + e.getKey(), e.getValue().path("container_name").asText(), e.getKey() + " container name"));
    Map<String, String> published = Map.of("grafana", "3001", "prometheus", "9090", "alertmanager", "9093",
        "node-exporter", "9100", "ingest", "8088", "exporter", "9464", "kafka", "9092");
    published.forEach((service, port) -> {
      String ports = services.path(service).path("ports").toString();
      assertTrue(ports.contains("127.0.0.1:" + port + ":"), () -> service + " publishes " + ports + ", expected 127.0.0.1:" + port);
    });
    assertEquals("apache/kafka:4.3.1", services.path("kafka").path("image").asText(), "Kafka image on the project's Kafka version");
    assertEquals("broker,controller", services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText(), "KRaft");
    for (String p : List.of("processor-1", "processor-2")) {
      JsonNode env = services.path(p).path("environment");
      assertEquals("slo-processor", env.path("PROCESSOR_APPLICATION_ID").asText(), "one application id: the instances share the work");
      assertEquals("processor", services.path(p).path("build").path("args").path("MODULE").asText());
    }
    assertEquals("demo", services.path("loadgen").path("profiles").get(0).asText(), "traffic only with --demo");
    assertEquals("10m", services.path("loadgen").path("environment").path("LOADGEN_INCIDENT_EVERY").asText(),
        "the demo's settings from compose/demo.env, the file local mode reads too");
    assertEquals("admin123", services.path("grafana").path("environment").path("GF_SECURITY_ADMIN_PASSWORD").asText());
    assertEquals("", services.path("alertmanager").path("environment").path("SLACK_WEBHOOK_URL").asText(),
        "no webhook in the file: it comes from the environment");
  }

  /** The rows of the scripts' table of parts (STACK_PARTS in compose/local/stack-lib.sh), split in columns. */
  private static List<String[]> stackParts() throws Exception {
    Shell.Result r = run(Map.of(), "bash", "-c", ". compose/local/stack-lib.sh && parts");
    assertEquals(0, r.exit(), r::toString);
    return r.output().lines().map(l -> l.trim().split("\\s+", 10)).toList();
  }

  @Test
  void composeFilePublishesEachPartOnTheScriptsDefaultPort() throws Exception {
    // The compose file must work without start.sh, so it states its defaults; they must be the table's.
    JsonNode services = composeConfig(Map.of()).path("services");
    int checked = 0;
    for (String[] part : stackParts()) {
      if (!part[2].contains("compose") || part[3].equals("-")) {
        continue;
      }
      String own = part[3].split(",")[0];
      String port = own.substring(own.indexOf('=') + 1);
      String ports = services.path(part[0]).path("ports").toString();
      assertTrue(ports.contains("127.0.0.1:" + port + ":"), () -> part[0] + " publishes " + ports + ", the table says " + own);
      checked++;
    }
    assertEquals(7, checked, "kafka, alertmanager, node-exporter, ingest, exporter, prometheus, grafana");
  }

  @Test
  void composeTakesSecretsPortsAndTheSloFileFromTheEnvironment() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T000/B000/XXXX");
    env.put("GRAFANA_ADMIN_PASSWORD", "s3cret");
    env.put("GRAFANA_PORT", "13001");
    env.put("STACK_BIND", "0.0.0.0");
    env.put("SLO_FILE", "/srv/slo/my-slos.yaml");
    env.put("PROCESSOR_APPLICATION_ID", "slo-processor-v2");
    env.put("PROCESSOR_START_FROM", "31d");
    JsonNode services = composeConfig(env).path("services");
    for (String processor : List.of("processor-1", "processor-2")) { // the hand-over, in compose mode
      JsonNode e = services.path(processor).path("environment");
      assertEquals("slo-processor-v2", e.path("PROCESSOR_APPLICATION_ID").asText(), e::toString);
      assertEquals("31d", e.path("PROCESSOR_START_FROM").asText(), e::toString);
    }
    assertEquals("https://hooks.slack.com/services/T000/B000/XXXX",
        services.path("alertmanager").path("environment").path("SLACK_WEBHOOK_URL").asText());
    assertEquals("s3cret", services.path("grafana").path("environment").path("GF_SECURITY_ADMIN_PASSWORD").asText());
    assertTrue(services.path("grafana").path("ports").toString().contains("0.0.0.0:13001:3000"), services.path("grafana").toString());
    assertTrue(services.path("processor-1").path("volumes").toString().contains("/srv/slo/my-slos.yaml:/etc/slo/slos.yaml"),
        services.path("processor-1").toString());
  }

  @Test
  void noSecretIsCommitted() throws Exception {
    try (Stream<Path> files = Files.walk(ROOT.resolve("compose"))) {
      for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/target/")).toList()) {
        String text = Files.readString(f);
        assertFalse(text.matches("(?s).*hooks\\.slack\\.com/services/T[A-Z0-9]+/.*"), f + " holds a Slack webhook");
        assertFalse(text.contains("api_url:"), f + " sets a Slack api_url inline (use api_url_file)");
      }
    }
  }

  @Test
  void prometheusConfigIsValidWithItsRules() throws Exception {
    Path promtool = Binaries.require("promtool", "prometheus");
    Shell.Result r = run(Map.of(), promtool.toString(), "check", "config", "compose/prometheus/prometheus.yml");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.output().contains("1 rule files found"), r::toString);
    JsonNode config = YAML.readTree(ROOT.resolve("compose/prometheus/prometheus.yml").toFile());
    List<String> jobs = new ArrayList<>();
    config.path("scrape_configs").forEach(j -> jobs.add(j.path("job_name").asText()));
    assertEquals(List.of("slo-exporter", "slo-processor", "ingest", "node", "prometheus", "alertmanager"), jobs,
        "the exporter's rules expect job=\"slo-exporter\"");
  }

  @Test
  void localModeRendersAValidPrometheusConfigWithoutWhatIsNotInstalled() throws Exception {
    Path promtool = Binaries.require("promtool", "prometheus");
    Path dir = WORK.resolve("rendered-prometheus");
    // No Alertmanager, no Node Exporter, two processors, short intervals.
    Shell.Result r = run(Map.of(
        "PROMETHEUS_TARGETS", "slo-exporter=127.0.0.1:1;slo-processor=127.0.0.1:2,127.0.0.1:3;ingest=127.0.0.1:4;node=;prometheus=127.0.0.1:5;alertmanager=;alerting=",
        "PROMETHEUS_RULES_DIR", ROOT.resolve("compose/prometheus/rules").toString(),
        "PROMETHEUS_SCRAPE_INTERVAL", "1s", "PROMETHEUS_EVALUATION_INTERVAL", "2s"),
        "sh", "compose/prometheus/render-config.sh", "compose/prometheus/prometheus.yml", dir.toString());
    assertEquals(0, r.exit(), r::toString);
    Path out = dir.resolve("prometheus.yml");
    Shell.Result check = run(Map.of(), promtool.toString(), "check", "config", out.toString());
    assertEquals(0, check.exit(), check + "\n" + Files.readString(out));
    JsonNode config = YAML.readTree(out.toFile());
    assertEquals("1s", config.path("global").path("scrape_interval").asText());
    assertEquals("2s", config.path("global").path("evaluation_interval").asText());
    assertTrue(config.path("alerting").isMissingNode(), "no Alertmanager section without Alertmanager");
    Map<String, String> targets = new HashMap<>();
    config.path("scrape_configs").forEach(j -> targets.put(j.path("job_name").asText(), j.path("static_configs").get(0).path("targets").toString()));
    assertEquals(Map.of("slo-exporter", "[\"127.0.0.1:1\"]", "slo-processor", "[\"127.0.0.1:2\",\"127.0.0.1:3\"]",
        "ingest", "[\"127.0.0.1:4\"]", "prometheus", "[\"127.0.0.1:5\"]"), targets);
    assertEquals(ROOT.resolve("compose/prometheus/rules") + "/*.yml", config.path("rule_files").get(0).asText());
  }

  @Test
  void localModeRendersKafkaFromItsTemplateAndRefusesAMissingSetting() throws Exception {
    Path dir = WORK.resolve("rendered-kafka");
    Map<String, String> env = new HashMap<>(Map.of("KAFKA_HOST", "127.0.0.1", "STACK_BIND", "0.0.0.0", "KAFKA_PORT", "1",
        "KAFKA_CONTROLLER_PORT", "2", "KAFKA_DATA_DIR", "/data/kafka"));
    Shell.Result r = run(env, "sh", "compose/local/kafka/render-config.sh", "compose/local/kafka/server.properties", dir.toString());
    assertEquals(0, r.exit(), r::toString);
    java.util.Properties p = new java.util.Properties();
    try (var in = Files.newBufferedReader(dir.resolve("server.properties"))) {
      p.load(in);
    }
    assertEquals("PLAINTEXT://0.0.0.0:1,CONTROLLER://127.0.0.1:2", p.getProperty("listeners"));
    assertEquals("PLAINTEXT://127.0.0.1:1,CONTROLLER://127.0.0.1:2", p.getProperty("advertised.listeners"));
    assertEquals("/data/kafka", p.getProperty("log.dirs"));
    assertEquals("1", p.getProperty("offsets.topic.replication.factor"), "a one-node cluster");

    env.remove("KAFKA_DATA_DIR");
    Shell.Result missing = run(env, "sh", "compose/local/kafka/render-config.sh", "compose/local/kafka/server.properties",
        WORK.resolve("rendered-kafka-missing").toString());
    assertEquals(1, missing.exit(), missing::toString);
    assertTrue(missing.output().contains("KAFKA_DATA_DIR is not set"), missing::toString);
  }

  @Test
  void alertmanagerConfigIsValidWithAndWithoutSlack() throws Exception {
    Path amtool = Binaries.require("amtool", "prometheus-alertmanager");
    Shell.Result shipped = run(Map.of(), amtool.toString(), "check-config", "compose/alertmanager/alertmanager.yml");
    assertEquals(0, shipped.exit(), shipped::toString);

    Path withSlack = WORK.resolve("am-slack");
    Shell.Result r = run(Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/x"), "sh",
        "compose/alertmanager/render-config.sh", "compose/alertmanager/alertmanager.yml", withSlack.toString());
    assertEquals(0, r.exit(), r::toString);
    assertEquals("https://hooks.slack.com/services/T0/B0/x", Files.readString(withSlack.resolve("slack-webhook-url")));
    assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(withSlack.resolve("slack-webhook-url")), "webhook file readable by its owner only");
    JsonNode config = YAML.readTree(withSlack.resolve("alertmanager.yml").toFile());
    Map<String, String> receivers = new HashMap<>();
    config.path("receivers").forEach(rc -> receivers.put(rc.path("name").asText(),
        rc.path("slack_configs").get(0).path("api_url_file").asText()));
    assertEquals(Map.of("slack-page", withSlack.resolve("slack-webhook-url").toString(),
        "slack-ticket", withSlack.resolve("slack-webhook-url").toString()), receivers);
    Shell.Result check = run(Map.of(), amtool.toString(), "check-config", withSlack.resolve("alertmanager.yml").toString());
    assertEquals(0, check.exit(), check::toString);

    Path without = WORK.resolve("am-no-slack");
    r = run(Map.of("SLACK_WEBHOOK_URL", ""), "sh", "compose/alertmanager/render-config.sh",
        "compose/alertmanager/alertmanager.yml", without.toString());
    assertEquals(0, r.exit(), r::toString);
    assertFalse(Files.exists(without.resolve("slack-webhook-url")));
    config = YAML.readTree(without.resolve("alertmanager.yml").toFile());
    config.path("receivers").forEach(rc -> assertTrue(rc.path("slack_configs").isMissingNode(), rc.toString()));
    check = run(Map.of(), amtool.toString(), "check-config", without.resolve("alertmanager.yml").toString());
    assertEquals(0, check.exit(), check::toString);

    // Routes by severity: pages and tickets to their own receivers.
    JsonNode routes = YAML.readTree(ROOT.resolve("compose/alertmanager/alertmanager.yml").toFile()).path("route").path("routes");
    assertEquals("slack-page", routes.get(0).path("receiver").asText());
    assertEquals("severity=\"page\"", routes.get(0).path("matchers").get(0).asText());
    assertEquals("slack-ticket", routes.get(1).path("receiver").asText());
    assertEquals("severity=\"ticket\"", routes.get(1).path("matchers").get(0).asText());
  }

  @Test
  void grafanaDashboardsAreWellFormedAndUseTheProvisionedDataSource() throws Exception {
    JsonNode datasources = YAML.readTree(ROOT.resolve("compose/grafana/provisioning/datasources/datasources.yml").toFile());
    Set<String> uids = new HashSet<>();
    datasources.path("datasources").forEach(d -> uids.add(d.path("uid").asText()));
    assertTrue(uids.contains("prometheus"), uids.toString());
    JsonNode providers = YAML.readTree(ROOT.resolve("compose/grafana/provisioning/dashboards/dashboards.yml").toFile());
    assertEquals("/etc/grafana/dashboards", providers.path("providers").get(0).path("options").path("path").asText(),
        "where the compose file mounts compose/grafana/dashboards");

    List<Path> files = Dashboards.files(ROOT);
    assertEquals(List.of("pipeline-health.json", "slo-overview.json"), files.stream().map(p -> p.getFileName().toString()).toList());
    Set<String> dashboardUids = new HashSet<>();
    for (Path f : files) {
      JsonNode d = Dashboards.parse(f);
      assertTrue(dashboardUids.add(d.path("uid").asText()), f + " uid not unique");
      assertFalse(d.path("title").asText().isBlank(), f + " title");
      Set<Integer> ids = new HashSet<>();
      for (JsonNode p : Dashboards.panels(d)) {
        String where = f.getFileName() + " panel \"" + p.path("title").asText() + "\"";
        assertTrue(ids.add(p.path("id").asInt()), where + ": duplicate id");
        assertEquals("prometheus", p.path("datasource").path("uid").asText(), where + ": data source");
        JsonNode pos = p.path("gridPos");
        assertTrue(pos.path("x").asInt() + pos.path("w").asInt() <= 24, where + ": wider than the grid");
        assertTrue(p.path("targets").size() > 0, where + ": no query");
        p.path("targets").forEach(t -> assertFalse(t.path("expr").asText().isBlank(), where + ": empty query"));
        assertFalse(p.path("description").asText().isBlank(), where + ": no description");
      }
      Dashboards.queries(f); // every variable has a value to test with
    }
    // What the issue asks of each dashboard.
    String overview = Files.readString(ROOT.resolve("compose/grafana/dashboards/slo-overview.json"));
    for (String metric : List.of("sli_error_budget", "sli_current_value", "sli_target", "slo_burn_rate", "slo_alert_state")) {
      assertTrue(overview.contains(metric), "SLO overview lacks " + metric);
    }
    String pipeline = Files.readString(ROOT.resolve("compose/grafana/dashboards/pipeline-health.json"));
    for (String metric : List.of("ingest_events_accepted_total", "ingest_events_rejected_total", "slo_processor_lag_records",
        "outcome=~\\\"late", "slo_processor_dead_letters_total")) {
      assertTrue(pipeline.contains(metric), "pipeline health lacks " + metric);
    }
  }

  @Test
  void scriptsExplainThemselvesAndRefuseUnknownOptions() throws Exception {
    for (String script : List.of("start.sh", "stop.sh")) {
      Shell.Result syntax = run(Map.of(), "bash", "-n", script);
      assertEquals(0, syntax.exit(), syntax::toString);
      Shell.Result help = run(Map.of(), "./" + script, "--help");
      assertEquals(0, help.exit(), help::toString);
      assertTrue(help.output().startsWith("Usage: ./" + script), help::toString);
      Shell.Result bad = run(Map.of(), "./" + script, "--no-such-option");
      assertEquals(2, bad.exit(), bad::toString);
      assertTrue(bad.output().contains("unknown option --no-such-option"), bad::toString);
    }
    String startHelp = run(Map.of(), "./start.sh", "--help").output();
    for (String word : List.of("--local", "--compose", "--demo", "--slos", "--install-deps", "SLO_RUN_DIR", "KAFKA_PORT",
        "INGEST_PORT", "EXPORTER_PORT", "PROCESSOR_PORT", "PROMETHEUS_PORT", "ALERTMANAGER_PORT", "SLACK_WEBHOOK_URL")) {
      assertTrue(startHelp.contains(word), () -> "start.sh --help does not mention " + word);
    }
    assertTrue(run(Map.of(), "./stop.sh", "--help").output().contains("--purge"));
    Shell.Result noFile = run(Map.of(), "./start.sh", "--slos");
    assertEquals(2, noFile.exit(), noFile::toString);
    assertTrue(noFile.output().contains("--slos needs a file") && noFile.output().contains("Usage: ./start.sh"), noFile::toString);
  }

  @Test
  void everyCommandAnswersHelpAndVersionAndNamesAMisspeltCommand() throws Exception {
    Shell.Result benchHelp = run(Map.of(), "./ingest/bench.sh", "--help");
    assertEquals(0, benchHelp.exit(), benchHelp::toString);
    assertTrue(benchHelp.output().startsWith("Usage: ./ingest/bench.sh"), benchHelp::toString);
    assertEquals(2, run(Map.of(), "./ingest/bench.sh", "--events").exit(), "an argument it does not take");
    String processor = ROOT.resolve("processor/target/processor.jar").toString();
    Shell.Result typo = run(Map.of(), "java", "-jar", processor, "chekc");
    assertEquals(2, typo.exit(), typo::toString);
    assertTrue(typo.output().contains("processor: unknown command 'chekc' (commands: run, check, replay"), typo::toString);
    Shell.Result help = run(Map.of(), "java", "-jar", processor, "help", "replay");
    assertEquals(0, help.exit(), help::toString);
    assertTrue(help.output().contains("Usage: processor replay"), help::toString);
    Shell.Result version = run(Map.of(), "java", "-jar", processor, "check", "--version");
    assertEquals(0, version.exit(), version::toString);
    assertTrue(version.output().contains("slo-processor"), version::toString);
  }

  @Test
  void shellScriptsPassShellcheck() throws Exception {
    Path shellcheck = Binaries.require("shellcheck", "shellcheck");
    Shell.Result r = run(Map.of(), shellcheck.toString(), "-x", "start.sh", "stop.sh", "compose/local/stack-lib.sh", "compose/local/parts.sh",
        "compose/alertmanager/render-config.sh", "compose/prometheus/render-config.sh", "compose/local/kafka/render-config.sh",
        "compose/docker/healthcheck.sh");
    assertEquals(0, r.exit(), r::toString);
  }

  /**
   * A part that exits at start is shown with what it wrote since that start: a service refusing an
   * option names it on its first line, before 70-odd lines of usage, so the last 25 lines alone hid it.
   */
  @Test
  void aPartThatDiesAtStartIsShownWithTheReasonItGave() throws Exception {
    Path log = WORK.resolve("died.log");
    Files.createDirectories(WORK);
    StringBuilder text = new StringBuilder("an earlier run\n\n===== 2026-12-03T08:35:00Z starting ingest\n"
        + "Invalid value for option '--publish-timeout': '10' is not a duration\n");
    for (int i = 1; i <= 70; i++) {
      text.append("usage line ").append(i).append('\n');
    }
    Files.writeString(log, text);
    Shell.Result r = run(Map.of(), "bash", "-c", ". compose/local/stack-lib.sh && . compose/local/parts.sh && start_log_excerpt \"$0\"",
        log.toString());
    assertEquals(0, r.exit(), r::toString);
    List<String> lines = r.output().lines().toList();
    assertEquals("Invalid value for option '--publish-timeout': '10' is not a duration", lines.get(0), r::toString);
    assertEquals("usage line 70", lines.get(lines.size() - 1), r::toString);
    assertTrue(lines.size() <= 26, r::toString);
    assertFalse(r.output().contains("an earlier run"), r::toString);
  }

  /**
   * A port another process holds is found before any part starts: found step by step, it stopped
   * the start half-way with Kafka and the processor already running. Instance ports past 65535 too.
   */
  @Test
  void aTakenOrImpossiblePortStopsStartBeforeAnythingRuns() throws Exception {
    Path runDir = WORK.resolve("taken-port-run");
    Map<String, String> env = new HashMap<>(Map.of("SLO_RUN_DIR", runDir.toString(), "PROCESSOR_INSTANCES", "1"));
    List<java.net.ServerSocket> held = new ArrayList<>();
    for (String var : List.of("KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "ALERTMANAGER_PORT", "NODE_EXPORTER_PORT", "PROCESSOR_PORT",
        "INGEST_PORT", "EXPORTER_PORT", "PROMETHEUS_PORT")) {
      java.net.ServerSocket socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
      held.add(socket);
      env.put(var, String.valueOf(socket.getLocalPort()));
    }
    java.net.ServerSocket ingest = held.get(5); // the last part to start but one: everything before it would run
    try {
      for (java.net.ServerSocket socket : held) {
        if (socket != ingest) {
          socket.close();
        }
      }
      Shell.Result r = run(env, "./start.sh", "--local");
      assertEquals(1, r.exit(), r::toString);
      assertTrue(r.output().contains("cannot start ingest: port " + ingest.getLocalPort() + " is already in use"), r::toString);
      assertFalse(r.output().contains("ready ("), r::toString);
      try (Stream<Path> pids = Files.exists(runDir.resolve("pids")) ? Files.list(runDir.resolve("pids")) : Stream.empty()) {
        assertEquals(List.of(), pids.toList(), "no part started");
      }
    } finally {
      ingest.close();
      run(Map.of("SLO_RUN_DIR", runDir.toString()), "./stop.sh"); // had anything started, it stops here
    }
    Map<String, String> past = Map.of("SLO_RUN_DIR", WORK.resolve("past-65535-run").toString(), "PROCESSOR_INSTANCES", "2",
        "PROCESSOR_PORT", "65535");
    Shell.Result r = run(past, "./start.sh", "--local");
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.output().contains("PROCESSOR_PORT: an instance would listen on 65536, past 65535"), r::toString);
    assertFalse(Files.exists(WORK.resolve("past-65535-run")), "nothing started, not even the run directory");
  }

  /**
   * --compose on a machine whose Docker engine does not answer (no daemon, as on the project
   * machines) says so and what to run instead, before anything runs; it used to hand over to
   * docker-compose, which printed a hundred-line Python traceback and left a run directory behind.
   */
  @Test
  void composeWithoutADockerEngineSaysSoBeforeAnythingRuns() throws Exception {
    Path bin = WORK.resolve("no-engine-bin");
    Files.createDirectories(bin);
    Path docker = bin.resolve("docker");
    Files.writeString(docker, "#!/bin/sh\necho 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.' >&2\nexit 1\n");
    docker.toFile().setExecutable(true);
    Path runDir = WORK.resolve("no-engine-run-" + System.nanoTime());
    Shell.Result r = run(Map.of("SLO_RUN_DIR", runDir.toString(), "PATH", bin + ":" + System.getenv("PATH")), "./start.sh", "--compose");
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.output().contains("no Docker engine answers"), r::toString);
    assertTrue(r.output().contains("./start.sh --local"), r::toString);
    assertFalse(r.output().contains("Traceback"), r::toString);
    assertFalse(Files.exists(runDir), "nothing started, not even the run directory");
  }

  @Test
  void aBadSloFileStopsStartBeforeAnythingRuns() throws Exception {
    Path bad = WORK.resolve("bad-slos.yaml");
    Files.createDirectories(WORK);
    Files.writeString(bad, "slos:\n  - name: Bad Name\n    service: x\n    objective: 150\n    sli: {availability: {}}\n");
    Path runDir = WORK.resolve("bad-slo-run");
    Shell.Result r = run(Map.of("SLO_RUN_DIR", runDir.toString()), "./start.sh", "--local", "--slos", bad.toString());
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.output().contains("invalid SLO file"), r::toString);
    assertFalse(Files.exists(runDir), "nothing started, not even the run directory");
  }

  /**
   * Every warning of the SLO file and its summary line are shown at start: only the first line of
   * the check's output was, so a file with warnings showed its first warning and hid the others.
   * (A KAFKA_HOME without libs/ then stops the start before anything runs.)
   */
  @Test
  void everyWarningOfTheSloFileIsShownAtStart() throws Exception {
    Path warned = WORK.resolve("warned-slos.yaml");
    Files.createDirectories(WORK);
    Files.writeString(warned, "slos:\n  - {name: a, service: s, objective: 0.999, sli: {availability: {}}}\n"
        + "  - {name: b, service: s, objective: 95, sli: {latency: {threshold: 0.5}}}\n");
    Path runDir = WORK.resolve("warned-slo-run");
    Shell.Result r = run(Map.of("SLO_RUN_DIR", runDir.toString(), "KAFKA_HOME", WORK.resolve("no-kafka").toString()),
        "./start.sh", "--local", "--slos", warned.toString());
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.output().contains("warned-slos.yaml: 2 SLOs"), r::toString);
    assertTrue(r.output().contains("warning: slo 'a': objective: 0.999 means 0.999 %"), r::toString);
    assertTrue(r.output().contains("warning: slo 'b': sli.latency.threshold: 0.5 means 0.5 ms"), r::toString);
    assertFalse(Files.exists(runDir), "nothing started, not even the run directory");
  }

  /**
   * A stopped stack starts again with what it last ran with (start.sh saves it in stack.env): the
   * SLO file and the number of processors, unless the environment names another. The saved file
   * is a bad one here, so each start stops at its check, before anything runs.
   */
  @Test
  void aStoppedStackStartsAgainWithTheSloFileAndProcessorsItLastRanWith() throws Exception {
    Path runDir = WORK.resolve("last-start-run");
    Files.createDirectories(runDir);
    Path bad = WORK.resolve("last-start-bad-slos.yaml");
    Files.writeString(bad, "slos:\n  - name: Bad Name\n    service: x\n    objective: 150\n    sli: {availability: {}}\n");
    Files.writeString(runDir.resolve("stack.env"), "SLO_FILE=" + bad.toRealPath() + "\nPROCESSOR_INSTANCES=2\n");
    Shell.Result again = run(Map.of("SLO_RUN_DIR", runDir.toString()), "./start.sh", "--local");
    assertEquals(1, again.exit(), again::toString);
    assertTrue(again.output().contains("SLO file of the last start: " + bad.toRealPath())
        && again.output().contains("processor instances of the last start: 2")
        && again.output().contains("invalid SLO file"), again::toString);
    Shell.Result asked = run(Map.of("SLO_RUN_DIR", runDir.toString(), "PROCESSOR_INSTANCES", "1"), "./start.sh", "--local");
    assertEquals(1, asked.exit(), asked::toString);
    assertFalse(asked.output().contains("processor instances of the last start"), asked::toString);
  }
}
