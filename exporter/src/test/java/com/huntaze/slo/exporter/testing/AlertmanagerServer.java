package com.huntaze.slo.exporter.testing;

import com.huntaze.slo.testing.Poll;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Alertmanager (Debian package {@code prometheus-alertmanager}) on a fixed free port with
 * clustering off; {@link #restart()} stops it and starts it again on the same port.
 */
public final class AlertmanagerServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path binary;
  private final Path workDir;
  private final int port;
  private ExternalProcess process;

  private AlertmanagerServer(Path binary, Path workDir, int port) {
    this.binary = binary;
    this.workDir = workDir;
    this.port = port;
  }

  public static AlertmanagerServer start(Path binary, Path workDir) throws IOException {
    return start(binary, workDir, """
        route:
          receiver: blackhole
          group_by: [alertname, slo]
          group_wait: 1s
        receivers:
          - name: blackhole
        """);
  }

  /** With this configuration, e.g. the shipped one rendered without Slack. */
  public static AlertmanagerServer start(Path binary, Path workDir, String config) throws IOException {
    Files.createDirectories(workDir);
    Files.writeString(workDir.resolve("alertmanager.yml"), config);
    AlertmanagerServer server = new AlertmanagerServer(binary, workDir, Http.freePort());
    server.launch();
    return server;
  }

  private void launch() throws IOException {
    process = ExternalProcess.start("alertmanager", List.of(binary.toString(),
        "--config.file=" + workDir.resolve("alertmanager.yml"), "--storage.path=" + workDir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="));
    ExternalProcess p = process;
    try {
      Poll.until("Alertmanager ready at " + url() + " (" + p + ")", Duration.ofSeconds(60), () -> {
        if (!p.alive()) {
          throw new IllegalStateException("Alertmanager exited:\n" + p.logTail());
        }
        return Http.status(url() + "/-/ready") == 200;
      });
    } catch (AssertionError | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  public void stop() {
    process.close();
  }

  public void startAgain() throws IOException {
    launch();
  }

  public void restart() throws IOException {
    stop();
    startAgain();
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** {@code GET /api/v2/alerts}: the alerts Alertmanager holds as active (not resolved). */
  public JsonNode alerts() throws IOException, InterruptedException {
    return JSON.readTree(Http.get(url() + "/api/v2/alerts").body());
  }

  /** {@code GET /api/v2/alerts/groups}: the alerts as the route groups them into notifications. */
  public JsonNode groups() throws IOException, InterruptedException {
    return JSON.readTree(Http.get(url() + "/api/v2/alerts/groups").body());
  }

  /** The alert with these label values, or null. */
  public JsonNode alert(String alertname, String slo, String severity) throws IOException, InterruptedException {
    for (JsonNode a : alerts()) {
      JsonNode l = a.path("labels");
      if (alertname.equals(l.path("alertname").asText()) && slo.equals(l.path("slo").asText())
          && severity.equals(l.path("severity").asText())) {
        return a;
      }
    }
    return null;
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
