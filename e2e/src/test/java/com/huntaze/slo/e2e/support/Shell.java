package com.huntaze.slo.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion (bounded), output (stdout + stderr) captured to a file and returned. */
public final class Shell {
  private Shell() {
  }

  public record Result(int exit, String output, Duration took) {
    @Override
    public String toString() {
      return "exit " + exit + " after " + took.toMillis() + " ms:\n" + output;
    }
  }

  public static Result run(Path dir, Map<String, String> env, Duration timeout, Path outputFile, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(outputFile.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(command + " did not finish within " + timeout.toSeconds() + "s; output so far:\n"
          + Files.readString(outputFile, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), Files.readString(outputFile, StandardCharsets.UTF_8),
        Duration.ofNanos(System.nanoTime() - start));
  }
}
