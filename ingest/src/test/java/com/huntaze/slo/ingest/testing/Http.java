package com.huntaze.slo.ingest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small real HTTP client for the tests (JDK HttpClient, keep-alive). */
public final class Http {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  public Http(URI base) {
    this.base = base;
  }

  public record Response(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
      }
    }
  }

  public Response post(String path, String contentType, byte[] body, String... headers) {
    return send(postRequest(path, contentType, body, headers));
  }

  /** The answer as bytes, for binary bodies (OTLP protobuf). */
  public HttpResponse<byte[]> postForBytes(String path, String contentType, byte[] body, String... headers) {
    return send(postRequest(path, contentType, body, headers), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest postRequest(String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return b.build();
  }

  public Response postJson(String body, String... headers) {
    return post("/v1/events", "application/json", body.getBytes(StandardCharsets.UTF_8), headers);
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build());
  }

  public Response send(HttpRequest request) {
    HttpResponse<String> r = send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r);
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
