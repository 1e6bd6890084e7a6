package com.huntaze.slo.ingest.loadgen;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.ingest.events.EventJsonWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/** Posts each batch as a JSON array over keep-alive HTTP/1.1; 202 = all accepted. */
public final class HttpSink implements LoadSink {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;
  private final String token;
  private final AtomicReference<String> lastError = new AtomicReference<>();

  public HttpSink(URI gateway, String token) {
    this.endpoint = gateway.resolve("/v1/events");
    this.token = token;
  }

  @Override
  public CompletableFuture<Integer> send(List<RequestEvent> batch) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(EventJsonWriter.array(batch)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).handle((r, error) -> {
      if (error == null && r.statusCode() == 202) {
        return batch.size();
      }
      lastError.set(error != null ? error.toString() : r.statusCode() + " " + r.body());
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
