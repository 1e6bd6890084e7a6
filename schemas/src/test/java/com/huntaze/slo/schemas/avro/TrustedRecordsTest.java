package com.huntaze.slo.schemas.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.avro.SloStatus;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The records Avro is told to trust are read from the schemas, nested ones included. Tests trust
 * the whole package by system property, so only this says that a record added to a schema (the
 * burn-down's BudgetPoint once was forgotten) is trusted in the services too.
 */
class TrustedRecordsTest {

  @Test
  void shouldTrustEveryRecordNestedInTheStatus() {
    Set<String> names = new TreeSet<>();
    AvroSerde.collectRecords(SloStatus.getClassSchema(), names);
    assertEquals(Set.of("com.huntaze.slo.avro.SloStatus", "com.huntaze.slo.avro.WindowStats", "com.huntaze.slo.avro.AlertState",
        "com.huntaze.slo.avro.ExcludedPeriod", "com.huntaze.slo.avro.BudgetPoint", "com.huntaze.slo.avro.GroupLabel",
        "com.huntaze.slo.avro.Contributor"), names);
  }
}
