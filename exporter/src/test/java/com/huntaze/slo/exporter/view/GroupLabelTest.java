package com.huntaze.slo.exporter.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.slo.ReadableValues;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupLabelTest {
  @Test
  void shouldDescribeAGroupForPeopleWithNoValueLostToWhitespace() {
    assertEquals("operation=GET /a, tenant=(none)", GroupLabel.describe(List.of(new GroupLabel("operation", "operation", "GET /a"),
        new GroupLabel("tenant", "attributes.tenant", ""))));
    assertEquals("tenant=\"  \", region=\" eu\"", GroupLabel.describe(List.of(new GroupLabel("tenant", "attributes.tenant", "  "),
        new GroupLabel("region", "attributes.region", " eu"))), "HTML would collapse them to nothing, or to another value");
  }

  @Test
  void shouldNeverDescribeTwoValuesAlikeNorLetAValueReadAsAnotherLabel() {
    // each pair is two distinct groups: they must not read the same on the status pages
    List<List<String>> pairs = List.of(List.of("", "(none)"), List.of(" x ", "\" x \""), List.of("ab", "a\u200bb"),
        List.of("new line", "new\nline"), List.of("a\tb", "a b"), List.of("eu", "eu\u202e"), List.of("eu, operation=GET /y", "eu"));
    for (List<String> pair : pairs) {
      String a = GroupLabel.describe(List.of(new GroupLabel("region", "attributes.region", pair.get(0))));
      String b = GroupLabel.describe(List.of(new GroupLabel("region", "attributes.region", pair.get(1))));
      assertFalse(a.equals(b), pair + " both read " + a);
    }
    assertEquals("region=\"eu, operation=GET /y\"", GroupLabel.describe(List.of(new GroupLabel("region", "attributes.region",
        "eu, operation=GET /y"))), "a comma would read as a second label: quoted");
    assertEquals("region=\"\\\"q\\\" \\\\ a\\u200Bb\\u202E\\nz\"", GroupLabel.describe(List.of(new GroupLabel("region",
        "attributes.region", "\"q\" \\ a\u200bb\u202e\nz"))), "quotes and backslashes escaped, invisible characters named");
    assertEquals("operation=GET /api/users/{id}, region=eu-west-1 é 😀", GroupLabel.describe(List.of(
        new GroupLabel("operation", "operation", "GET /api/users/{id}"), new GroupLabel("region", "attributes.region", "eu-west-1 é 😀"))),
        "everyday values as they are");
    assertEquals("\"(none)\"", ReadableValues.readable("(none)"), "a top contributor's value reads the same way");
  }

  @Test
  void shouldWriteTheInstanceKeyWithValuesEscapedLikePrometheusLabelValues() {
    List<GroupLabel> group = List.of(new GroupLabel("operation", "operation", "GET /a\\b \"q\"\nx"),
        new GroupLabel("region", "attributes.region", ""));
    assertEquals("{operation=\"GET /a\\\\b \\\"q\\\"\\nx\",region=\"\"}", GroupLabel.groupKey(group));
    assertEquals("", GroupLabel.groupKey(List.of()));
    assertEquals("{operation=\"a\\x09b\"}", GroupLabel.groupKey(List.of(new GroupLabel("operation", "operation", "a\tb"))),
        "other control characters as the processor writes them");
    InstanceKey key = InstanceKey.parse("slo-a" + GroupLabel.groupKey(group));
    assertEquals("slo-a", key.name());
    assertFalse(key.isWhole());
    assertTrue(InstanceKey.parse("slo-a").isWhole());
    assertTrue(InstanceKey.whole("slo-a").compareTo(key) < 0, "the whole SLO before its groups");
    assertTrue(key.compareTo(InstanceKey.whole("slo-a-b")) < 0, "an SLO's groups before the next SLO");
  }

  @Test
  void shouldExportAnEmptyValueSoTheGroupDoesNotTakeTheWholeSlosLabels() {
    assertEquals(GroupLabel.EMPTY_VALUE_LABEL, new GroupLabel("region", "attributes.region", "").labelValue());
    assertEquals("eu", new GroupLabel("region", "attributes.region", "eu").labelValue());
  }

  @Test
  void shouldNeverExportOverTheExportersOwnLabels() {
    assertTrue(new GroupLabel("operation", "operation", "x").exportable());
    assertFalse(new GroupLabel("severity", "attributes.severity", "x").exportable());
    assertTrue(new GroupLabel("tenant", "attributes.tenant", "x").exportable());
  }

  @Test
  void shouldKeepTheTopTenPerWindowAndKeyMostBadFirst() {
    List<Contributor> all = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      all.add(new Contributor("1h", "operation", "op" + i, i, 100, 66, 0));
    }
    all.add(new Contributor("5m", "operation", "x", 0, 1, 0, 0));
    List<Contributor> top = Contributor.top(all);
    assertEquals(11, top.size());
    assertEquals("op11", top.get(0).value());
    assertEquals("op2", top.get(9).value());
    assertEquals(null, top.get(10).share(), "no bad events in the window: no share");
    assertEquals(11 / 66.0, top.get(0).share());
  }
}
