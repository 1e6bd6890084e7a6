package com.huntaze.slo.exporter.alerting;

import com.huntaze.slo.avro.SloAlert;
import java.time.Instant;

/** Sample {@link SloAlert}s. */
public final class Alerts {
  private Alerts() {
  }

  public static SloAlert burnRateFiring(String slo, Instant startsAt, Instant emittedAt) {
    return SloAlert.newBuilder()
        .setAlertName("SLOBurnRate").setSlo(slo).setService("huntaze-api").setSeverity("page").setState("firing")
        .setLongWindow("1h").setShortWindow("5m").setLongBurnRate(15.23456).setShortBurnRate(20.0).setFactor(14.4)
        .setBudgetRemaining(0.7).setSummary("")
        .setStartsAt(startsAt).setEndsAt(null).setEmittedAt(emittedAt)
        .build();
  }

  public static SloAlert resolved(SloAlert firing, Instant resolvedAt) {
    return SloAlert.newBuilder(firing).setState("resolved").setEndsAt(resolvedAt).setEmittedAt(resolvedAt).build();
  }

  public static SloAlert thresholdFiring(String slo, Instant startsAt, Instant emittedAt) {
    return SloAlert.newBuilder()
        .setAlertName("SLOThreshold").setSlo(slo).setService("huntaze-api").setSeverity("ticket").setState("firing")
        .setValue(0.991).setThreshold(0.995).setBudgetRemaining(-0.25)
        .setSummary("api availability 99.1 % is below 99.5 % over 5m")
        .setStartsAt(startsAt).setEndsAt(null).setEmittedAt(emittedAt)
        .build();
  }

  /** A burn-rate page of one group of a grouped SLO, with its top contributor. */
  public static SloAlert groupFiring(String slo, java.util.Map<String, String> group, Instant startsAt, Instant emittedAt) {
    return SloAlert.newBuilder(burnRateFiring(slo, startsAt, emittedAt)).setGroupLabels(group)
        .setTopContributor("top: POST /api/payouts 62 % of bad events (1h)").build();
  }
}
