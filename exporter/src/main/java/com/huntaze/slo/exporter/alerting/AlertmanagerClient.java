package com.huntaze.slo.exporter.alerting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts alert batches to one Alertmanager's {@code /api/v2/alerts}. Thin: no decisions here. */
public final class AlertmanagerClient {
  private final HttpClient http;
  private final Duration timeout;

  public AlertmanagerClient(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The alerts endpoint of an Alertmanager given by its base URL ({@code http://host:9093}). */
  public static URI alertsEndpoint(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return URI.create(base + "/api/v2/alerts");
  }

  /** Sends the body; throws with the status and response when Alertmanager does not accept it. */
  public void post(String baseUrl, String json) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(alertsEndpoint(baseUrl))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      String body = response.body() == null ? "" : response.body().strip();
      throw new IOException("HTTP " + response.statusCode() + " from " + request.uri()
          + (body.isEmpty() ? "" : ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body)));
    }
  }
}
