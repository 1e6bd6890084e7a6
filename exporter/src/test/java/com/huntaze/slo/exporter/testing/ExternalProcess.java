package com.huntaze.slo.exporter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A process a test started (and only that one): output to a log file under target/, stopped on close. */
public final class ExternalProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ExternalProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static ExternalProcess start(String name, List<String> command) throws IOException {
    Path log = Path.of("target", "it-logs", name + "-" + System.nanoTime() + ".log");
    Files.createDirectories(log.getParent());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ExternalProcess(name, p, log);
  }

  public boolean alive() {
    return process.isAlive();
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  public Path log() {
    return log;
  }

  /** Stops the process (TERM, then KILL after 10 s) and waits for it. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + log + ")";
  }
}
