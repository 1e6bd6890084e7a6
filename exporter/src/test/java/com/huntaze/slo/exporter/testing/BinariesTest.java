package com.huntaze.slo.exporter.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class BinariesTest {
  @Test
  void shouldFailInCiWhenABinaryIsMissing() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> Binaries.require("no-such-binary", "no-such-package", Map.of("PATH", "/nonexistent", "CI", "true")));
    assertTrue(e.getMessage().contains("apt-get install -y no-such-package"), e.getMessage());
  }

  @Test
  void shouldSkipOutsideCiWhenABinaryIsMissing() {
    TestAbortedException e = assertThrows(TestAbortedException.class,
        () -> Binaries.require("no-such-binary", "no-such-package", Map.of("PATH", "/nonexistent")));
    assertTrue(e.getMessage().contains("skipped"), e.getMessage());
  }

  @Test
  void shouldFindAnInstalledBinaryOnPath() {
    assertTrue(Binaries.require("sh", "dash", Map.of("PATH", "/usr/bin:/bin")).toString().endsWith("/sh"));
  }
}
