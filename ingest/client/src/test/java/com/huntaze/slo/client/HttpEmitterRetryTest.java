package com.huntaze.slo.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.RequestEvent;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which gateway answers HttpEmitter retries (docs/ingest.md: 503/429/5xx and connection failures) and which are final. */
class HttpEmitterRetryTest {

  /** A stand-in for the gateway (or a proxy in front of it): answers {@code first} once, then 202. */
  private static HttpServer server(int first, AtomicInteger requests) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/events", x -> {
      x.getRequestBody().readAllBytes();
      int n = requests.incrementAndGet();
      byte[] body = (n == 1 ? "{\"error\":\"first\"}" : "{\"accepted\":1}").getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(n == 1 ? first : 202, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    server.start();
    return server;
  }

  private static RequestEvent event() {
    return KafkaEmitterIT.events("retry", 1).get(0);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 429})
  void shouldRetryAServerErrorOrTooManyRequestsAndDeliver(int status) throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = server(status, requests);
    try (HttpEmitter emitter = HttpEmitter.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .linger(Duration.ZERO).build()) {
      assertTrue(emitter.emit(event()));
      assertTrue(emitter.flush(Duration.ofSeconds(20)), () -> "not flushed: " + emitter.stats());
      assertEquals(new EmitterStats(1, 1, 0, 0, 0), emitter.stats(), "answer " + status + " then 202");
      assertEquals(2, requests.get());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void shouldCountARefusedBatchAsFailedWithoutRetrying() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = server(400, requests);
    try (HttpEmitter emitter = HttpEmitter.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .linger(Duration.ZERO).build()) {
      assertTrue(emitter.emit(event()));
      assertTrue(emitter.flush(Duration.ofSeconds(20)), () -> "not flushed: " + emitter.stats());
      assertEquals(new EmitterStats(1, 0, 0, 1, 0), emitter.stats());
      assertEquals(1, requests.get());
    } finally {
      server.stop(0);
    }
  }
}
