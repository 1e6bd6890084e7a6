package com.huntaze.slo.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.exporter.testing.Binaries;
import com.huntaze.slo.exporter.testing.ShippedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shipped rule file passes {@code promtool check rules} (lint errors fatal) and has a
 * {@code promtool test rules} unit test that passes; every shipped Alertmanager config passes
 * {@code amtool check-config}.
 */
class PrometheusRulesIT {

  @Test
  void shouldPassPromtoolCheckOnEveryShippedRuleFile() throws Exception {
    Path promtool = Binaries.require("promtool", "prometheus");
    List<Path> rules = ShippedFiles.ruleFiles();
    assertFalse(rules.isEmpty(), "no rule files under " + ShippedFiles.rulesDir());
    for (Path file : rules) {
      Result r = run(List.of(promtool.toString(), "check", "rules", "--lint-fatal", file.toString()));
      assertEquals(0, r.exit(), () -> "promtool check rules " + file + ":\n" + r.output());
      assertTrue(r.output().contains("SUCCESS"), r.output());
    }
  }

  @Test
  void shouldHaveAPassingPromtoolUnitTestForEveryShippedRuleFile() throws Exception {
    Path promtool = Binaries.require("promtool", "prometheus");
    List<Path> tests = ShippedFiles.ruleTests();
    for (Path rule : ShippedFiles.ruleFiles()) {
      String reference = "../" + rule.getFileName();
      assertTrue(tests.stream().anyMatch(t -> read(t).contains(reference)),
          () -> rule + " has no promtool test under rules/tests/ naming it in rule_files (" + reference + ")");
    }
    for (Path test : tests) {
      Result r = run(List.of(promtool.toString(), "test", "rules", test.toString()));
      assertEquals(0, r.exit(), () -> "promtool test rules " + test + ":\n" + r.output());
      assertTrue(r.output().contains("SUCCESS"), r.output());
    }
  }

  @Test
  void shouldPassAmtoolOnEveryShippedAlertmanagerConfig() throws Exception {
    List<Path> configs;
    try (Stream<Path> files = Files.walk(ShippedFiles.compose())) {
      configs = files.filter(p -> p.getFileName().toString().matches("alertmanager.*\\.ya?ml")).sorted().toList();
    }
    if (configs.isEmpty()) {
      return; // the exporter ships none; the stack's config is checked the same way once it exists
    }
    Path amtool = Binaries.require("amtool", "prometheus-alertmanager");
    for (Path config : configs) {
      Result r = run(List.of(amtool.toString(), "check-config", config.toString()));
      assertEquals(0, r.exit(), () -> "amtool check-config " + config + ":\n" + r.output());
    }
  }

  private record Result(int exit, String output) {
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish in 60 s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
