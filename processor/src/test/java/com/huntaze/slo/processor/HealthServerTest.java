package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The processor's metrics and health endpoints are read-only, as the exporter's: 405 with Allow, no TRACE echo. */
class HealthServerTest {
  @Test
  void shouldServeGetAndRefuseOtherMethodsWithAllow() throws Exception {
    try (HealthServer server = new HealthServer("127.0.0.1", 0, new PrometheusRegistry(), () -> null)) {
      server.start();
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      for (String method : new String[] {"POST", "DELETE", "TRACE", "OPTIONS"}) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
            .method(method, HttpRequest.BodyPublishers.noBody()).header("Cookie", "secret=s3cr3t").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode(), method);
        assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(null), method);
        assertFalse(r.body().contains("s3cr3t"), method + " echoed the request: " + r.body());
      }
    }
  }

  /** Errors Jetty answers itself (unknown path, a bad or too long URI) are text as the endpoints' own, not an HTML page. */
  @Test
  void jettysOwnErrorsShouldBeTextNamingTheProblem() throws Exception {
    try (HealthServer server = new HealthServer("127.0.0.1", 0, new PrometheusRegistry(), () -> null)) {
      server.start();
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      String[][] cases = {{"/metric", "404", "Not Found"}, {"/health%2Fready", "400", "Ambiguous URI path separator"},
          {"/" + "a".repeat(10_240), "414", "URI Too Long"}};
      for (String[] c : cases) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + c[0])).header("Accept", "*/*").GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(Integer.parseInt(c[1]), r.statusCode(), c[0]);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), c[2] + " " + r.headers());
        assertTrue(r.body().contains(c[2]) && !r.body().contains("<html"), r.body());
      }
    }
  }
}
