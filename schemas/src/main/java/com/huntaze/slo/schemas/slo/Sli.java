package com.huntaze.slo.schemas.slo;

/** What makes an event good, per SLI kind. */
public sealed interface Sli {

  /** The kind's name as written in slos.yaml and published in {@code SloStatus.sliKind}. */
  String kind();

  /** Good = served without a server error (status below 500). */
  record Availability() implements Sli {
    @Override
    public String kind() {
      return "availability";
    }
  }

  /** Same classification as availability (a 5xx is an error), presented as an error rate. */
  record ErrorRate() implements Sli {
    @Override
    public String kind() {
      return "errorRate";
    }
  }

  /** Good = answered within the threshold ("P95 < 500ms" = 95 % of requests within 500 ms). */
  record Latency(double thresholdMs) implements Sli {
    @Override
    public String kind() {
      return "latency";
    }
  }

  /** Judged per minute: a minute whose rate is below {@code minRps} falls short. */
  record Throughput(double minRps) implements Sli {
    @Override
    public String kind() {
      return "throughput";
    }
  }
}
