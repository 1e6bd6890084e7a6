package com.huntaze.slo.exporter.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How an alert is named for people: the status page's held alerts and the exporter's log lines. */
class AlertKeyTest {
  @Test
  void shouldNameAnAlertOnOneLineWithHostileValuesReadable() {
    TreeMap<String, String> group = new TreeMap<>();
    group.put("operation", "GET /x");
    group.put("region", "a\nb\u0000, severity=page");
    group.put("tenant", "");
    AlertKey key = new AlertKey("SLOBurnRate", "api", "svc \"q\"", "page", group);
    // a raw newline would forge a log line; a raw comma and '=' would read as another label
    assertEquals("SLOBurnRate{slo=api,service=\"svc \\\"q\\\"\",severity=page,operation=GET /x,"
        + "region=\"a\\nb\\u0000, severity=page\",tenant=(none)}", key.toString());
  }
}
