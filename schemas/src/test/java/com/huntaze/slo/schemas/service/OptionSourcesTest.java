package com.huntaze.slo.schemas.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class OptionSourcesTest {
  @Command(name = "svc")
  static final class Svc implements Runnable {
    @Option(names = {"-i", "--interval"}, defaultValue = "${env:SVC_INTERVAL:-5s}")
    String interval;

    @Option(names = "--plain", defaultValue = "x")
    String plain;

    @Override
    public void run() {
    }
  }

  private static String sourced(String message, Map<String, String> env, String... args) {
    return OptionSources.withSource(message, new CommandLine(new Svc()), List.of(args), OptionSources::declaredVariable, env::get);
  }

  @Test
  void shouldNameTheVariableOnlyWhenTheValueCameFromIt() {
    Map<String, String> env = Map.of("SVC_INTERVAL", "bogus");
    assertEquals("--interval: 'bogus' is not a duration (set by environment variable SVC_INTERVAL)",
        sourced("--interval: 'bogus' is not a duration", env));
    assertEquals("--interval: 'bogus' is not a duration", sourced("--interval: 'bogus' is not a duration", env, "--interval", "bogus"));
    assertEquals("--interval: bad", sourced("--interval: bad", env, "--interval=bogus"));
    assertEquals("--interval: bad", sourced("--interval: bad", env, "-i", "bogus"), "given by its short name");
    assertEquals("--interval: bad", sourced("--interval: bad", Map.of()), "no variable set: the declared default was refused");
    assertEquals("--interval: bad", sourced("--interval: bad", Map.of("SVC_INTERVAL", " ")));
    assertEquals("--plain: bad", sourced("--plain: bad", env), "declares no variable");
    assertEquals("--other: bad", sourced("--other: bad", env), "not an option of this command");
    assertEquals("no option named", sourced("no option named", env));
  }

  @Test
  void shouldReadTheVariableFromTheDeclaredDefault() {
    CommandLine cli = new CommandLine(new Svc());
    assertEquals(Optional.of("SVC_INTERVAL"), OptionSources.declaredVariable(cli.getCommandSpec().findOption("--interval")));
    assertEquals(Optional.empty(), OptionSources.declaredVariable(cli.getCommandSpec().findOption("--plain")));
  }
}
