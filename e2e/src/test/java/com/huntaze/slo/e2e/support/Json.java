package com.huntaze.slo.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Small HTTP + JSON client for the stack's APIs (ingest, Prometheus, Alertmanager). */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Json() {
  }

  public record Response(int status, String body) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
      }
    }
  }

  public static Response get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body());
  }

  public static Response post(String url, String contentType, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body());
  }

  /** An instant PromQL query; the {@code data.result} array (fails on an API error). */
  public static JsonNode promQuery(String prometheus, String expr) throws IOException, InterruptedException {
    Response r = get(prometheus + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    JsonNode json = r.json();
    if (r.status() != 200 || !"success".equals(json.path("status").asText())) {
      throw new AssertionError("query " + expr + " failed: HTTP " + r.status() + " " + r.body());
    }
    return json.path("data").path("result");
  }
}
