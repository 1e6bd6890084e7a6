package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteKeyMapTest {

  @Test
  void shouldFindWhatAHashMapFindsThroughGrowthReplacementAndSlices() {
    Random random = new Random(7);
    ByteKeyMap<Integer> map = new ByteKeyMap<>();
    Map<ByteBuffer, Integer> oracle = new HashMap<>();
    for (int i = 0; i < 5_000; i++) {
      byte[] key = new byte[random.nextInt(40)]; // 0 to 39 bytes: empty keys, the word loop and its tail
      for (int b = 0; b < key.length; b++) {
        key[b] = (byte) random.nextInt(4); // few distinct bytes: many keys share prefixes and hashes collide more
      }
      map.put(key, i);
      oracle.put(ByteBuffer.wrap(key.clone()), i);
      if (key.length > 0) {
        key[0] ^= 1; // the map keeps its own copy
      }
    }
    assertEquals(oracle.size(), map.size());
    oracle.forEach((key, value) -> {
      byte[] bytes = key.array();
      byte[] embedded = new byte[bytes.length + 11];
      System.arraycopy(bytes, 0, embedded, 5, bytes.length);
      assertEquals(value, map.get(embedded, 5, bytes.length), "looked up as a slice of a larger array");
    });
    for (int i = 0; i < 1_000; i++) {
      byte[] key = new byte[40 + random.nextInt(8)]; // longer than any key put
      assertNull(map.get(key));
    }
    map.clear();
    assertEquals(0, map.size());
    oracle.keySet().forEach(key -> assertNull(map.get(key.array())));
  }
}
