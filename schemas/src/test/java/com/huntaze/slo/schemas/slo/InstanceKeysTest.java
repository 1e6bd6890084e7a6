package com.huntaze.slo.schemas.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceKeysTest {
  @Test
  void shouldNameGroupsReadablyAndReadTheirValuesBack() {
    assertEquals("api", InstanceKeys.of("api", List.of(), List.of()));
    String key = InstanceKeys.of("api", List.of("operation", "region"), List.of("POST /api/payouts", "eu-west-1"));
    assertEquals("api{operation=\"POST /api/payouts\",region=\"eu-west-1\"}", key);
    assertEquals("api", InstanceKeys.sloName(key));
    assertEquals(List.of("POST /api/payouts", "eu-west-1"), InstanceKeys.values(key));

    List<String> hostile = List.of("a\"b\\c\nd\u0000e{f}=,\"x", "");
    String escaped = InstanceKeys.of("s", List.of("k", "l"), hostile);
    assertFalse(escaped.contains("\u0000"), "no 0x00: the store separates key parts with it");
    assertEquals(hostile, InstanceKeys.values(escaped));
  }
}
