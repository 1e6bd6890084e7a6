package com.huntaze.slo.ingest.gateway;

import static com.huntaze.slo.ingest.OptionChecks.require;

import com.huntaze.slo.ingest.LegacyKafkaOptions;
import com.huntaze.slo.ingest.otlp.OtlpSettings;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.service.DurationConverter;
import com.huntaze.slo.schemas.slo.Durations;
import com.huntaze.slo.schemas.service.KafkaOptions;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway}: runs the HTTP gateway until SIGTERM/SIGINT, then stops gracefully. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = {"HTTP gateway: POST /v1/events and OTLP/HTTP POST /v1/traces -> Kafka topic slo.request-events.",
        "Every option can also be set by the environment variable named in its description."})
public final class GatewayCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayCommand.class);

  @Spec
  CommandSpec spec;

  @Option(names = "--port", defaultValue = "${env:INGEST_PORT:-8088}",
      description = "HTTP port (env INGEST_PORT, default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--bind", defaultValue = "${env:INGEST_BIND:-0.0.0.0}",
      description = "address to listen on (env INGEST_BIND, default ${DEFAULT-VALUE})")
  String bind;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  LegacyKafkaOptions legacyKafka;

  @Option(names = "--topic", defaultValue = "${env:INGEST_TOPIC:-" + Topics.REQUEST_EVENTS + "}",
      description = "topic for request events (env INGEST_TOPIC, default ${DEFAULT-VALUE})")
  String topic;

  @Option(names = "--max-body-bytes", defaultValue = "${env:INGEST_MAX_BODY_BYTES:-5242880}",
      description = "largest accepted request body; larger gets 413 (env INGEST_MAX_BODY_BYTES, default ${DEFAULT-VALUE})")
  int maxBodyBytes;

  @Option(names = "--publish-timeout", defaultValue = "${env:INGEST_PUBLISH_TIMEOUT:-10s}",
      converter = DurationConverter.class,
      description = "longest wait for Kafka's acknowledgement before answering 503 (env INGEST_PUBLISH_TIMEOUT, "
          + "default ${DEFAULT-VALUE})")
  Duration publishTimeout;

  @Option(names = "--max-pending-events", defaultValue = "${env:INGEST_MAX_PENDING_EVENTS:-100000}",
      description = "events waiting for Kafka before new requests get 503 (env INGEST_MAX_PENDING_EVENTS, "
          + "default ${DEFAULT-VALUE})")
  int maxPendingEvents;

  @Option(names = "--retry-after", defaultValue = "${env:INGEST_RETRY_AFTER:-5s}", converter = DurationConverter.class,
      description = "Retry-After sent with 503 (env INGEST_RETRY_AFTER, default ${DEFAULT-VALUE})")
  Duration retryAfter;

  @Option(names = "--max-future-skew", defaultValue = "${env:INGEST_MAX_FUTURE_SKEW:-5m}",
      converter = DurationConverter.class,
      description = "how far in the future an event timestamp may be (env INGEST_MAX_FUTURE_SKEW, default ${DEFAULT-VALUE})")
  Duration maxFutureSkew;

  @Option(names = "--tokens-file", defaultValue = "${env:INGEST_TOKENS_FILE}",
      description = {"enables bearer-token auth: lines '<token> <service>[,<service>...]' ('*' = any "
          + "service) (env INGEST_TOKENS_FILE; default: no auth)"})
  Path tokensFile;

  @Option(names = "--tls-keystore", defaultValue = "${env:INGEST_TLS_KEYSTORE}",
      description = "serve HTTPS with this key store (env INGEST_TLS_KEYSTORE; default: plain HTTP)")
  Path tlsKeyStore;

  @Option(names = "--tls-keystore-password", defaultValue = "${env:INGEST_TLS_KEYSTORE_PASSWORD}",
      description = "key store password (env INGEST_TLS_KEYSTORE_PASSWORD)")
  String tlsKeyStorePassword;

  @Option(names = "--tls-keystore-type", defaultValue = "${env:INGEST_TLS_KEYSTORE_TYPE:-PKCS12}",
      description = "PKCS12 or JKS (env INGEST_TLS_KEYSTORE_TYPE, default ${DEFAULT-VALUE})")
  String tlsKeyStoreType;

  @Option(names = "--stop-timeout", defaultValue = "${env:INGEST_STOP_TIMEOUT:-15s}", converter = DurationConverter.class,
      description = "on shutdown, how long in-flight requests and the producer may take to finish "
          + "(env INGEST_STOP_TIMEOUT, default ${DEFAULT-VALUE})")
  Duration stopTimeout;

  @Option(names = "--otlp-span-kinds", defaultValue = "${env:INGEST_OTLP_SPAN_KINDS:-server}",
      description = "span kinds /v1/traces turns into request events: server, consumer or server,consumer "
          + "(env INGEST_OTLP_SPAN_KINDS, default ${DEFAULT-VALUE})")
  String otlpSpanKinds;

  @Option(names = "--otlp-attributes", split = ",", defaultValue = "${env:INGEST_OTLP_ATTRIBUTES:-}",
      description = "span or resource attributes copied into each event's attributes, comma-separated, e.g. "
          + "deployment.environment,cloud.region (env INGEST_OTLP_ATTRIBUTES, default none)")
  java.util.List<String> otlpAttributes;

  @Override
  public Integer call() throws Exception {
    Gateway gateway;
    try {
      gateway = Gateway.start(config(), PrometheusRegistry.defaultRegistry);
    } catch (IOException e) {
      if (!(e instanceof BindException) && !(e.getCause() instanceof BindException)) {
        throw e;
      }
      // As the exporter and the processor say it: exit 1, the address, and what to change.
      spec.commandLine().getErr().println("gateway: cannot listen on " + bind + ":" + port
          + " (in use?): choose another with --port or INGEST_PORT");
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down: finishing in-flight requests, flushing the producer");
      gateway.close();
      stopped.countDown();
    }, "ingest-shutdown"));
    gateway.join();
    stopped.await();
    return 0;
  }

  GatewayConfig config() throws IOException {
    // the options by name here; GatewayConfig checks the same for every embedder, by field
    require(port >= 0 && port <= 65_535, "--port must be 0..65535 (got " + port + ")");
    require(maxBodyBytes >= 1, "--max-body-bytes must be at least 1 (got " + maxBodyBytes + ")");
    require(maxPendingEvents >= 1, "--max-pending-events must be at least 1 (got " + maxPendingEvents + ")");
    require(publishTimeout.toMillis() >= 100,
        "--publish-timeout must be at least 100ms (got " + Durations.format(publishTimeout) + ")");
    Properties settings = legacyKafka.merge(kafka);
    Map<String, String> props = new LinkedHashMap<>();
    settings.stringPropertyNames().forEach(k -> props.put(k, settings.getProperty(k)));
    GatewayConfig.Builder b = GatewayConfig.builder(props.remove("bootstrap.servers"))
        .bindAddress(bind)
        .port(port)
        .topics(Topics.withNames(topic, Topics.STATUS, Topics.ALERTS, Topics.DEAD_LETTERS))
        .kafkaProperties(props)
        .maxBodyBytes(maxBodyBytes)
        .publishTimeout(publishTimeout)
        .maxPendingEvents(maxPendingEvents)
        .retryAfter(retryAfter)
        .stopTimeout(stopTimeout)
        .maxFutureSkew(maxFutureSkew)
        .otlp(new OtlpSettings(OtlpSettings.parseKinds(otlpSpanKinds),
            otlpAttributes == null ? java.util.List.of() : otlpAttributes.stream().map(String::strip)
                .filter(a -> !a.isEmpty()).toList()));
    if (tokensFile != null) {
      requireReadable("--tokens-file", tokensFile);
      b.tokens(BearerTokens.load(tokensFile));
    }
    if (tlsKeyStore != null) {
      if (tlsKeyStorePassword == null) {
        throw new IllegalArgumentException("--tls-keystore needs --tls-keystore-password (or INGEST_TLS_KEYSTORE_PASSWORD)");
      }
      requireReadable("--tls-keystore", tlsKeyStore);
      b.tls(new GatewayConfig.Tls(tlsKeyStore, tlsKeyStorePassword, tlsKeyStoreType));
    }
    return b.build();
  }

  private static void requireReadable(String flag, Path file) {
    require(Files.isReadable(file), flag + ": cannot read " + file + (Files.exists(file) ? " (permission denied)" : " (no such file)"));
  }
}
