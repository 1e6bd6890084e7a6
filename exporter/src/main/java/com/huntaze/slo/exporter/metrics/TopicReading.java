package com.huntaze.slo.exporter.metrics;

import java.util.Map;

/** What the exporter's own metrics show about its reading of the topics (fed by the Kafka loop). */
public interface TopicReading {
  /** slo.status was read up to the end offsets it had at start; stays true afterwards. */
  boolean caughtUp();

  /** Records behind the status topic's end, -1 until known. */
  long statusLag();

  Map<String, Long> consumedByTopic();

  /** Records skipped because they could not be decoded, per topic. */
  Map<String, Long> rejectedByTopic();
}
