package com.huntaze.slo.exporter.state;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.view.SloView;
import com.huntaze.slo.exporter.view.StatusMapper;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The latest status per SLO, held as its {@link SloView}: what the compacted {@code slo.status} topic
 * says, rebuilt from its beginning at start. Each status is converted once, on arrival, so scrapes
 * and pages only read. Writers are the Kafka loop; readers take a snapshot.
 */
public final class StatusStore {
  private final ConcurrentSkipListMap<String, SloView> latest = new ConcurrentSkipListMap<>();

  /**
   * Applies one record of the topic: a value replaces the SLO's status, a tombstone (null) removes
   * the SLO. Records of one SLO share a key, hence a partition, so offset order is the order of truth.
   */
  public void apply(String name, SloStatus status) {
    Objects.requireNonNull(name, "name");
    if (status == null) {
      latest.remove(name);
    } else {
      latest.put(name, StatusMapper.toView(status));
    }
  }

  /** The views at this instant, name-ordered; immutable. */
  public List<SloView> snapshot() {
    return List.copyOf(latest.values());
  }

  public Optional<SloView> get(String name) {
    return Optional.ofNullable(latest.get(name));
  }

  public int size() {
    return latest.size();
  }
}
