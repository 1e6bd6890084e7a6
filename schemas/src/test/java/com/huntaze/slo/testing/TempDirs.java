package com.huntaze.slo.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes a test's temporary directory when it is done. Best effort: a process the test killed may
 * still be letting go of a file, and a leftover must not fail a test that passed (JUnit's
 * {@code @TempDir} would), but each CI run would otherwise leave tens of MB of state in /tmp.
 */
public final class TempDirs {
  private TempDirs() {
  }

  public static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // left for the OS's temp cleaner
    }
  }
}
