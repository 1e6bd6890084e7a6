package com.huntaze.slo.processor;

import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.schemas.slo.SloConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Option;

/** Options the live processor and the replay share, so both read events the same way. */
final class SharedOptions {
  @Option(names = "--slos", description = "SLO definitions (env SLO_CONFIG). Default: ${DEFAULT-VALUE}",
      defaultValue = "${env:SLO_CONFIG:-compose/slos.yaml}")
  Path slos;

  @Option(names = "--bootstrap-servers", description = "Kafka (env KAFKA_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}",
      defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}")
  String bootstrapServers;

  @Option(names = "--grace", description = "How late an event may be and still count (env PROCESSOR_GRACE). Default: ${DEFAULT-VALUE}",
      defaultValue = "${env:PROCESSOR_GRACE:-10m}")
  String grace;

  @Option(names = "--max-future-skew", description = "How far an event's time may be ahead of its record's "
      + "(env PROCESSOR_MAX_FUTURE_SKEW). Default: ${DEFAULT-VALUE}",
      defaultValue = "${env:PROCESSOR_MAX_FUTURE_SKEW:-5m}")
  String maxFuture;

  @Option(names = "--kafka-config", paramLabel = "KEY=VALUE",
      description = "Extra Kafka client/Streams setting, repeatable (e.g. security.protocol=SASL_SSL, session.timeout.ms=10000)")
  Map<String, String> kafkaConfig = new LinkedHashMap<>();

  /** The SLO file, or null after printing every error in it. */
  SloConfig loadSlos(PrintWriter err) {
    return Main.loadSlos(slos, err);
  }

  EngineSettings engineSettings(Duration alertResend) {
    return new EngineSettings(Main.duration("--grace", grace), Main.duration("--max-future-skew", maxFuture), alertResend);
  }

  Properties adminProperties() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.putAll(kafkaConfig);
    return p;
  }
}
