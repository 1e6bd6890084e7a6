package com.huntaze.slo.ingest.gateway;

import com.huntaze.slo.ingest.otlp.OtlpSettings;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.event.EventLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Everything the gateway needs to run; built by the CLI or by tests. */
public record GatewayConfig(
    String bindAddress,
    int port,
    String bootstrapServers,
    Topics topics,
    Map<String, String> kafkaProperties,
    int maxBodyBytes,
    Duration publishTimeout,
    int maxPendingEvents,
    Duration retryAfter,
    Duration stopTimeout,
    Duration maxFutureSkew,
    Optional<BearerTokens> tokens,
    Optional<Tls> tls,
    OtlpSettings otlp) {

  public static final int DEFAULT_PORT = 8088;

  /** HTTPS listener from a key store (PKCS12 or JKS). */
  public record Tls(Path keyStore, String keyStorePassword, String keyStoreType) {
    public Tls {
      Objects.requireNonNull(keyStore, "keyStore");
      Objects.requireNonNull(keyStorePassword, "keyStorePassword");
      Objects.requireNonNull(keyStoreType, "keyStoreType");
    }
  }

  public GatewayConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(otlp, "otlp");
    kafkaProperties = Map.copyOf(kafkaProperties);
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535 (got " + port + ")");
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive (got " + maxBodyBytes + ")");
    }
    if (publishTimeout.toMillis() < 100) {
      throw new IllegalArgumentException("publishTimeout must be at least 100ms (got " + publishTimeout + ")");
    }
    if (maxPendingEvents < 1) {
      throw new IllegalArgumentException("maxPendingEvents must be positive (got " + maxPendingEvents + ")");
    }
  }

  public static Builder builder(String bootstrapServers) {
    return new Builder(bootstrapServers);
  }

  public Builder toBuilder() {
    Builder b = new Builder(bootstrapServers);
    b.bindAddress = bindAddress;
    b.port = port;
    b.topics = topics;
    b.kafkaProperties = new LinkedHashMap<>(kafkaProperties);
    b.maxBodyBytes = maxBodyBytes;
    b.publishTimeout = publishTimeout;
    b.maxPendingEvents = maxPendingEvents;
    b.retryAfter = retryAfter;
    b.stopTimeout = stopTimeout;
    b.maxFutureSkew = maxFutureSkew;
    b.tokens = tokens.orElse(null);
    b.tls = tls.orElse(null);
    b.otlp = otlp;
    return b;
  }

  public static final class Builder {
    private String bindAddress = "0.0.0.0";
    private int port = DEFAULT_PORT;
    private final String bootstrapServers;
    private Topics topics = Topics.defaults();
    private Map<String, String> kafkaProperties = new LinkedHashMap<>();
    private int maxBodyBytes = 5 * 1024 * 1024;
    private Duration publishTimeout = Duration.ofSeconds(10);
    private int maxPendingEvents = 100_000;
    private Duration retryAfter = Duration.ofSeconds(5);
    private Duration stopTimeout = Duration.ofSeconds(15);
    private Duration maxFutureSkew = EventLimits.DEFAULT_MAX_FUTURE_SKEW;
    private BearerTokens tokens;
    private Tls tls;
    private OtlpSettings otlp = OtlpSettings.DEFAULTS;

    private Builder(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
    }

    public Builder bindAddress(String v) { bindAddress = v; return this; }
    public Builder port(int v) { port = v; return this; }
    public Builder topics(Topics v) { topics = v; return this; }
    public Builder kafkaProperties(Map<String, String> v) { kafkaProperties = new LinkedHashMap<>(v); return this; }
    public Builder maxBodyBytes(int v) { maxBodyBytes = v; return this; }
    public Builder publishTimeout(Duration v) { publishTimeout = v; return this; }
    public Builder maxPendingEvents(int v) { maxPendingEvents = v; return this; }
    public Builder retryAfter(Duration v) { retryAfter = v; return this; }
    public Builder stopTimeout(Duration v) { stopTimeout = v; return this; }
    /** How far ahead of the gateway's clock an event time may be (the only event rule that is a setting). */
    public Builder maxFutureSkew(Duration v) { maxFutureSkew = v; return this; }
    public Builder tokens(BearerTokens v) { tokens = v; return this; }
    public Builder tls(Tls v) { tls = v; return this; }
    /** Which spans {@code POST /v1/traces} turns into events, and the attributes they carry. */
    public Builder otlp(OtlpSettings v) { otlp = v; return this; }

    public GatewayConfig build() {
      return new GatewayConfig(bindAddress, port, bootstrapServers, topics, kafkaProperties, maxBodyBytes,
          publishTimeout, maxPendingEvents, retryAfter, stopTimeout, maxFutureSkew, Optional.ofNullable(tokens),
          Optional.ofNullable(tls), otlp);
    }
  }
}
