package com.huntaze.slo.ingest.testing;

import com.huntaze.slo.ingest.gateway.Gateway;
import com.huntaze.slo.ingest.gateway.GatewayConfig;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.testing.KafkaFixture;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real broker with the request-events topic and a gateway on a free loopback port, for a test
 * class: {@code @RegisterExtension static final GatewayAndBroker stack = new GatewayAndBroker();}.
 */
public final class GatewayAndBroker implements BeforeAllCallback, AfterAllCallback {
  private KafkaFixture kafka;
  private Gateway gateway;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    kafka = KafkaFixture.start();
    kafka.createTopics(3, Topics.defaults().requestEvents().name());
    gateway = Gateway.start(GatewayConfig.builder(kafka.bootstrapServers()).bindAddress("127.0.0.1").port(0).build(),
        new PrometheusRegistry());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (gateway != null) {
      gateway.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  public KafkaFixture kafka() {
    return kafka;
  }

  public Gateway gateway() {
    return gateway;
  }
}
