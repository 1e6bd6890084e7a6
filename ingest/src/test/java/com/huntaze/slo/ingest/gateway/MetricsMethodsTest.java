package com.huntaze.slo.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Answers no servlet of the gateway writes. The gateway's {@code /metrics} is read-only like the exporter's and the processor's: any other method than
 * GET and HEAD gets 405 with {@code Allow: GET, HEAD}; TRACE never echoes the request's headers (a bearer
 * token, cookies) back. No broker needed: nothing is published.
 */
class MetricsMethodsTest {
  private static Gateway gateway;
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    gateway = Gateway.start(GatewayConfig.builder("127.0.0.1:1").bindAddress("127.0.0.1").port(0).build(),
        new PrometheusRegistry());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TRACE", "OPTIONS", "PUT", "DELETE", "POST", "PATCH"})
  void anyOtherMethodThanGetOnMetricsShouldBe405WithAllowAndNoEcho(String method) throws Exception {
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(gateway.uri() + "/metrics"))
        .method(method, HttpRequest.BodyPublishers.ofString("x")).header("Authorization", "Bearer secret-token")
        .header("X-Probe", "echo-me").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, r.statusCode(), r.body());
    assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""), r.body());
    assertTrue(r.body().contains("method " + method + " not allowed on /metrics"), r.body());
    assertFalse(r.body().contains("secret-token") || r.body().contains("echo-me"), r.body());
  }

  /** What Jetty refuses before any servlet of ours sees it answers as the gateway does: {"error": ...}, JSON, whatever is accepted. */
  @ParameterizedTest
  @ValueSource(strings = {"/v1/events%2F..%2Fx", "/long"})
  void jettysOwnErrorsShouldBeTheGatewaysJson(String path) throws Exception {
    String uri = gateway.uri() + (path.equals("/long") ? "/v1/" + "x".repeat(20_000) : path);
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/html,*/*").build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() == 400 || r.statusCode() == 414, r.statusCode() + " " + r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
    assertTrue(r.body().matches("\\{\"error\":\"[^\"]+\"}"), r.body());
  }
}
