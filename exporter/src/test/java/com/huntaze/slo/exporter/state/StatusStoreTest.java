package com.huntaze.slo.exporter.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.testing.StatusJson;
import com.huntaze.slo.exporter.view.GroupedSlo;
import com.huntaze.slo.exporter.view.SloView;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusStoreTest {
  final List<SloStatus> grouped = StatusJson.readResource("metrics/grouped/in.json");
  final List<SloStatus> seed = StatusJson.readResource("metrics/seed-slos/in.json");
  final StatusStore store = new StatusStore();

  @Test
  void shouldKeyEachInstanceByTheTopicKeyAndListGroupsWorstBudgetFirst() {
    seed.forEach(s -> store.apply(s.getName(), s));
    store.apply("payouts-availability{operation=\"POST /api/payouts\",region=\"eu-west-1\"}", grouped.get(1));
    store.apply("payouts-availability{operation=\"GET /api/payouts\",region=\"\"}", grouped.get(2));
    store.apply("payouts-availability{operation=\"_other\",region=\"_other\"}", grouped.get(3));
    assertEquals(seed.size(), store.size(), "groups of an SLO whose whole status is not here yet are not SLOs");
    store.apply("payouts-availability", grouped.get(0));
    assertEquals(seed.size() + 1, store.size());
    assertEquals(seed.size() + 4, store.instances());

    GroupedSlo payouts = GroupedSlo.of(store.snapshot()).stream().filter(s -> s.name().equals("payouts-availability")).findFirst().orElseThrow();
    assertEquals("payouts-availability", payouts.whole().key().toString());
    assertEquals(List.of(-0.5, 0.75), payouts.groups().stream().limit(2).map(SloView::budgetRemaining).toList());
    assertNull(payouts.groups().get(2).budgetRemaining(), "no data after every budget");
  }

  @Test
  void shouldRefuseAStatusUnderAnotherInstancesKey() {
    assertThrows(IllegalArgumentException.class, () -> store.apply("payouts-availability", grouped.get(1)));
    assertThrows(IllegalArgumentException.class, () -> store.apply("other", grouped.get(0)));
    assertThrows(IllegalArgumentException.class,
        () -> store.apply("payouts-availability{operation=\"POST /api/payouts\"}", grouped.get(1)));
  }
}
