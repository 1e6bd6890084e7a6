package com.huntaze.slo.processor.openslo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code processor openslo ...} in-process and keeps its exit code, stdout and stderr. */
final class OpenSloCli {
  record Run(int exit, String out, String err) {
    /** The report lines on stderr that name this text. */
    List<String> lines(String containing) {
      return err.lines().filter(l -> l.contains(containing)).toList();
    }
  }

  static final Path UPSTREAM = resource("openslo/upstream");

  private OpenSloCli() {
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new OpenSloCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** An OpenSLO SLO of the convention for service {@code web}; {@code specExtra} goes in its spec, after service. */
  static String slo(String name, String specExtra) {
    return """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: %s
        spec:
          service: web
        %s
        """.formatted(name, specExtra.indent(2).stripTrailing());
  }

  /** {@code processor openslo import} of these texts, each written to its own file in {@code dir}. */
  static Run importText(Path dir, String... files) throws java.io.IOException {
    String[] args = new String[files.length + 1];
    args[0] = "import";
    for (int i = 0; i < files.length; i++) {
      Path f = dir.resolve("f" + i + ".yaml");
      java.nio.file.Files.writeString(f, files[i]);
      args[i + 1] = f.toString();
    }
    return run(args);
  }

  /** Fails showing the whole text when one of the pieces is not in it. */
  static void assertContains(String text, String... pieces) {
    for (String piece : pieces) {
      org.junit.jupiter.api.Assertions.assertTrue(text.contains(piece), () -> "missing:\n" + piece + "\nin:\n" + text);
    }
  }

  static Path resource(String name) {
    try {
      return Paths.get(OpenSloCli.class.getClassLoader().getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
