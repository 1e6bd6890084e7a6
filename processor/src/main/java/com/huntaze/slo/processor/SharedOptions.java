package com.huntaze.slo.processor;

import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.service.KafkaOptions;
import com.huntaze.slo.schemas.slo.Durations;
import com.huntaze.slo.schemas.slo.SloConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options the live processor and the replay share, so both read events the same way. */
final class SharedOptions {
  @Option(names = "--slos", description = "SLO definitions (env SLO_CONFIG). Default: ${DEFAULT-VALUE}",
      defaultValue = "${env:SLO_CONFIG:-compose/slos.yaml}")
  Path slos;

  @Mixin
  KafkaOptions kafka;

  /** The command these options were given to: its usage goes with a refused value. */
  @Spec(Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec command;

  @Option(names = "--events-topic", description = "Topic of the request events (env SLO_EVENTS_TOPIC). Default: ${DEFAULT-VALUE}",
      defaultValue = "${env:SLO_EVENTS_TOPIC:-" + Topics.REQUEST_EVENTS + "}")
  String eventsTopic;

  @Option(names = "--max-future-skew", description = "How far an event's time may be ahead of its record's timestamp "
      + "and of the processor's clock; in a replay, of the newest record time read (env PROCESSOR_MAX_FUTURE_SKEW). Default: ${DEFAULT-VALUE}",
      defaultValue = "${env:PROCESSOR_MAX_FUTURE_SKEW:-5m}")
  String maxFuture;

  /** Kept so existing scripts still start: lateness is now bounded by each SLO's windows, not by a grace. */
  @Option(names = "--grace", hidden = true)
  String grace;

  /** The SLO file, or null after printing every error in it. */
  SloConfig loadSlos(PrintWriter err) {
    if (grace != null) {
      err.println("warning: --grace is ignored: a late event now counts in every window that still covers it");
    }
    return Main.loadSlos(slos, err);
  }

  EngineSettings engineSettings(Duration alertResend) {
    Duration skew = Main.duration(command.commandLine(), "--max-future-skew", maxFuture);
    if (skew.compareTo(Duration.ofHours(1)) > 0) {
      throw new CommandLine.ParameterException(command.commandLine(),
          "--max-future-skew: at most 1h (got '" + maxFuture + "')");
    }
    return new EngineSettings(skew, alertResend);
  }

  /** Refuses a flag's value with the usage of {@code command} unless {@code ok}. */
  static void require(CommandLine command, boolean ok, String message) {
    if (!ok) {
      throw new CommandLine.ParameterException(command, message);
    }
  }

  /** A duration flag's value, refused below {@code min} with the usage of {@code command}. */
  static Duration atLeast(CommandLine command, String flag, String text, Duration min) {
    Duration d = Main.duration(command, flag, text);
    if (d.compareTo(min) < 0) {
      throw new CommandLine.ParameterException(command, flag + ": at least " + Durations.format(min) + " (got '" + text + "')");
    }
    return d;
  }

  /** What the user has to fix, in one line without a stack trace: an unreadable --kafka-config-file (exit 2), a bootstrap address the Kafka client refuses (exit 1). */
  static int failureInOneLine(Exception e, CommandLine command) throws Exception {
    if (e instanceof java.io.UncheckedIOException) {
      command.getErr().println("processor " + command.getCommandName() + ": " + e.getMessage());
      return 2;
    }
    // A bootstrap address the Kafka client refuses before connecting (a host that does not resolve, no port).
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.apache.kafka.common.config.ConfigException) {
        command.getErr().println("processor " + command.getCommandName() + ": cannot use Kafka: " + t.getMessage()
            + " (--bootstrap-servers, KAFKA_BOOTSTRAP_SERVERS)");
        return 1;
      }
    }
    throw e;
  }

  /** The live topics, with the event topic as configured. */
  Topics topics() {
    return Topics.withNames(eventsTopic, Topics.STATUS, Topics.ALERTS, Topics.DEAD_LETTERS);
  }
}
