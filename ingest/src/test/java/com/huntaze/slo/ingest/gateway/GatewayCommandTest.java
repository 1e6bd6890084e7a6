package com.huntaze.slo.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import picocli.CommandLine;

/** The gateway's options: the Kafka options every service shares, the old ingest names, durations, OTLP. */
class GatewayCommandTest {
  private static GatewayConfig config(String... args) throws Exception {
    GatewayCommand command = new GatewayCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void shouldTakeTheSharedKafkaOptions(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("kafka.properties"), "security.protocol=SSL\nclient.rack=a\n");
    GatewayConfig c = config("--bootstrap-servers", "k1:9092,k2:9092", "--kafka-config-file", file.toString(),
        "--kafka-config", "client.rack=b", "--max-future-skew", "1m", "--publish-timeout", "500ms");
    assertEquals("k1:9092,k2:9092", c.bootstrapServers());
    assertEquals(Map.of("security.protocol", "SSL", "client.rack", "b"), c.kafkaProperties());
    assertEquals(Duration.ofMinutes(1), c.maxFutureSkew());
    assertEquals(Duration.ofMillis(500), c.publishTimeout());
  }

  @Test
  void shouldStillHonourTheOldIngestNames() throws Exception {
    GatewayConfig c = config("--kafka", "old:9092", "--kafka-property", "linger.ms=7");
    assertEquals("old:9092", c.bootstrapServers());
    assertEquals(Map.of("linger.ms", "7"), c.kafkaProperties());
  }

  @Test
  void shouldNameABadDuration() {
    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
        () -> config("--publish-timeout", "soon"));
    assertTrue(e.getMessage().contains("'soon' is not a duration"), e.getMessage());
  }

  @Test
  void shouldTakeTheOtlpSpanKindsAndAttributes() throws Exception {
    assertEquals(com.huntaze.slo.ingest.otlp.OtlpSettings.DEFAULTS, config().otlp());
    GatewayConfig c = config("--otlp-span-kinds", "server, consumer", "--otlp-attributes",
        "deployment.environment, cloud.region");
    assertEquals(java.util.Set.of(SpanKind.SPAN_KIND_SERVER, SpanKind.SPAN_KIND_CONSUMER), c.otlp().kinds());
    assertEquals(java.util.List.of("deployment.environment", "cloud.region"), c.otlp().attributes());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> config("--otlp-span-kinds", "client"));
    assertTrue(e.getMessage().contains("OTLP span kind 'client' cannot stand for a handled request"), e.getMessage());
  }

  @Test
  void shouldNameTheOptionOfABadValueOrAnUnreadableFile(@TempDir Path dir) {
    for (String[] c : new String[][] {
        {"--max-body-bytes must be at least 1 (got -1)", "--max-body-bytes", "-1"},
        {"--max-pending-events must be at least 1 (got 0)", "--max-pending-events", "0"},
        {"--publish-timeout must be at least 100ms (got 50ms)", "--publish-timeout", "50ms"},
        {"--port must be 0..65535 (got 70000)", "--port", "70000"},
        {"--tokens-file: cannot read " + dir.resolve("absent") + " (no such file)", "--tokens-file",
            dir.resolve("absent").toString()},
        {"--tls-keystore: cannot read " + dir.resolve("absent.p12") + " (no such file)", "--tls-keystore",
            dir.resolve("absent.p12").toString(), "--tls-keystore-password", "x"}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> config(java.util.Arrays.copyOfRange(c, 1, c.length)));
      assertEquals(c[0], e.getMessage());
    }
  }
}
