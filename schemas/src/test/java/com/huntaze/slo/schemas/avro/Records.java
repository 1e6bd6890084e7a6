package com.huntaze.slo.schemas.avro;

import com.huntaze.slo.avro.AlertState;
import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.avro.WindowStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sample records with every field set, for round-trip tests. */
final class Records {
  private Records() {
  }

  static RequestEvent requestEvent() {
    return RequestEvent.newBuilder()
        .setService("huntaze-api")
        .setOperation("GET /api/users")
        .setStatus(200)
        .setLatencyMs(87.5)
        .setEventTime(Instant.parse("2026-11-24T10:00:00.123Z"))
        .setAttributes(Map.of("region", "eu-west-1"))
        .setEventId("e-1")
        .build();
  }

  static SloStatus sloStatus() {
    return SloStatus.newBuilder()
        .setName("api-availability")
        .setService("huntaze-api")
        .setOperation("GET /api/*")
        .setSliKind("availability")
        .setObjective(0.999)
        .setWindowSeconds(30L * 86_400)
        .setLatencyThresholdMs(null)
        .setMinRps(null)
        .setWindows(List.of(
            new WindowStats("5m", 300L, 990L, 1000L, 10.0),
            new WindowStats("30d", 30L * 86_400, 0L, 0L, null)))
        .setSli(0.99)
        .setBudgetRemaining(-9.0)
        .setLatencyQuantiles(Map.of("0.5", 12.0, "0.95", 480.0, "0.99", 900.0))
        .setThroughputRps(3.3)
        .setAlerts(List.of(new AlertState("SLOBurnRate", "page", true, Instant.parse("2026-11-24T09:00:00Z"))))
        .setLateEventsDropped(2L)
        .setLateEventsApplied(40L)
        .setLastLatenessMs(2_700_000L)
        .setRejectedTooOld(2L)
        .setExcludedEvents(17L)
        .setExcludedPeriods(List.of(new com.huntaze.slo.avro.ExcludedPeriod(Instant.parse("2026-11-23T02:00:00Z"),
            Instant.parse("2026-11-23T04:00:00Z"), "weekly maintenance")))
        .setAsOf(Instant.parse("2026-11-24T10:00:00Z"))
        .build();
  }

  static SloAlert sloAlert() {
    return SloAlert.newBuilder()
        .setAlertName("SLOBurnRate")
        .setSlo("api-availability")
        .setService("huntaze-api")
        .setSeverity("page")
        .setState("firing")
        .setLongWindow("1h")
        .setShortWindow("5m")
        .setLongBurnRate(15.0)
        .setShortBurnRate(20.0)
        .setFactor(14.4)
        .setValue(null)
        .setThreshold(null)
        .setBudgetRemaining(0.7)
        .setSummary("burning 15x")
        .setStartsAt(Instant.parse("2026-11-24T09:00:00Z"))
        .setEndsAt(null)
        .setEmittedAt(Instant.parse("2026-11-24T09:00:05Z"))
        .build();
  }
}
