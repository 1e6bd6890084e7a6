package com.huntaze.slo.exporter.alerting;

import com.huntaze.slo.avro.SloAlert;

/** An alert the {@link AlertBook} holds, for the status page. */
public record AlertView(AlertKey key, SloAlert latest, boolean firing, boolean renewing, int targetsDelivered) {
}
