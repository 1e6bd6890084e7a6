package com.huntaze.slo.ingest;

import com.huntaze.slo.schemas.service.KafkaOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The Kafka option names ingest documented before every service shared {@link KafkaOptions}. They
 * still work, hidden from {@code --help}, so existing scripts and deployments do not break:
 * {@code --kafka} (= {@code --bootstrap-servers}), {@code --kafka-property KEY=VALUE} and
 * {@code INGEST_KAFKA_PROPERTIES} (= {@code --kafka-config KEY=VALUE}), {@code INGEST_KAFKA_CONFIG}
 * (= {@code KAFKA_CONFIG_FILE}). Where both name the same setting, the shared names win, except an
 * explicit {@code --kafka}.
 */
public final class LegacyKafkaOptions {
  @Option(names = "--kafka", hidden = true, description = "old name of --bootstrap-servers")
  String bootstrapServers;

  @Option(names = "--kafka-property", hidden = true, split = "\\n", defaultValue = "${env:INGEST_KAFKA_PROPERTIES}",
      description = "old name of --kafka-config KEY=VALUE")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--legacy-kafka-config-file", hidden = true, defaultValue = "${env:INGEST_KAFKA_CONFIG}",
      description = "env INGEST_KAFKA_CONFIG: old name of KAFKA_CONFIG_FILE")
  Path settingsFile;

  /** Every Kafka client setting, {@code bootstrap.servers} included. */
  public Properties merge(KafkaOptions shared) {
    Properties p = settingsFile == null ? new Properties() : KafkaOptions.readFile(settingsFile, "INGEST_KAFKA_CONFIG");
    if (settings != null) {
      p.putAll(settings);
    }
    p.putAll(shared.properties());
    if (bootstrapServers != null) {
      p.put("bootstrap.servers", bootstrapServers);
    }
    return p;
  }
}
