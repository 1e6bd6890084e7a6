package com.huntaze.slo.ingest.loadgen;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.client.GatewayRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/** Posts each batch as a JSON array over keep-alive HTTP/1.1; 202 = all accepted. */
public final class HttpSink implements LoadSink {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI gateway;
  private final String token;
  private final AtomicReference<String> lastError = new AtomicReference<>();

  public HttpSink(URI gateway, String token) {
    this.gateway = gateway;
    this.token = token;
  }

  @Override
  public CompletableFuture<Integer> send(List<RequestEvent> batch) {
    return client.sendAsync(GatewayRequest.post(gateway, token, Duration.ofSeconds(30), batch),
        HttpResponse.BodyHandlers.ofString()).handle((r, error) -> {
      if (error == null && r.statusCode() == 202) {
        return batch.size();
      }
      // Unwrapped and with the target: "CompletionException: ConnectException" alone does not say where.
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      lastError.set(cause != null ? "no answer from " + gateway + ": " + cause : r.statusCode() + " " + r.body());
      return 0;
    });
  }

  /** The last refusal, for the progress line. */
  public String lastError() {
    return lastError.get();
  }

  @Override
  public void close() {
    // Java 17's HttpClient has no close(); its threads are daemons.
  }
}
