package com.huntaze.slo.ingest.gateway;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Every metric and label name of the gateway, and its instruments, registered in an injected registry. */
public final class GatewayMetrics {
  public static final String HTTP_REQUESTS = "ingest_http_requests";
  public static final String EVENTS_ACCEPTED = "ingest_events_accepted";
  public static final String EVENTS_REJECTED = "ingest_events_rejected";
  public static final String PUBLISH_LATENCY = "ingest_publish_latency"; // unit seconds appended
  public static final String PENDING_EVENTS = "ingest_pending_events";
  public static final String OTLP_SPANS = "ingest_otlp_spans";

  public static final String LABEL_RESULT = "result";
  /** The {@link #LABEL_RESULT} values of {@link #OTLP_SPANS}. */
  private static final String SPAN_EVENT = "event";
  private static final String SPAN_SKIPPED = "skipped";
  private static final String SPAN_REJECTED = "rejected";

  public static final String LABEL_OUTCOME = "outcome";
  public static final String LABEL_REASON = "reason";

  /** Why events were not published or not confirmed (the {@code reason} label of {@link #EVENTS_REJECTED}). */
  public enum RejectReason {
    INVALID, FORBIDDEN, OVERLOADED, KAFKA_UNAVAILABLE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Counter requests;
  private final Counter accepted;
  private final Counter rejected;
  private final Histogram publishLatency;
  private final Counter spans;

  public GatewayMetrics(PrometheusRegistry registry, LongSupplier pendingEvents) {
    requests = Counter.builder().name(HTTP_REQUESTS)
        .help("Requests to the gateway by outcome (accepted, invalid, unauthorized, unavailable, ...)")
        .labelNames(LABEL_OUTCOME).register(registry);
    accepted = Counter.builder().name(EVENTS_ACCEPTED)
        .help("Events acknowledged by Kafka and answered with 202").register(registry);
    rejected = Counter.builder().name(EVENTS_REJECTED)
        .help("Events of refused requests (never published, or not confirmed in time), by reason")
        .labelNames(LABEL_REASON).register(registry);
    publishLatency = Histogram.builder().name(PUBLISH_LATENCY)
        .help("Time from handing a request's events to the producer until Kafka acknowledged all of them")
        .unit(Unit.SECONDS)
        .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
        .register(registry);
    spans = Counter.builder().name(OTLP_SPANS)
        .help("Spans received on /v1/traces: event (became a request event; published or not: ingest_events_accepted_total), skipped (not a request span), "
            + "rejected (a request span no valid event could be made of)")
        .labelNames(LABEL_RESULT).register(registry);
    // every label value from the start, at 0: a dashboard shows 0, and rate() sees the first one
    for (Outcome outcome : Outcome.values()) {
      requests.labelValues(outcome.label());
    }
    for (RejectReason reason : RejectReason.values()) {
      rejected.labelValues(reason.label());
    }
    for (String result : new String[] {SPAN_EVENT, SPAN_SKIPPED, SPAN_REJECTED}) {
      spans.labelValues(result);
    }
    GaugeWithCallback.builder().name(PENDING_EVENTS)
        .help("Events handed to the producer and not yet acknowledged or failed")
        .callback(cb -> cb.call(pendingEvents.getAsLong()))
        .register(registry);
  }

  public void request(Outcome outcome) {
    requests.labelValues(outcome.label()).inc();
  }

  public void accepted(int events, double publishSeconds) {
    accepted.inc(events);
    publishLatency.observe(publishSeconds);
  }

  public void spans(int events, int skipped, int rejected) {
    spans.labelValues(SPAN_EVENT).inc(events);
    spans.labelValues(SPAN_SKIPPED).inc(skipped);
    spans.labelValues(SPAN_REJECTED).inc(rejected);
  }

  public void rejected(RejectReason reason, long events) {
    if (events > 0) {
      rejected.labelValues(reason.label()).inc(events);
    }
  }
}
