package com.huntaze.slo.client;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.event.EventJsonWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

/** A batch of events as the gateway takes it: {@code POST /v1/events}, a JSON array, the bearer token if any. */
public final class GatewayRequest {
  private GatewayRequest() {
  }

  /**
   * {@code gateway} is the base URL ({@code http://ingest:8088}, or behind a proxy {@code
   * https://edge/slo-ingest}: its path is kept); {@code token} may be null (auth off).
   */
  public static HttpRequest post(URI gateway, String token, Duration timeout, List<RequestEvent> batch) {
    HttpRequest.Builder request = HttpRequest.newBuilder(eventsUri(gateway)).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(EventJsonWriter.array(batch)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request.build();
  }

  /** {@code /v1/events} under the base URL's path: {@code URI.resolve("/v1/events")} would drop a proxy's prefix. */
  static URI eventsUri(URI gateway) {
    String path = gateway.getRawPath() == null ? "" : gateway.getRawPath();
    return gateway.resolve((path.endsWith("/") ? path : path + "/") + "v1/events");
  }
}
