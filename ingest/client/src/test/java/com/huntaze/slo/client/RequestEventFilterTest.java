package com.huntaze.slo.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.event.EventLimits;
import com.huntaze.slo.schemas.event.EventRules;
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

  @Test
  void shouldCutAVeryLongPathToTheLongestOperationAnEventMayCarry() {
    String name = name("GET", "/" + "z".repeat(1_000));
    assertEquals(EventLimits.MAX_OPERATION_LENGTH, name.length());
    assertTrue(name.startsWith("GET /zzz"), name);
  }

  @Test
  void shouldCutALongPathOfEmojiToAValidOperationOfTheLongestLength() {
    // An emoji is one character of the contract but two Java chars: a cut between them left an unpaired
    // surrogate, an operation every event refuses, so the request was not counted at all.
    for (String path : new String[] {"/" + "a".repeat(250) + "\uD83D\uDE00" + "b".repeat(10), "/" + "\uD83D\uDE00".repeat(300)}) {
      String name = name("GET", path);
      assertNull(EventRules.checkOperation(name), () -> name + ": " + EventRules.checkOperation(name));
      assertEquals(EventLimits.MAX_OPERATION_LENGTH, name.codePointCount(0, name.length()), name);
    }
  }

  @Test
  void shouldRefuseAServiceNameNoEventCouldCarry() {
    String message = assertThrows(IllegalArgumentException.class,
        () -> new RequestEventFilter(null, "s".repeat(EventLimits.MAX_SERVICE_LENGTH + 1))).getMessage();
    assertTrue(message.contains("longer than 128 characters (got 129)"), message);
  }

  private static String name(String method, String uri) {
    return RequestEventFilter.defaultOperation(method, uri);
  }
}
