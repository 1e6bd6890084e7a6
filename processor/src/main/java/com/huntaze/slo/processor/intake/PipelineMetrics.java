package com.huntaze.slo.processor.intake;

import com.huntaze.slo.processor.core.SloEngine;

/** What the topology reports about itself; the service binds it to Prometheus. */
public interface PipelineMetrics {
  PipelineMetrics NONE = new PipelineMetrics() {
  };

  default void event(SloEngine.Outcome outcome) {
  }

  default void deadLettered(String reason) {
  }

  default void evaluated(int slos, long nanos) {
  }
}
