package com.huntaze.slo.exporter.testing;

import com.huntaze.slo.testing.Poll;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real Prometheus (Debian package {@code prometheus}) on a free port, scraping one target every second. */
public final class PrometheusServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ExternalProcess process;
  private final String url;

  private PrometheusServer(ExternalProcess process, String url) {
    this.process = process;
    this.url = url;
  }

  public static PrometheusServer start(Path binary, Path workDir, String target, List<Path> ruleFiles)
      throws IOException {
    Files.createDirectories(workDir);
    Path config = workDir.resolve("prometheus.yml");
    StringBuilder rules = new StringBuilder();
    for (Path r : ruleFiles) {
      rules.append("  - '").append(r.toAbsolutePath()).append("'\n");
    }
    Files.writeString(config, """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        rule_files:
        %s
        scrape_configs:
          - job_name: slo-exporter
            static_configs:
              - targets: ['%s']
        """.formatted(rules.length() == 0 ? "  []" : rules.toString().stripTrailing(), target));
    int port = Http.freePort();
    ExternalProcess p = ExternalProcess.start("prometheus", List.of(binary.toString(),
        "--config.file=" + config, "--storage.tsdb.path=" + workDir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port));
    PrometheusServer server = new PrometheusServer(p, "http://127.0.0.1:" + port);
    try {
      Poll.until("Prometheus ready at " + server.url + " (" + p + ")", Duration.ofSeconds(60),
          () -> {
            if (!p.alive()) {
              throw new IllegalStateException("Prometheus exited:\n" + p.logTail());
            }
            return Http.status(server.url + "/-/ready") == 200;
          });
    } catch (AssertionError | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** {@code /api/v1/query}: the result vector. */
  public JsonNode query(String promql) throws IOException, InterruptedException {
    var response = Http.get(url + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    JsonNode body = JSON.readTree(response.body());
    if (!"success".equals(body.path("status").asText())) {
      throw new IllegalStateException("query " + promql + " failed: " + response.body());
    }
    return body.path("data").path("result");
  }

  /** The single value of an instant query, or null when the result is empty. */
  public Double value(String promql) throws IOException, InterruptedException {
    JsonNode result = query(promql);
    if (result.isEmpty()) {
      return null;
    }
    if (result.size() > 1) {
      throw new IllegalStateException(promql + " returned " + result.size() + " series: " + result);
    }
    return Double.valueOf(result.get(0).path("value").get(1).asText());
  }

  /** {@code /api/v1/rules}: the rule groups with each rule's health and last error. */
  public JsonNode rules() throws IOException, InterruptedException {
    return JSON.readTree(Http.get(url + "/api/v1/rules").body()).path("data").path("groups");
  }

  public String url() {
    return url;
  }

  @Override
  public void close() {
    process.close();
  }
}
