package com.huntaze.slo.processor.openslo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.huntaze.slo.processor.Main;
import com.huntaze.slo.schemas.service.FileProblems;
import com.huntaze.slo.schemas.slo.SloConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code processor openslo import|export}: OpenSLO v1 in and out (docs/openslo.md). */
@Command(name = "openslo", mixinStandardHelpOptions = true,
    description = "Translate OpenSLO v1 documents to slos.yaml (import) and slos.yaml to OpenSLO v1 (export).",
    subcommands = {OpenSloCommand.Import.class, OpenSloCommand.Export.class})
public final class OpenSloCommand implements Callable<Integer> {
  /** Everything was translated (notes aside). */
  public static final int COMPLETE = 0;
  /** Something was not translated or was left out; the report on stderr says what and why. */
  public static final int PARTIAL = 1;
  /** Bad usage, a file that cannot be read or is not YAML, or an invalid slos.yaml: nothing was translated. */
  public static final int FAILED = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return FAILED;
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Read OpenSLO v1 documents (SLO, SLI, AlertPolicy, AlertCondition, AlertNotificationTarget; single "
          + "documents, YAML streams or lists; inline or by reference) and print the equivalent slos.yaml on stdout, "
          + "with a report of everything not translated on stderr.",
      footer = {"%nExit codes: 0 every SLO translated (notes only), 1 something not translated or left out (see the report), "
          + "2 bad usage or a file that cannot be read or is not YAML.", "The convention: docs/openslo.md"})
  static final class Import implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "OpenSLO v1 files; references resolve across all of them")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      OpenSloImport translation = new OpenSloImport();
      java.util.Set<Path> read = new java.util.HashSet<>();
      for (Path file : files) {
        if (!read.add(file.toAbsolutePath().normalize())) {
          continue; // given twice (a shell glob and a name): its objects are not each other's duplicates
        }
        try {
          translation.read(file.toString(), Files.readString(file));
        } catch (JsonProcessingException e) {
          err.println(file + ": not YAML: " + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
          err.flush();
          return FAILED;
        } catch (IOException e) {
          err.println(file + ": cannot read (" + FileProblems.describe(e) + ")");
          err.flush();
          return FAILED;
        }
      }
      translation.translate();
      Report report = translation.report();
      out.print(translation.yaml());
      if (!written(out, err, "openslo import", "the slos.yaml is")) {
        return FAILED;
      }
      report.print(err, "openslo import: " + translation.slos().size() + (translation.slos().size() == 1 ? " SLO" : " SLOs") + " translated"
          + (!translation.slos().isEmpty() ? "" : translation.hasSloDocuments() ? " (none could be, so nothing is printed)"
          : " (no SLO document in the files given, so nothing is printed)"));
      return report.complete() && !translation.slos().isEmpty() ? COMPLETE : PARTIAL;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write the SLOs of an slos.yaml as OpenSLO v1 (a YAML stream) on stdout, with a report on stderr of what "
          + "OpenSLO cannot hold.",
      footer = {"%nExit codes: 0 every SLO exported whole, 1 something not exported (see the report), 2 bad usage or an "
          + "slos.yaml that cannot be loaded.", "The convention: docs/openslo.md"})
  static final class Export implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--slos", required = true, paramLabel = "FILE", description = "The slos.yaml whose SLOs to write")
    Path slos;

    @Override
    public Integer call() {
      SloConfig config = Main.loadSlos(slos, spec.commandLine().getErr());
      PrintWriter err = spec.commandLine().getErr();
      if (config == null) {
        err.flush();
        return FAILED;
      }
      OpenSloExport export = new OpenSloExport(config);
      spec.commandLine().getOut().print(export.yaml());
      if (!written(spec.commandLine().getOut(), err, "openslo export", "the OpenSLO documents are")) {
        return FAILED;
      }
      export.report().print(err, "openslo export: " + export.exported() + " of " + config.slos().size() + " SLOs exported");
      return export.report().complete() ? COMPLETE : PARTIAL;
    }
  }

  /**
   * Flushes stdout and says so when it failed: a PrintWriter swallows write errors (a full disk, a
   * closed pipe). {@code what} names the output with its verb ("the slos.yaml is").
   */
  private static boolean written(PrintWriter out, PrintWriter err, String command, String what) {
    out.flush();
    // picocli's default stdout wraps System.out, a PrintStream that keeps the error to itself
    if (!out.checkError() && !System.out.checkError()) {
      return true;
    }
    err.println(command + ": cannot write to stdout (a full disk or a closed pipe?): " + what + " missing or cut short");
    err.flush();
    return false;
  }
}
