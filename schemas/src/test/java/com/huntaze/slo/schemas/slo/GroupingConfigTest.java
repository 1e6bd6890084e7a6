package com.huntaze.slo.schemas.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code groupBy}, {@code maxGroups} and {@code attribution} in slos.yaml: what is read, and every refusal with its SLO and field. */
class GroupingConfigTest {
  private static final String SLO = "slos: [{name: a, service: s, objective: 99, sli: {availability: {}}, ";

  @Test
  void shouldReadGroupKeysAsLabelsAndDefaultTheRest() throws Exception {
    SloDefinition slo = SloConfigLoader.parse("t", SLO + "groupBy: [operation, attributes.region, attributes.k8s.pod-name], "
        + "attribution: [attributes.tenant, operation]}]").slos().get(0);
    assertEquals(List.of("operation", "region", "k8s_pod_name"), slo.grouping().keys().stream().map(Dimension::label).toList());
    assertEquals(1000, slo.grouping().maxGroups());
    assertEquals(List.of("attributes.tenant", "operation"), slo.attribution().stream().map(Dimension::source).toList());

    SloDefinition plain = SloConfigLoader.parse("t", SLO + "}]").slos().get(0);
    assertTrue(!plain.grouping().isGrouped());
    assertEquals(List.of(Dimension.operation()), plain.attribution(), "attribution ranks by operation by default");
    assertEquals("_9lives", Dimension.attribute("9lives").label());
  }

  /** "groupBy:" with its list left out is YAML's null: valid, but the SLO is one series, so the loader says so. */
  @Test
  void shouldWarnThatAnEmptyGroupBySplitsNothing() throws Exception {
    SloConfig config = SloConfigLoader.parse("t", "slos:\n  - name: a\n    service: s\n    objective: 99\n    sli: {availability: {}}\n    groupBy:\n");
    assertTrue(!config.slos().get(0).grouping().isGrouped());
    assertEquals(List.of("slo 'a': groupBy: empty, so the SLO is not split into groups (list keys such as [operation, attributes.region],"
        + " or remove the line)"), config.warnings());
    assertEquals(List.of(), SloConfigLoader.parse("t", SLO + "}]").warnings(), "no groupBy at all is no warning");
  }

  /** A text in a refusal is quoted on one line: a newline in a key must not split the message in two. */
  @Test
  void shouldSayAKeyWithANewlineOnOneLine() {
    SloConfigException e = assertThrows(SloConfigException.class,
        () -> SloConfigLoader.parse("t", SLO + "groupBy: [\"route\\nx\"]}]"));
    assertTrue(e.getMessage().contains("slo 'a': groupBy[0]: unknown key \"route\\nx\" (use operation"), e.getMessage());
  }

  @Test
  void shouldCountAnAttributeNameInCharactersAsTheEventContractDoes() throws Exception {
    // 64 characters, the longest attribute name an event may carry: the emoji is one character (two UTF-16 units)
    String name = "k".repeat(30) + "-\u00e9.\ud83d\ude00" + "z".repeat(30);
    assertEquals(64, name.codePointCount(0, name.length()));
    SloDefinition slo = SloConfigLoader.parse("t", SLO + "groupBy: [\"attributes." + name + "\"], attribution: [\"attributes." + name
        + "\"]}]").slos().get(0);
    assertEquals(Optional.of(name), slo.grouping().keys().get(0).attribute());
    assertEquals("attributes." + name, slo.attribution().get(0).source());
    SloConfigException e = assertThrows(SloConfigException.class,
        () -> SloConfigLoader.parse("t", SLO + "groupBy: [\"attributes.x" + name + "\"]}]"));
    assertTrue(e.getMessage().contains("at most 64 characters"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown key             | groupBy: [route]}]                                                   | slo 'a': groupBy[0]: unknown key "route" (use operation, or attributes.<name>
      not a list              | groupBy: operation}]                                                 | slo 'a': groupBy: expected a list, found "operation", such as [operation, attributes.region]
      more than three keys    | groupBy: [operation, attributes.a, attributes.b, attributes.c]}]     | slo 'a': groupBy: 4 keys; at most 3 are allowed
      listed twice            | groupBy: [operation, operation]}]                                    | slo 'a': groupBy[1]: 'operation' is listed twice
      reserved label          | groupBy: [attributes.service]}]                                      | slo 'a': groupBy: 'attributes.service' would be exported as the label 'service', which the exporter already uses
      reserved window label   | groupBy: [attributes.window]}]                                       | the label 'window', which the exporter already uses
      double underscore       | groupBy: [attributes.__name__]}]                                     | would be exported as the label '__name__'
      same label twice        | groupBy: [attributes.k8s.pod, attributes.k8s_pod]}]                  | slo 'a': groupBy: 'attributes.k8s.pod' and 'attributes.k8s_pod' would both be exported as the label 'k8s_pod'
      maxGroups zero          | groupBy: [operation], maxGroups: 0}]                                 | slo 'a': maxGroups: 0 is not a whole number from 1 to 100000
      maxGroups too large     | groupBy: [operation], maxGroups: 100001}]                            | slo 'a': maxGroups: 100001 is not a whole number from 1 to 100000
      maxGroups not a number  | groupBy: [operation], maxGroups: many}]                              | slo 'a': maxGroups: "many" is not a whole number
      maxGroups alone         | maxGroups: 10}]                                                      | slo 'a': maxGroups: only means something with groupBy
      attribution unknown     | attribution: [tenant]}]                                              | slo 'a': attribution[0]: unknown key "tenant"
      attribution empty       | attribution: []}]                                                    | slo 'a': attribution: empty; list at least one key, such as [operation, attributes.region]
      empty attribute name    | groupBy: [attributes.]}]                                             | slo 'a': groupBy[0]: unknown key "attributes."
      empty entry             | groupBy: [operation, ~]}]                                            | slo 'a': groupBy[1]: empty entry (use operation, or attributes.<name>
      empty attribution entry | attribution: [~]}]                                                   | slo 'a': attribution[0]: empty entry (use operation
      """)
  void shouldRefuseWithTheSloAndField(String caseName, String yaml, String expected) {
    SloConfigException e = assertThrows(SloConfigException.class, () -> SloConfigLoader.parse("slos.yaml", SLO + yaml), caseName);
    assertTrue(e.getMessage().contains(expected), caseName + ": expected \"" + expected + "\" in:\n" + e.getMessage());
  }
}
