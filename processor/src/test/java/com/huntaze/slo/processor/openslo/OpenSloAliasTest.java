package com.huntaze.slo.processor.openslo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML aliases are not resolved by the tree reader, so import refuses them rather than translate them wrong. */
class OpenSloAliasTest {
  @TempDir
  Path tmp;

  @Test
  void anAliasIsRefusedWithItsLineNotReadAsItsAnchorsName() throws Exception {
    String indicator = """
        indicator:
          metadata: {name: avail}
          spec:
            ratioMetric:
              counter: true
              good: {metricSource: {type: huntaze, spec: {sli: availability}}}
              total: {metricSource: {type: huntaze, spec: {}}}
        timeWindow: [{duration: 30d, isRolling: true}]
        objectives: [{target: 0.999}]
        """;
    String first = OpenSloCli.slo("web", indicator).replace("service: web", "service: &svc huntaze-web");
    String second = OpenSloCli.slo("web2", indicator.replace("name: avail", "name: avail2")).replace("service: web", "service: *svc");
    String text = first + "---\n" + second;
    long line = 1 + text.substring(0, text.indexOf("*svc")).chars().filter(c -> c == '\n').count();
    OpenSloCli.Run run = OpenSloCli.importText(tmp, text);
    assertEquals(OpenSloCommand.FAILED, run.exit(), run.err());
    assertTrue(run.err().contains("f0.yaml: not YAML: the YAML alias *svc is not supported (it would be read as the text \"svc\")"),
        run.err());
    assertTrue(run.err().contains("(line " + line + ", column"), run.err());
    assertEquals("", run.out());
  }
}
