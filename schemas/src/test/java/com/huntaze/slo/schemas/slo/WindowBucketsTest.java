package com.huntaze.slo.schemas.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowBucketsTest {

  @Test
  void shouldCountUpTo6hInMinutesUpTo3dInTenMinutesAndBeyondInHours() {
    assertEquals(Duration.ofMinutes(1), WindowBuckets.bucketOf(Duration.ofMinutes(1)));
    assertEquals(Duration.ofMinutes(1), WindowBuckets.bucketOf(Duration.ofHours(6)));
    assertEquals(Duration.ofMinutes(10), WindowBuckets.bucketOf(Duration.ofMinutes(361)));
    assertEquals(Duration.ofMinutes(10), WindowBuckets.bucketOf(Duration.ofDays(3)));
    assertEquals(Duration.ofHours(1), WindowBuckets.bucketOf(Duration.ofMinutes(3 * 1440 + 1)));
    assertEquals(Duration.ofHours(1), WindowBuckets.bucketOf(Duration.ofDays(366)));
  }

  @Test
  void shouldCoverTheNextWholeNumberOfBuckets() {
    assertEquals(Duration.ofMinutes(1010), WindowBuckets.covered(Duration.ofMinutes(1008)));
    assertEquals(Duration.ofMinutes(1010), WindowBuckets.covered(Duration.ofMinutes(1010)));
    assertEquals(Duration.ofMinutes(370), WindowBuckets.covered(Duration.ofMinutes(361)));
    assertEquals(Duration.ofHours(73), WindowBuckets.covered(Duration.ofMinutes(3 * 1440 + 1)));
    assertEquals(Duration.ofMinutes(1), WindowBuckets.covered(Duration.ofSeconds(30)), "at least one bucket");
    assertEquals(Duration.ofHours(6), WindowBuckets.covered(Duration.ofHours(6)));
  }
}
