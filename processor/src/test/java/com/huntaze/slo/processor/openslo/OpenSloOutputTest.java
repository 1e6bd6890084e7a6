package com.huntaze.slo.processor.openslo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A stdout that cannot be written (redirected to a full disk) fails the command: a PrintWriter
 * swallows the error, so without a check the report said "exported" and the exit was 0.
 */
class OpenSloOutputTest {
  private static final Path FULL = Path.of("/dev/full"); // every write fails with "No space left on device"

  @Test
  void shouldFailExportWhoseOutputCannotBeWritten(@TempDir Path dir) throws Exception {
    Path slos = dir.resolve("slos.yaml");
    Files.writeString(slos, """
        slos:
          - {name: web, service: web, objective: 99, window: 28d, sli: {availability: {}}}
        """);
    Run run = runWithStdoutTo(FULL, "export", "--slos", slos.toString());
    assertEquals(2, run.exit(), run.err());
    assertEquals(List.of("openslo export: cannot write to stdout (a full disk or a closed pipe?): the OpenSLO documents are "
        + "missing or cut short"), run.err().lines().filter(l -> l.contains("stdout")).toList(), run.err());
  }

  @Test
  void shouldFailImportWhoseOutputCannotBeWritten(@TempDir Path dir) throws Exception {
    Path openslo = dir.resolve("web.yaml");
    Files.writeString(openslo, OpenSloCli.slo("web", """
        indicator:
          metadata: {name: avail}
          spec:
            ratioMetric:
              counter: true
              good: {metricSource: {type: huntaze, spec: {sli: availability}}}
              total: {metricSource: {type: huntaze}}
        timeWindow: [{duration: 28d, isRolling: true}]
        budgetingMethod: Occurrences
        objectives: [{target: 0.99}]
        """));
    Run run = runWithStdoutTo(FULL, "import", openslo.toString());
    assertEquals(2, run.exit(), run.err());
    assertEquals(List.of("openslo import: cannot write to stdout (a full disk or a closed pipe?): the slos.yaml is "
        + "missing or cut short"), run.err().lines().filter(l -> l.contains("stdout")).toList(), run.err());
  }

  private record Run(int exit, String err) {
  }

  private static Run runWithStdoutTo(Path stdout, String... args) throws Exception {
    assumeTrue(Files.isWritable(stdout), "needs Linux' /dev/full");
    StringWriter err = new StringWriter();
    try (PrintWriter out = new PrintWriter(new FileWriter(stdout.toFile()))) {
      CommandLine cli = new CommandLine(new OpenSloCommand());
      cli.setOut(out);
      cli.setErr(new PrintWriter(err, true));
      return new Run(cli.execute(args), err.toString());
    }
  }
}
