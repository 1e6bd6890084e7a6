package com.huntaze.slo.schemas.service;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * How every service (processor, ingest, exporter) is told where Kafka is and how to talk to it: the
 * same flags and the same environment names everywhere. A picocli mixin
 * ({@code @Mixin KafkaOptions kafka}); settings apply in this order, later ones winning: the
 * properties file, then each {@code --kafka-config KEY=VALUE}, then {@code --bootstrap-servers}.
 * TLS and SASL are plain Kafka client settings ({@code security.protocol=SASL_SSL}, ...).
 */
public final class KafkaOptions {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}",
      defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}")
  String bootstrapServers;

  @Option(names = "--kafka-config", paramLabel = "KEY=VALUE",
      description = "Kafka client setting, repeatable (e.g. security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-512)")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--kafka-config-file", paramLabel = "FILE",
      description = "Kafka client settings as a properties file, e.g. TLS and SASL (env KAFKA_CONFIG_FILE)",
      defaultValue = "${env:KAFKA_CONFIG_FILE}")
  Path settingsFile;

  public KafkaOptions() {
  }

  /** For code that is handed its settings rather than parsing flags (tests, tools). */
  public KafkaOptions(String bootstrapServers, Map<String, String> settings) {
    this.bootstrapServers = bootstrapServers;
    this.settings.putAll(settings);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Kafka client settings from a properties file; {@code option} names where the file was given, for the error. */
  public static Properties readFile(Path file, String option) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + option + " " + file + " (" + FileProblems.describe(e) + ")", e);
    }
    return p;
  }

  /** Every client setting: the file's, then the flags', then {@code bootstrap.servers}. */
  public Properties properties() {
    Properties p = settingsFile == null ? new Properties() : readFile(settingsFile, "--kafka-config-file");
    p.putAll(settings);
    p.put("bootstrap.servers", bootstrapServers);
    return p;
  }
}
