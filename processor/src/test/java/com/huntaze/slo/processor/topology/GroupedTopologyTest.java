package com.huntaze.slo.processor.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.Contributor;
import com.huntaze.slo.avro.GroupLabel;
import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.RequestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A grouped SLO through the live topology, records read in place: one status per group keyed by
 * its instance key, only the failing route's group burns and pages (with its labels), attribution
 * names it with its exact share, and a group gone idle is removed with a tombstone.
 */
class GroupedTopologyTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final long T0 = NOW.toEpochMilli();
  private static final String SLOS = """
      slos:
        - name: by-route
          service: api
          objective: 99
          window: 1d
          sli: {availability: {}}
          groupBy: [operation, attributes.region]
          attribution: [operation, attributes.tenant]
      """;

  private TestPipeline pipeline;

  @AfterEach
  void close() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private static RequestEvent event(String operation, String region, int status, long millis) {
    RequestEvent e = TestPipeline.event("api", operation, status, 10, millis);
    e.setAttributes(Map.of("region", region, "tenant", "t-" + (millis % 3)));
    return e;
  }

  @Test
  void shouldBurnPageAndAttributeOnlyTheFailingGroup() throws Exception {
    pipeline = new TestPipeline(SLOS, NOW);
    for (int i = 0; i < 900; i++) {
      String operation = List.of("GET /a", "POST /api/payouts", "GET /b").get(i % 3);
      boolean failing = operation.equals("POST /api/payouts") && i % 2 == 0;
      pipeline.send(event(operation, "eu-west-1", failing ? 503 : 200, T0 + i), T0 + i);
    }
    pipeline.driver.advanceWallClockTime(Duration.ofSeconds(5));
    Map<String, SloStatus> statuses = pipeline.latestStatus();
    String payouts = "by-route{operation=\"POST /api/payouts\",region=\"eu-west-1\"}";
    assertEquals(4, statuses.size(), "the SLO as a whole and three groups: " + statuses.keySet());
    SloStatus group = statuses.get(payouts);
    assertEquals(List.of(new GroupLabel("operation", "operation", "POST /api/payouts"), new GroupLabel("region", "attributes.region",
        "eu-west-1")), group.getGroup());
    assertEquals(0.5, group.getSli(), 1e-12);
    assertEquals(1.0, statuses.get("by-route{operation=\"GET /a\",region=\"eu-west-1\"}").getBudgetRemaining(), 0);
    assertEquals(1.0, statuses.get("by-route{operation=\"GET /b\",region=\"eu-west-1\"}").getBudgetRemaining(), 0);

    SloStatus whole = statuses.get("by-route");
    assertTrue(whole.getGroup().isEmpty());
    assertEquals(List.of("operation", "attributes.region"), whole.getGroupBy());
    assertEquals(3, whole.getGroupsTracked());
    Contributor top = whole.getTopContributors().stream().filter(c -> c.getWindow().equals("1h") && c.getKey().equals("operation"))
        .findFirst().orElseThrow();
    assertEquals(new Contributor("1h", "operation", "POST /api/payouts", 150L, 300L, 150L, 0L), top);

    List<SloAlert> pages = pipeline.alerts.readValuesToList().stream()
        .filter(a -> a.getAlertName().equals("SLOBurnRate") && a.getState().equals("firing")).toList();
    List<SloAlert> groupPages = pages.stream().filter(a -> !a.getGroupLabels().isEmpty()).toList();
    assertTrue(!groupPages.isEmpty());
    for (SloAlert a : groupPages) {
      assertEquals(Map.of("operation", "POST /api/payouts", "region", "eu-west-1"), a.getGroupLabels(), "only the failing group pages");
      assertEquals("top: POST /api/payouts 100 % of bad events (1h) in the whole SLO", a.getTopContributor(),
          "a group's page names what burns its SLO");
    }
    SloAlert wholePage = pages.stream().filter(a -> a.getGroupLabels().isEmpty()).findFirst().orElseThrow();
    assertEquals("top: POST /api/payouts 100 % of bad events (1h)", wholePage.getTopContributor());

    // A day and more without events: every group retires and its status is removed with a tombstone.
    pipeline.driver.advanceWallClockTime(Duration.ofHours(26));
    Map<String, SloStatus> later = pipeline.latestStatus();
    assertTrue(later.containsKey(payouts) && later.get(payouts) == null, "tombstone for the idle group: " + later.keySet());
    assertTrue(later.get("by-route") != null);
    assertNull(later.get("by-route").getSli());
  }
}
