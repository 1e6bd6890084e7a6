package com.huntaze.slo.processor;

import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.processor.intake.EventIntake;
import com.huntaze.slo.processor.intake.PipelineMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/** The processor's own metrics (port 9465); names in one place. */
public final class ProcessorMetrics implements PipelineMetrics {
  public static final String EVENTS = "slo_processor_events";
  public static final String DEAD_LETTERS = "slo_processor_dead_letters";
  public static final String EVALUATION_SECONDS = "slo_processor_evaluation_seconds";
  public static final String LAG = "slo_processor_lag_records";
  public static final String STATE = "slo_processor_running";

  private final Counter events;
  /** One data point per outcome, resolved once: a label lookup per event would cost more than the event. */
  private final io.prometheus.metrics.core.datapoints.CounterDataPoint[] eventsByOutcome;
  private final Counter deadLetters;
  private final Histogram evaluation;

  public ProcessorMetrics(PrometheusRegistry registry, Supplier<KafkaStreams> streams) {
    events = Counter.builder().name(EVENTS)
        .help("Request events read, by outcome: applied, late (applied, over a minute behind the newest event of its SLO), "
            + "too_old (older than every window of its SLOs, not applied), too_far_ahead (clock skew, not applied), no_slo")
        .labelNames("outcome").register(registry);
    deadLetters = Counter.builder().name(DEAD_LETTERS)
        .help("Records sent to the dead-letter topic, by reason: undecodable, invalid, misrouted")
        .labelNames("reason").register(registry);
    // Every reason from the start, at 0: a dashboard shows 0 rather than "no data", and rate() sees the first one.
    EventIntake.DeadLetter.CATEGORIES.forEach(deadLetters::labelValues);
    evaluation = Histogram.builder().name(EVALUATION_SECONDS)
        .help("Time to evaluate every SLO of a task and publish its status (one punctuation)")
        .classicOnly().classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5).register(registry);
    GaugeWithCallback.builder().name(LAG)
        .help("Records not yet read from the request-events topic (sum over this instance's partitions)")
        .callback(cb -> {
          KafkaStreams s = streams.get();
          if (s != null) {
            cb.call(sumConsumerLag(s.metrics()));
          }
        }).register(registry);
    GaugeWithCallback.builder().name(STATE)
        .help("1 while the Kafka Streams instance is RUNNING (ready), 0 otherwise")
        .callback(cb -> {
          KafkaStreams s = streams.get();
          cb.call(s != null && s.state() == KafkaStreams.State.RUNNING ? 1 : 0);
        }).register(registry);
    eventsByOutcome = new io.prometheus.metrics.core.datapoints.CounterDataPoint[SloEngine.Outcome.values().length];
    for (SloEngine.Outcome o : SloEngine.Outcome.values()) {
      if (o != SloEngine.Outcome.DEFERRED) { // the live engine holds no events back
        eventsByOutcome[o.ordinal()] = events.labelValues(label(o));
      }
    }
  }

  private static double sumConsumerLag(Map<MetricName, ? extends Metric> metrics) {
    double lag = 0;
    for (Map.Entry<MetricName, ? extends Metric> m : metrics.entrySet()) {
      MetricName name = m.getKey();
      if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
          && name.tags().containsKey("partition") && !name.tags().getOrDefault("client-id", "").contains("restore")) {
        Object value = m.getValue().metricValue();
        if (value instanceof Double d && !d.isNaN()) {
          lag += d;
        }
      }
    }
    return lag;
  }

  private static String label(SloEngine.Outcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void event(SloEngine.Outcome outcome) {
    eventsByOutcome[outcome.ordinal()].inc();
  }

  @Override
  public void deadLettered(String reason) {
    deadLetters.labelValues(reason).inc();
  }

  @Override
  public void evaluated(int slos, long nanos) {
    evaluation.observe(nanos / 1e9);
  }
}
