package com.huntaze.slo.processor;

import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.service.KafkaOptions;
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
    return new EngineSettings(Main.duration(command.commandLine(), "--max-future-skew", maxFuture), alertResend);
  }

  /** The live topics, with the event topic as configured. */
  Topics topics() {
    return Topics.withNames(eventsTopic, Topics.STATUS, Topics.ALERTS, Topics.DEAD_LETTERS);
  }
}
