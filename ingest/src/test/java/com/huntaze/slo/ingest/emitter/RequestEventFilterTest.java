package com.huntaze.slo.ingest.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestEventFilterTest {
  @Test
  void shouldReplaceIdsInPathsSoOperationsStayFew() {
    assertEquals("GET /api/users/{id}", name("GET", "/api/users/42"));
    assertEquals("GET /api/orders/{id}/items", name("GET", "/api/orders/123e4567-e89b-12d3-a456-426614174000/items"));
    assertEquals("DELETE /api/blobs/{id}", name("DELETE", "/api/blobs/0123456789abcdef0123"));
    assertEquals("POST /api/users", name("POST", "/api/users"));
    assertEquals("GET /", name("GET", "/"));
    assertEquals("GET /v2/x", name("GET", "/v2/x"));
  }

  private static String name(String method, String uri) {
    return RequestEventFilter.defaultOperation(method, uri);
  }
}
