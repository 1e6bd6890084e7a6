package com.huntaze.slo.exporter.state;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.view.InstanceKey;
import com.huntaze.slo.exporter.view.SloView;
import com.huntaze.slo.exporter.view.StatusMapper;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The latest status per SLO instance (the SLO as a whole and each of its groups), held as its
 * {@link SloView}: what the compacted {@code slo.status} topic says, rebuilt from its beginning at
 * start. Each status is converted once, on arrival, so scrapes and pages only read. Writers are the
 * Kafka loop; readers take a snapshot. Ordered by SLO name, the whole SLO before its groups.
 */
public final class StatusStore {
  private final ConcurrentSkipListMap<InstanceKey, SloView> latest = new ConcurrentSkipListMap<>();

  /**
   * Applies one record of the topic. A value replaces the instance's status; a tombstone (null) on a
   * group's key removes the group (it went idle), on an SLO's name removes the SLO with all its groups
   * (the SLO is gone, so are they). Records of one instance share a key, hence a partition, so offset
   * order is the order of truth.
   *
   * @param recordKey the SLO name, or {@code name{label="value",...}} for a group
   * @throws IllegalArgumentException when the key is not the status's own instance key
   */
  public void apply(String recordKey, SloStatus status) {
    Objects.requireNonNull(recordKey, "recordKey");
    InstanceKey key = InstanceKey.parse(recordKey);
    if (status == null) {
      if (key.isWhole()) {
        latest.subMap(key, true, InstanceKey.afterAllOf(key.name()), true).clear();
      } else {
        latest.remove(key);
      }
      return;
    }
    SloView view = StatusMapper.toView(status);
    if (!view.key().equals(key)) {
      throw new IllegalArgumentException("key '" + recordKey + "' differs from the status's instance '" + view.key() + "'");
    }
    latest.put(key, view);
  }

  /** Every instance at this instant, the whole SLO before its groups, SLOs by name; immutable. */
  public List<SloView> snapshot() {
    return List.copyOf(latest.values());
  }

  /** The SLO as a whole. */
  public Optional<SloView> get(String name) {
    return instance(InstanceKey.whole(name));
  }

  public Optional<SloView> instance(InstanceKey key) {
    return Optional.ofNullable(latest.get(key));
  }

  /** SLOs held (as a whole; their groups not counted). */
  public int size() {
    return (int) latest.keySet().stream().filter(InstanceKey::isWhole).count();
  }

  /** Instances held: SLOs as a whole and groups. */
  public int instances() {
    return latest.size();
  }
}
