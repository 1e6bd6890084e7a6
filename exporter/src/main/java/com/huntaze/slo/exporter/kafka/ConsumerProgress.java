package com.huntaze.slo.exporter.kafka;

import com.huntaze.slo.exporter.metrics.TopicReading;
import com.huntaze.slo.schemas.service.HealthCheck;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the exporter has read: ready once every status partition reached the end offset it had
 * when the exporter started (the latest status of every SLO is then held), live while the consumer
 * loop runs. Pure bookkeeping, fed by the Kafka loop; the health endpoints see it only as two
 * {@link HealthCheck}s, the metrics as {@link TopicReading}.
 */
public final class ConsumerProgress implements TopicReading {
  private final Map<Integer, Long> startEndOffsets = new HashMap<>();
  private final Map<Integer, Long> positions = new HashMap<>();
  private volatile boolean assigned;
  private volatile boolean caughtUp;
  private volatile boolean alertsRead;
  private volatile Throwable failure;
  private volatile long statusLag = -1;
  private final Map<String, AtomicLong> consumed = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();

  /**
   * @param topics the topics read: their counters exist from the start, so a scrape shows 0
   *     rejected records rather than no series (an alert on the counter's increase needs the 0)
   */
  public ConsumerProgress(String... topics) {
    for (String topic : topics) {
      consumed.put(topic, new AtomicLong());
      rejected.put(topic, new AtomicLong());
    }
  }

  /** The status partitions and their end offsets at start: what "caught up" means. */
  public synchronized void startCatchUp(Map<Integer, Long> endOffsets) {
    startEndOffsets.clear();
    startEndOffsets.putAll(endOffsets);
    positions.clear();
    assigned = true;
    check();
  }

  public synchronized void position(int partition, long position) {
    positions.put(partition, position);
    check();
  }

  private void check() {
    if (caughtUp || !assigned) {
      return;
    }
    for (Map.Entry<Integer, Long> e : startEndOffsets.entrySet()) {
      long target = e.getValue();
      if (target > 0 && positions.getOrDefault(e.getKey(), 0L) < target) {
        return;
      }
    }
    caughtUp = true;
  }

  /** Once caught up it stays so: readiness means the state was rebuilt, not that lag is zero. */
  @Override
  public boolean caughtUp() {
    return caughtUp;
  }

  /** Every alert of the look-back window read (to the end offsets at start). */
  public void alertsRead() {
    alertsRead = true;
  }

  /**
   * Whether the alerts of the look-back window are all held: the alert dispatcher waits for it, since
   * a ticket read before the page of its SLO would go out alone, and Alertmanager would not inhibit it.
   */
  public boolean alertsHistoryRead() {
    return alertsRead;
  }

  /** Live while the consumer loop runs. */
  public HealthCheck liveness() {
    return () -> failure == null ? null : "consumer stopped: " + failure;
  }

  /** Ready once the latest status of every SLO is held, as long as the loop runs. */
  public HealthCheck readiness() {
    return () -> {
      if (failure != null) {
        return "consumer stopped: " + failure;
      }
      return caughtUp ? null : "still reading slo.status up to its end offsets";
    };
  }

  public void failed(Throwable t) {
    failure = t;
  }

  public void statusLag(long lag) {
    statusLag = lag;
  }

  @Override
  public long statusLag() {
    return statusLag;
  }

  public void consumed(String topic) {
    consumed.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
  }

  public void rejected(String topic) {
    rejected.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public Map<String, Long> consumedByTopic() {
    return readings(consumed);
  }

  @Override
  public Map<String, Long> rejectedByTopic() {
    return readings(rejected);
  }

  private static Map<String, Long> readings(Map<String, AtomicLong> counters) {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((topic, n) -> out.put(topic, n.get()));
    return out;
  }
}
