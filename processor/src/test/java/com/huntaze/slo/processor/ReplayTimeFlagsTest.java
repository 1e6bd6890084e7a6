package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Epoch seconds given where epoch milliseconds are expected read as a time in January 1970: a --to there
 * evaluated every SLO as of 1970 and ended "no data" with exit 0 (with --write-live-status, over the live
 * statuses). Like the gateway's timestamps, a number before 2000 is refused as the likely mistake it is.
 */
class ReplayTimeFlagsTest {

  @ParameterizedTest
  @ValueSource(strings = {"--to", "--from"})
  void shouldRefuseEpochSecondsGivenAsMilliseconds(String flag) throws Exception {
    // Flags are checked before Kafka is asked: no broker needed, none at this address.
    CliRun r = CliRun.withOneSlo("replay", "--bootstrap-servers", "127.0.0.1:1", "--timeout", "5s", flag, "1796371200");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().startsWith(flag + ": '1796371200' as epoch milliseconds is 1970-01-21T18:59:31.200Z, before 2000: "
        + "epoch seconds? (1796371200000 in milliseconds)"), r.err());
  }
}
