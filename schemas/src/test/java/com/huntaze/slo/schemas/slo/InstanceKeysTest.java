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
    assertEquals(java.util.Map.of("k", hostile.get(0), "l", ""), InstanceKeys.labels(escaped));
    assertEquals(List.of("k", "l"), List.copyOf(InstanceKeys.labels(escaped).keySet()), "in groupBy order");
  }

  @Test
  void shouldEscapeTheCharactersBelowSpaceOnlyAsTheDocsSay() {
    // below U+0020 as \\xhh; DEL and the C1 controls stay as they are: a changed escaping would change
    // the keys (and so the stored state) of groups that already exist
    List<String> values = List.of("esc\u001b[2J\t\r", "del\u007f c1\u0085\u009b");
    String key = InstanceKeys.of("s", List.of("k", "l"), values);
    assertEquals("s{k=\"esc\\x1b[2J\\x09\\x0d\",l=\"del\u007f c1\u0085\u009b\"}", key);
    assertEquals(values, InstanceKeys.values(key));
  }

  @Test
  void shouldNeverLetARealValueReadAsAReservedOneNorTwoValuesBecomeOne() {
    List<String> values = List.of("", "_", "other", "_other", "__other", "___other", "x_other", "_other_", "a", "_x", "__");
    java.util.Set<String> escaped = new java.util.HashSet<>();
    for (String v : values) {
      String e = InstanceKeys.escapeReserved(v, "_other");
      assertFalse(e.equals("_other"), v + " reads as the reserved value");
      org.junit.jupiter.api.Assertions.assertTrue(escaped.add(e), v + " collides");
    }
    assertEquals(List.of("", "_", "other", "__other", "___other", "____other", "x_other", "_other_", "a", "_x", "__"),
        values.stream().map(v -> InstanceKeys.escapeReserved(v, "_other")).toList());
  }
}
