package com.huntaze.slo.schemas.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.testing.KafkaFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import kafka.server.BrokerServer;
import org.junit.jupiter.api.Test;

/** A real broker stopped and started again: one line when it goes, one when it is back. */
class KafkaReachabilityIT {
  @Test
  void saysWhenTheBrokerGoesAndWhenItIsBack() throws Exception {
    List<String> warnings = new CopyOnWriteArrayList<>();
    List<String> infos = new CopyOnWriteArrayList<>();
    try (KafkaFixture kafka = KafkaFixture.startCluster(1);
         KafkaReachability reachability = KafkaReachability.start(kafka.clientProperties(), "reachability-it", warnings::add, infos::add)) {
      BrokerServer broker = kafka.embeddedCluster().orElseThrow().brokers().values().iterator().next();
      // Two probes with the broker up: nothing to say.
      await("two probes", Duration.ofSeconds(30), () -> reachability.probes() >= 2);
      assertEquals(List.of(), warnings);

      broker.shutdown();
      broker.awaitShutdown();
      await("the outage said", Duration.ofSeconds(30), () -> !warnings.isEmpty());
      assertTrue(warnings.get(0).startsWith("Kafka at " + kafka.bootstrapServers() + " unreachable: "), warnings::toString);

      broker.startup();
      await("the recovery said", Duration.ofSeconds(60), () -> !infos.isEmpty());
      assertTrue(infos.get(0).startsWith("Kafka at " + kafka.bootstrapServers() + " reachable again after "), infos::toString);
      assertEquals(1, warnings.size(), warnings::toString);
    }
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(50);
    }
  }
}
