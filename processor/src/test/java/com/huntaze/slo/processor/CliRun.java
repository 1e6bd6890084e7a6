package com.huntaze.slo.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One run of the processor's command line as {@link Main} runs it, with what it wrote to stderr. */
record CliRun(int exit, String err) {
  /** The command line with {@code args}, against a file of one SLO as {@code --slos} (appended). */
  static CliRun withOneSlo(String... args) throws Exception {
    Path slos = Files.createTempFile("slos", ".yaml");
    try {
      Files.writeString(slos, "slos:\n  - {name: a, service: s, objective: 99, sli: {availability: {}}}\n");
      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setErr(new PrintWriter(err, true));
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(List.of("--slos", slos.toString()));
      return new CliRun(cli.execute(all.toArray(String[]::new)), err.toString());
    } finally {
      Files.deleteIfExists(slos);
    }
  }
}
