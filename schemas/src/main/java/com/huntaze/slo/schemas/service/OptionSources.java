package com.huntaze.slo.schemas.service;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Says which environment variable a refused option value came from. Every service takes its
 * settings from flags or from environment variables (start.sh and compose set the latter), and
 * "--emit-interval: 'bogus' is not a duration" sends an operator looking for a flag nobody typed.
 */
public final class OptionSources {
  private static final Pattern FLAG = Pattern.compile("--[a-z0-9][a-z0-9-]*");
  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)");

  private OptionSources() {
  }

  /**
   * {@code message}, with {@code (set by environment variable NAME)} after it when the first option
   * it names is one of {@code command}'s, is not among {@code args}, and took its value from the
   * variable {@code variableOf} gives for it, which {@code env} has set.
   */
  public static String withSource(String message, CommandLine command, List<String> args,
                                  Function<OptionSpec, Optional<String>> variableOf, UnaryOperator<String> env) {
    Matcher flag = FLAG.matcher(message == null ? "" : message);
    if (!flag.find()) {
      return message;
    }
    String name = flag.group();
    OptionSpec option = command.getCommandSpec().findOption(name);
    if (option == null || args.stream().anyMatch(arg -> isGiven(option, arg))) {
      return message;
    }
    return variableOf.apply(option)
        .filter(variable -> env.apply(variable) != null && !env.apply(variable).isBlank())
        .map(variable -> message + " (set by environment variable " + variable + ")")
        .orElse(message);
  }

  private static boolean isGiven(OptionSpec option, String arg) {
    for (String name : option.names()) {
      if (arg.equals(name) || arg.startsWith(name + "=")) {
        return true;
      }
    }
    return false;
  }

  /** The variable an option's declared default reads ({@code ${env:NAME:-...}}), if any. */
  public static Optional<String> declaredVariable(OptionSpec option) {
    Object declared = option.userObject();
    CommandLine.Option annotation = declared instanceof java.lang.reflect.AnnotatedElement element
        ? element.getAnnotation(CommandLine.Option.class) : null;
    Matcher env = ENV_DEFAULT.matcher(annotation == null ? "" : annotation.defaultValue());
    return env.find() ? Optional.of(env.group(1)) : Optional.empty();
  }

  /**
   * Makes {@code cli}'s refused option values (picocli's, and the commands' own checks thrown as
   * {@link CommandLine.ParameterException}) name the variable they came from.
   */
  public static void install(CommandLine cli, Function<OptionSpec, Optional<String>> variableOf, UnaryOperator<String> env) {
    CommandLine.IParameterExceptionHandler shown = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler((e, args) -> {
      String message = withSource(e.getMessage(), e.getCommandLine(), List.of(args), variableOf, env);
      if (message.equals(e.getMessage())) {
        return shown.handleParseException(e, args);
      }
      CommandLine.ParameterException sourced = new CommandLine.ParameterException(e.getCommandLine(), message, e);
      return shown.handleParseException(sourced, args);
    });
  }
}
