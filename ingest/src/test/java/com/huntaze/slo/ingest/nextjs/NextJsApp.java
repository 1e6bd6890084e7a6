package com.huntaze.slo.ingest.nextjs;

import static org.junit.jupiter.api.Assertions.fail;

import com.huntaze.slo.testing.Poll;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The example Next.js app (src/test/nextjs) built and started for real: copied to target/nextjs-app,
 * {@code npm ci} only when the lock file changed and {@code next build} only when a source changed
 * (so a second run takes seconds), then {@code next start} on 127.0.0.1 and a free port. Missing
 * node/npm: the test fails under CI=true (CI installs them), else it is skipped saying what to install.
 */
final class NextJsApp implements AutoCloseable {
  private static final Path SOURCE = Path.of("src/test/nextjs");
  private static final Path WORK = Path.of("target/nextjs-app");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(4);

  private final Process process;
  private final URI uri;

  private NextJsApp(Process process, URI uri) {
    this.process = process;
    this.uri = uri;
  }

  /** Installs and builds if needed, starts {@code next start} with these extra environment variables. */
  static NextJsApp start(Map<String, String> env) throws Exception {
    requireOnPath("node", "nodejs");
    requireOnPath("npm", "npm");
    copySources();
    if (stampChanged("node_modules/.lock-sha256", digest(List.of(WORK.resolve("package-lock.json"))))) {
      run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), "npm-ci.log");
      writeStamp("node_modules/.lock-sha256", digest(List.of(WORK.resolve("package-lock.json"))));
    }
    String sources = digest(sourceFiles(SOURCE));
    if (stampChanged(".next/.sources-sha256", sources)) {
      run(List.of("node", "node_modules/next/dist/bin/next", "build"), "next-build.log");
      writeStamp(".next/.sources-sha256", sources);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder("node", "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1",
        "-p", String.valueOf(port)).directory(WORK.toFile()).redirectErrorStream(true)
        .redirectOutput(WORK.resolve("next-start.log").toFile());
    pb.environment().put("NEXT_TELEMETRY_DISABLED", "1");
    pb.environment().putAll(env);
    NextJsApp app = new NextJsApp(pb.start(), URI.create("http://127.0.0.1:" + port));
    // A test JVM stopped from outside (Ctrl-C, a killed build) must not leave the server running.
    Runtime.getRuntime().addShutdownHook(new Thread(app.process::destroyForcibly, "stop-next-start"));
    try {
      // HTTP/1.1: the JDK's default HTTP/2 upgrade request gets no answer from next start.
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      Poll.until("next start answering on port " + port + " (log: " + WORK.resolve("next-start.log") + ")",
          Duration.ofSeconds(60), () -> {
            if (!app.process.isAlive()) {
              fail("next start exited with " + app.process.exitValue() + ": " + tail(WORK.resolve("next-start.log")));
            }
            return client.send(HttpRequest.newBuilder(app.uri.resolve("/")).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() > 0;
          });
      return app;
    } catch (RuntimeException | Error e) {
      app.close();
      throw e;
    }
  }

  URI uri() {
    return uri;
  }

  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static void requireOnPath(String binary, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return;
      }
    }
    String message = binary + " not found on PATH: the Next.js test needs Node.js 18.18+ and npm "
        + "(apt-get install -y " + debianPackage + ")";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true and " + message);
    }
    Assumptions.abort("skipped: " + message);
  }

  private static void run(List<String> command, String log) throws IOException, InterruptedException {
    Path logFile = WORK.resolve(log);
    Process p = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
        .redirectOutput(logFile.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within " + INSTALL_TIMEOUT + ": " + tail(logFile));
    }
    if (p.exitValue() != 0) {
      fail(String.join(" ", command) + " failed with exit code " + p.exitValue() + " in " + WORK + ": " + tail(logFile));
    }
  }

  /** The app's own files (not node_modules or build output) into the work folder, replacing older copies. */
  private static void copySources() throws IOException {
    for (Path file : sourceFiles(SOURCE)) {
      Path target = WORK.resolve(SOURCE.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static List<Path> sourceFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> !root.relativize(p).toString().matches("(node_modules|\\.next)(/.*)?|next-env\\.d\\.ts"))
          .sorted().toList();
    }
  }

  private static boolean stampChanged(String stamp, String expected) throws IOException {
    Path file = WORK.resolve(stamp);
    return !Files.exists(file) || !Files.readString(file).equals(expected);
  }

  private static void writeStamp(String stamp, String value) throws IOException {
    Files.writeString(WORK.resolve(stamp), value);
  }

  private static String digest(List<Path> files) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Path f : files) {
      sha.update(f.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(f));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : new ArrayList<>();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
