package com.huntaze.slo.exporter.view;

import java.util.Objects;

/**
 * What an SLO is, as its status describes it (the exporter never reads slos.yaml). Kept apart from
 * the numbers in {@link SloView} so that per-group instances of one SLO can share it.
 *
 * @param operation the operation glob; null = all operations
 * @param sliKind availability, errorRate, latency or throughput (kept as text: a newer processor may add kinds)
 * @param objective ratio of good events, 0..1; null for an SLO without one (throughput)
 * @param latencyThresholdMs latency SLOs: the "good" threshold; else null
 * @param minRps throughput SLOs: the minimum rate; else null
 */
public record SloSpec(String name, String service, String operation, String sliKind, Double objective,
                      long windowSeconds, Double latencyThresholdMs, Double minRps) {
  public static final String THROUGHPUT = "throughput";

  public SloSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(sliKind, "sliKind");
  }

  /** A throughput SLO is judged by its rate against {@link #minRps}, not by an error budget. */
  public boolean throughput() {
    return THROUGHPUT.equals(sliKind);
  }
}
