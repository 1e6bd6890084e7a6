package com.huntaze.slo.ingest;

import com.huntaze.slo.ingest.gateway.GatewayCommand;
import com.huntaze.slo.ingest.loadgen.LoadgenCommand;
import com.huntaze.slo.schemas.service.OptionSources;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar ingest.jar [gateway|loadgen] [options]}; no subcommand means {@code gateway}. */
@Command(name = "ingest", mixinStandardHelpOptions = true, version = "ingest 0.1.0",
    description = "SLO pipeline ingest: the HTTP gateway (default) and the traffic generator.",
    subcommands = {GatewayCommand.class, LoadgenCommand.class, CommandLine.HelpCommand.class})
public final class Main {
  private static final List<String> TOP_LEVEL = List.of("-h", "--help", "-V", "--version", "help");

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command and returns its exit code (tests and embedding; {@link #main} exits with it). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    OptionSources.install(cli, OptionSources::declaredVariable, System::getenv);
    // A bad value (an impossible ratio, an unreadable token file) is the user's to fix: one line, no stack trace.
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof java.io.IOException
          || e instanceof java.io.UncheckedIOException) {
        commandLine.getErr().println(commandLine.getCommandName() + ": " + OptionSources.withSource(e.getMessage(), commandLine,
            parsed.originalArgs(), OptionSources::declaredVariable, System::getenv));
        return 2;
      }
      throw e;
    });
    if (args.length > 0 && !args[0].startsWith("-") && !cli.getSubcommands().containsKey(args[0])) {
      // Not an option of the default gateway either: say so, rather than point at the word inserted before it.
      cli.getErr().println("ingest: unknown command '" + args[0] + "' (commands: gateway, loadgen, help; "
          + "without one the gateway runs). Usage: ingest --help");
      return 2;
    }
    return cli.execute(withDefaultSubcommand(args));
  }

  /** The gateway is the service: running it must not need a subcommand. */
  static String[] withDefaultSubcommand(String[] args) {
    if (args.length > 0 && (args[0].equals("gateway") || args[0].equals("loadgen") || TOP_LEVEL.contains(args[0]))) {
      return args;
    }
    String[] out = new String[args.length + 1];
    out[0] = "gateway";
    System.arraycopy(args, 0, out, 1, args.length);
    return Arrays.copyOf(out, out.length);
  }
}
