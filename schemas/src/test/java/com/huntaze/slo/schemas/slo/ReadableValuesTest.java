package com.huntaze.slo.schemas.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReadableValuesTest {
  @Test
  void shouldNotLetATextQuotingARecordStartALogLineOfItsOwn() {
    // an attribute name is not checked for control characters, and an invalid one is quoted in a dead letter's reason
    String reason = "invalid event: attributes.r\n2026-12-03T00:00:00.000+0000 ERROR Forged\r\u2028\u202E\u0000\t: longer than 256 characters";
    assertEquals("invalid event: attributes.r\\n2026-12-03T00:00:00.000+0000 ERROR Forged\\u000D\\u2028\\u202E\\u0000\\u0009: longer than"
        + " 256 characters", ReadableValues.oneLine(reason));
    assertEquals("cannot decode RequestEvent: \"émoji\" 😀 a\\b", ReadableValues.oneLine("cannot decode RequestEvent: \"émoji\" 😀 a\\b"),
        "quotes and backslashes stay as they are: the text is not quoted");
    assertEquals("\"a\\\"b\\\\c\\n\"", ReadableValues.quoted("a\"b\\c\n"));
  }
}
