package com.huntaze.slo.processor.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * State no SLO takes any more (an SLO removed, a group over a lowered maxGroups) is found when a
 * task loads its store; its status is removed with a tombstone at the task's first publication.
 * A task that moves to another instance (a rebalance right after a start with two processors)
 * before publishing must not take the records with it: the next owner drops them again and
 * publishes the tombstones, or the status would stay on slo.status, in /metrics, for good.
 */
class SloStateStoreOrphanTest {
  private static final String SLOS = """
      slos:
        - {name: kept, service: svc, objective: 99, sli: {availability: {}}}
      """;

  @Test
  void shouldKeepOrphanedStateUntilItsTombstoneIsPublished() throws Exception {
    SloConfig config = SloConfigLoader.parse("test", SLOS);
    KeyValueStore<Bytes, byte[]> inner = Stores.inMemoryKeyValueStore(SloTopology.STATE_STORE).get();
    SloStateStore store = new SloStateStore(inner, p -> new SloEngine(config.slos(), EngineSettings.DEFAULTS));
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    Bytes orphan = Bytes.wrap(StateCodec.metaKey("gone{region=\"eu\"}"));
    inner.put(orphan, new byte[] {1}); // what the changelog held for a group the SLO file no longer keeps

    store.engine(); // the first owner loads the store: the group's status is to be removed
    store.flushCache(); // a commit (the task is revoked) before the first emit published the tombstone
    assertNotNull(inner.get(orphan), "the orphan's records stay until its tombstone is published");

    store.clearCache(); // the next owner restores the store
    SloEngine next = store.engine();
    assertEquals(List.of("gone{region=\"eu\"}"), next.takeRetiredKeys(), "the next owner publishes the tombstone"); // its emit takes them
    store.flushCache();
    assertNull(inner.get(orphan), "deleted in the transaction that publishes the tombstone");
  }
}
