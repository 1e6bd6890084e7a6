package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A --bootstrap-servers that Kafka's client refuses before connecting (a host that does not resolve, an
 * address without a port) is the user's to fix: one line naming it, exit 1, as for a broker that does not
 * answer, not the client's stack trace.
 */
class ReplayBootstrapTest {

  @ParameterizedTest
  @ValueSource(strings = {"no-such-broker.invalid:9092", "localhost"})
  void shouldSayKafkaCannotBeReachedAtABootstrapAddressTheClientRefuses(String servers) throws Exception {
    CliRun r = CliRun.withOneSlo("replay", "--bootstrap-servers", servers, "--timeout", "10s");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().startsWith("cannot reach Kafka at " + servers + ": "), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }
}
