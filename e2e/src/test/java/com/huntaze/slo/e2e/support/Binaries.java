package com.huntaze.slo.e2e.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds an external binary a test needs. Missing: under {@code CI=true} the test fails (CI installs
 * it, see .ci/run, and must run the test); elsewhere it is skipped, naming the package to install.
 */
public final class Binaries {
  private Binaries() {
  }

  public static Path require(String binary, String debianPackage) {
    return require(binary, debianPackage, System.getenv());
  }

  static Path require(String binary, String debianPackage, Map<String, String> env) {
    for (String dir : env.getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(dir, binary);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String message = binary + " not found on PATH: install the Debian package '" + debianPackage
        + "' (apt-get install -y " + debianPackage + ")";
    if ("true".equalsIgnoreCase(env.get("CI"))) {
      fail("CI=true and " + message);
    }
    Assumptions.abort("skipped: " + message);
    throw new AssertionError("unreachable");
  }
}
