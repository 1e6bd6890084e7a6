package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.schemas.slo.Dimension;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Group keys: the documented encoding, read back into the group's values, and a stable hash. */
class GroupKeysTest {
  private final GroupKeys keys = new GroupKeys(List.of(Dimension.operation(), Dimension.attribute("region")));

  @Test
  void shouldWriteEachValueWithTwoLengthBytesAndHashItAsStoredBefore() {
    int length = keys.write(EventFields.of("GET /a", Map.of("region", "eu")));
    byte[] expected = {0, 6, 'G', 'E', 'T', ' ', '/', 'a', 0, 2, 'e', 'u'};
    assertArrayEquals(expected, Arrays.copyOf(keys.scratch(), length));
    // The hash stored for an overflowed group: h = 31 h + byte, from 1125899906842597.
    long h = 1125899906842597L;
    for (byte b : expected) {
      h = 31 * h + b;
    }
    assertEquals(h, GroupKeys.hash64(keys.scratch(), 0, length));
  }

  @Test
  void shouldReadBackEveryValueIncludingMissingOnesAndOnesLongerThanTwoLengthBytesHold() {
    String huge = "r".repeat(70_000); // out of contract, but a record written to Kafka directly may hold it
    for (Map<String, String> attributes : List.of(Map.of("region", huge), Map.<String, String>of(), Map.of("region", "_other"))) {
      int length = keys.write(EventFields.of("POST /b", attributes));
      List<GroupValue> group = keys.read(Arrays.copyOf(keys.scratch(), length), 0);
      String region = attributes.getOrDefault("region", "");
      assertEquals(List.of("POST /b", region.equals("_other") ? "__other" : region), group.stream().map(GroupValue::value).toList());
      assertEquals(length, keys.write(group), "a group made again after a restart has the key its events have");
    }
  }

  @Test
  void shouldCountAnEventWithAHugeAttributeInItsOwnGroup() throws Exception {
    SloEngine engine = new SloEngine(SloConfigLoader.parse("test", """
        slos:
          - {name: by-region, service: s, objective: 99, sli: {availability: {}}, groupBy: [attributes.region]}
        """).slos(), EngineSettings.DEFAULTS);
    long now = 1_800_000_000_000L;
    String huge = "x".repeat(70_000);
    engine.apply("s", "GET /", Map.of("region", huge), 500, 5, now, now, now);
    engine.apply("s", "GET /", Map.of("region", "eu"), 200, 5, now, now, now);
    List<String> regions = engine.instances().stream().filter(i -> !i.group().isEmpty())
        .map(i -> i.group().get(0).value()).sorted().toList();
    assertEquals(List.of("eu", huge), regions);
    assertEquals(huge.getBytes(StandardCharsets.UTF_8).length, regions.get(1).length());
  }

  @Test
  void shouldApplyHeldEventsOnceTheirKeysFillTheBufferNotOnlyWhenFourThousandAreHeld() {
    GroupEvents held = new GroupEvents();
    byte[] key = new byte[100_000];
    assertEquals(false, held.add(key, key.length, 0, 0, true, 0));
    assertEquals(false, held.add(key, key.length, 0, 0, true, 0));
    assertEquals(true, held.add(key, key.length, 0, 0, true, 0), "300,000 key bytes held: full");
  }
}
