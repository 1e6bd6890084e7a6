package com.huntaze.slo.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.huntaze.slo.avro.RequestEvent;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** A stand-in gateway that gives {@code answers} in order (status, body), then 202; it keeps each request's latencies. */
  private static HttpServer scripted(List<Map.Entry<Integer, String>> answers, List<List<Double>> requests)
      throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/events", x -> {
      List<Double> latencies = new ArrayList<>();
      new ObjectMapper().readTree(x.getRequestBody()).forEach(e -> latencies.add(e.get("latencyMs").asDouble()));
      int n;
      synchronized (requests) {
        requests.add(latencies);
        n = requests.size();
      }
      Map.Entry<Integer, String> answer = n <= answers.size() ? answers.get(n - 1)
          : Map.entry(202, "{\"accepted\":" + latencies.size() + "}");
      byte[] body = answer.getValue().getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(answer.getKey(), body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    server.start();
    return server;
  }

  /** The gateway's 400 naming these events of the request (docs/ingest.md). */
  private static Map.Entry<Integer, String> refusing(int... indexes) {
    StringBuilder errors = new StringBuilder();
    for (int i : indexes) {
      errors.append(errors.length() == 0 ? "" : ",").append("{\"index\":").append(i)
          .append(",\"field\":\"timestamp\",\"reason\":\"is 3m in the future\"}");
    }
    return Map.entry(400, "{\"error\":\"invalid events: nothing was published\",\"invalidEvents\":"
        + indexes.length + ",\"errors\":[" + errors + "]}");
  }

  /** Three events 0, 1, 2 (latencyMs = their number) through a gateway giving {@code answers}; returns the stats. */
  private static EmitterStats emitThree(List<Map.Entry<Integer, String>> answers, List<List<Double>> requests)
      throws Exception {
    HttpServer server = scripted(answers, requests);
    try (HttpEmitter emitter = HttpEmitter.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .maxBatch(3).linger(Duration.ofSeconds(10)).build()) {
      KafkaEmitterIT.events("partial", 3).forEach(e -> assertTrue(emitter.emit(e)));
      assertTrue(emitter.flush(Duration.ofSeconds(20)), () -> "not flushed: " + emitter.stats());
      return emitter.stats();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void shouldFailOnlyTheEventsA400NamesAndSendTheOthersAgain() throws Exception {
    List<List<Double>> requests = new ArrayList<>();
    assertEquals(new EmitterStats(3, 2, 0, 1, 0), emitThree(List.of(refusing(1)), requests));
    assertEquals(List.of(List.of(0.0, 1.0, 2.0), List.of(0.0, 2.0)), requests);
  }

  @Test
  void shouldFailWhatARefusedResendNamesAndStillDeliverTheRest() throws Exception {
    // The resend is refused too (index 0 of the resend = event 1): only that one more fails.
    List<List<Double>> requests = new ArrayList<>();
    assertEquals(new EmitterStats(3, 1, 0, 2, 0), emitThree(List.of(refusing(0), refusing(0)), requests));
    assertEquals(List.of(List.of(0.0, 1.0, 2.0), List.of(1.0, 2.0), List.of(2.0)), requests);
  }

  @Test
  void shouldFailTheWholeBatchWhenA400NamesNoEventOfIt() throws Exception {
    // -1 is the body as a whole; 7 is not in a batch of 3: nothing tells the events apart, so none is sent again.
    for (Map.Entry<Integer, String> answer : List.of(refusing(-1), refusing(1, 7),
        Map.entry(400, "<html>Bad Request</html>"))) {
      List<List<Double>> requests = new ArrayList<>();
      assertEquals(new EmitterStats(3, 0, 0, 3, 0), emitThree(List.of(answer), requests), answer.getValue());
      assertEquals(1, requests.size(), answer.getValue());
    }
  }
}
