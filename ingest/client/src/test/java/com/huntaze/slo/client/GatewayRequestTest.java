package com.huntaze.slo.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class GatewayRequestTest {
  @Test
  void shouldPostUnderTheBaseUrlsPathSoAProxysPrefixIsKept() {
    assertEquals(URI.create("http://ingest:8088/v1/events"), GatewayRequest.eventsUri(URI.create("http://ingest:8088")));
    assertEquals(URI.create("http://ingest:8088/v1/events"), GatewayRequest.eventsUri(URI.create("http://ingest:8088/")));
    assertEquals(URI.create("https://edge/slo-ingest/v1/events"), GatewayRequest.eventsUri(URI.create("https://edge/slo-ingest")));
    assertEquals(URI.create("https://edge/slo-ingest/v1/events"), GatewayRequest.eventsUri(URI.create("https://edge/slo-ingest/")));
    assertEquals(URI.create("https://edge/a%20b/v1/events"), GatewayRequest.eventsUri(URI.create("https://edge/a%20b")));
  }
}
