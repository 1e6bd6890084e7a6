package com.huntaze.slo.exporter.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Headless Chromium (Debian package {@code chromium}), each run with a fresh profile. */
public final class Chromium {
  private final Path binary;
  private final Path workDir;

  public Chromium(Path binary, Path workDir) {
    this.binary = binary;
    this.workDir = workDir;
  }

  /** The DOM after the page loaded, serialized. */
  public String dumpDom(String url) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", url));
  }

  /** A PNG of the page at this viewport size. */
  public void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height,
        "--screenshot=" + png.toAbsolutePath(), url));
  }

  private String run(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(workDir, "chromium-profile");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
    command.addAll(args);
    Path stderr = workDir.resolve("chromium-" + System.nanoTime() + ".stderr");
    Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("chromium did not finish in 90 s: " + command);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("chromium exited with " + p.exitValue() + ": " + command + "\n" + Files.readString(stderr));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
