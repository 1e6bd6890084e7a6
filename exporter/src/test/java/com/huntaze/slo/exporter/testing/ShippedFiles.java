package com.huntaze.slo.exporter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The configuration files the project ships under compose/, seen from the exporter module. */
public final class ShippedFiles {
  private ShippedFiles() {
  }

  public static Path compose() {
    Path dir = Path.of("..", "compose").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("no compose/ directory at " + dir + " (tests run from the exporter module)");
    }
    return dir;
  }

  public static Path rulesDir() {
    return compose().resolve("prometheus").resolve("rules");
  }

  /** Every Prometheus rule file shipped (rules/*.yml). */
  public static List<Path> ruleFiles() {
    return list(rulesDir(), "glob:*.{yml,yaml}");
  }

  /** Every promtool unit test shipped (rules/tests/*.test.yml). */
  public static List<Path> ruleTests() {
    return list(rulesDir().resolve("tests"), "glob:*.test.{yml,yaml}");
  }

  private static List<Path> list(Path dir, String glob) {
    var matcher = dir.getFileSystem().getPathMatcher(glob);
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> Files.isRegularFile(p) && matcher.matches(p.getFileName())).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
