package com.huntaze.slo.exporter.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the exporter has read: ready once every status partition reached the end offset it had
 * when the exporter started (the latest status of every SLO is then held), live while the consumer
 * loop runs. Pure bookkeeping, fed by the Kafka loop, read by health checks and metrics.
 */
public final class ConsumerProgress {
  private final Map<Integer, Long> startEndOffsets = new HashMap<>();
  private final Map<Integer, Long> positions = new HashMap<>();
  private volatile boolean assigned;
  private volatile boolean caughtUp;
  private volatile Throwable failure;
  private volatile long statusLag = -1;
  private final Map<String, AtomicLong> consumed = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, AtomicLong> rejected = new java.util.concurrent.ConcurrentHashMap<>();

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
  public boolean caughtUp() {
    return caughtUp;
  }

  public boolean ready() {
    return caughtUp && failure == null;
  }

  public boolean alive() {
    return failure == null;
  }

  public void failed(Throwable t) {
    failure = t;
  }

  public Throwable failure() {
    return failure;
  }

  public void statusLag(long lag) {
    statusLag = lag;
  }

  /** Records behind the status topic's end, -1 until known. */
  public long statusLag() {
    return statusLag;
  }

  public void consumed(String topic) {
    consumed.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
  }

  public void rejected(String topic) {
    rejected.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
  }

  public Map<String, Long> consumedByTopic() {
    Map<String, Long> out = new java.util.TreeMap<>();
    consumed.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public Map<String, Long> rejectedByTopic() {
    Map<String, Long> out = new java.util.TreeMap<>();
    rejected.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
