package com.huntaze.slo.exporter.state;

import com.huntaze.slo.avro.SloStatus;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The latest {@link SloStatus} per SLO: what the compacted {@code slo.status} topic says, rebuilt
 * from its beginning at start. Writers are the Kafka loop; readers (scrapes, pages) take a snapshot.
 */
public final class StatusStore {
  private final ConcurrentSkipListMap<String, SloStatus> latest = new ConcurrentSkipListMap<>();

  /**
   * Applies one record of the topic: a value replaces the SLO's status, a tombstone (null) removes
   * the SLO. Records of one SLO share a key, hence a partition, so offset order is the order of truth.
   */
  public void apply(String name, SloStatus status) {
    Objects.requireNonNull(name, "name");
    if (status == null) {
      latest.remove(name);
    } else {
      latest.put(name, status);
    }
  }

  /** An immutable, name-ordered view at this instant. */
  public NavigableMap<String, SloStatus> snapshot() {
    return Collections.unmodifiableNavigableMap(new TreeMap<>(latest));
  }

  public Optional<SloStatus> get(String name) {
    return Optional.ofNullable(latest.get(name));
  }

  public int size() {
    return latest.size();
  }

  /** For tests and benchmarks: replaces the content. */
  public void replaceAll(Map<String, SloStatus> statuses) {
    latest.clear();
    latest.putAll(statuses);
  }
}
