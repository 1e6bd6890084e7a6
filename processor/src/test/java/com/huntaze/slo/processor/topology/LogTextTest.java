package com.huntaze.slo.processor.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogTextTest {
  @Test
  void shouldNotLetAReasonQuotingARecordStartALogLineOfItsOwn() {
    // an attribute name is not checked for control characters, and an invalid one is quoted in the reason
    String reason = "invalid event: attributes.r\n2026-12-03T00:00:00.000+0000 ERROR Forged\r\u2028\u202E\u0000\t: longer than 256 characters";
    assertEquals("invalid event: attributes.r\\n2026-12-03T00:00:00.000+0000 ERROR Forged\\r\\u2028\\u202E\\u0000\\t: longer than 256 characters",
        LogText.oneLine(reason));
    assertEquals("cannot decode RequestEvent: émoji 😀 ok", LogText.oneLine("cannot decode RequestEvent: émoji 😀 ok"));
  }
}
