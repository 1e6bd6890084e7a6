package com.huntaze.slo.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.exporter.web.Overview;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exporter's endpoints are read-only: GET and HEAD answer, every other method is a clear 405 with Allow. */
class HttpMethodsTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static PageServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    server = PageServer.start(
        () -> Overview.of(Instant.now(), true, List.of(), List.of(), List.of(), Duration.ofMinutes(2)));
    base = server.base();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static HttpResponse<String> send(String method, String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).header("Cookie", "secret=s3cr3t").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @CsvSource({"/", "/metrics", "/api/slos", "/slo/nope", "/nope"})
  void getAndHeadAreServed(String path) throws Exception {
    int get = send("GET", path).statusCode();
    assertTrue(get == 200 || get == 404, path + " GET " + get);
    assertEquals(get, send("HEAD", path).statusCode(), path + " HEAD");
  }

  @ParameterizedTest
  @CsvSource({"POST,/", "POST,/metrics", "POST,/api/slos", "PUT,/slo/api-availability", "DELETE,/metrics",
      "OPTIONS,/api/slos", "TRACE,/", "TRACE,/metrics", "POST,/nope"})
  void otherMethodsAre405WithAllowAndNoEcho(String method, String path) throws Exception {
    HttpResponse<String> r = send(method, path);
    assertEquals(405, r.statusCode(), method + " " + path);
    assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(null), method + " " + path);
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
    assertTrue(r.body().contains("method " + method + " not allowed"), r.body());
    assertFalse(r.body().contains("s3cr3t"), "request headers echoed: " + r.body());
  }

  @org.junit.jupiter.api.Test
  void anEmptySloNameAndANonAsciiGroupCountAreNamed() throws Exception {
    HttpResponse<String> noName = send("GET", "/slo/");
    assertEquals(404, noName.statusCode());
    assertEquals("no SLO named: /slo/<name> (the SLOs are listed at /)\n", noName.body());
    HttpResponse<String> fullWidth = send("GET", "/api/slos?groups=%EF%BC%93"); // a full-width 3
    assertEquals(400, fullWidth.statusCode(), fullWidth.body());
    assertTrue(fullWidth.body().contains("groups must be a number of groups per SLO"), fullWidth.body());
    assertEquals(200, send("GET", "/api/slos?groups=3").statusCode());
  }

  @ParameterizedTest
  @CsvSource({"POST", "TRACE"})
  void healthKeepsItsJsonAnswer(String method) throws Exception {
    HttpResponse<String> r = send(method, "/health/ready");
    assertEquals(405, r.statusCode());
    assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(null));
    assertTrue(r.body().contains("\"status\":\"DOWN\""), r.body());
  }

  /** Errors Jetty answers itself (a bad or ambiguous URI) are text like the exporter's own 404s, not an HTML page. */
  @ParameterizedTest
  @CsvSource({"/slo%2Fapi-availability,Ambiguous URI path separator", "/slo/%C3,Bad UTF-8 encoding",
      "/slo/api%252Davailability,Ambiguous URI path encoding"})
  void jettysOwnErrorsAreText(String path, String problem) throws Exception {
    for (String accept : new String[] {"*/*", "text/html,application/xhtml+xml,*/*;q=0.8", "application/json"}) { // curl, a browser
      HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, r.statusCode(), path);
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), accept + " " + r.headers());
      assertTrue(r.body().contains(problem) && !r.body().contains("<html"), r.body());
    }
  }
}
