package com.huntaze.slo.e2e.support;

import com.huntaze.slo.testing.Poll;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the packaged services ({@code <module>/target/<module>.jar}) in its own JVM on 127.0.0.1
 * and a free port, its output in {@code target/it-logs/<name>.log}: killable with SIGKILL.
 */
public final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private ServiceProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts {@code java -jar <module>.jar <command> --bind 127.0.0.1 --port <free> <args>}. */
  public static ServiceProcess start(Path repoRoot, String module, String command, String name, List<String> args)
      throws IOException {
    Path jar = repoRoot.resolve(module).resolve("target").resolve(module + ".jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run through the reactor (mvn verify), which packages it first");
    }
    int port = freePort();
    Path log = Path.of("target", "it-logs", name + ".log");
    Files.createDirectories(log.getParent());
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString(), command, "--bind", "127.0.0.1", "--port", String.valueOf(port)));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new ServiceProcess(name, p, port, log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Waits until {@code /health/ready} answers 200 (the health contract every service shares). */
  public void awaitReady(Duration timeout) {
    Poll.until(name + " ready (log " + log.toAbsolutePath() + ")", timeout, () -> {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + "; log " + log.toAbsolutePath()
            + ", ending:\n" + logTail(30));
      }
      return HTTP.send(HttpRequest.newBuilder(url("/health/ready")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    });
  }

  /** The last lines of the log: a CI report keeps the failure message but not the log files. */
  private String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  public String get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** SIGKILL: no shutdown hook, no commit, no goodbye to the consumer group. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Resident memory of the JVM in MiB (Linux), -1 when unknown: heap and everything else it holds. */
  public long residentMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException gone) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
