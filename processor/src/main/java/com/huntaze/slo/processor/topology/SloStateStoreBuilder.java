package com.huntaze.slo.processor.topology;

import com.huntaze.slo.processor.core.SloEngine;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Builds {@link SloStateStore}s over a persistent, changelogged, uncached RocksDB store. */
final class SloStateStoreBuilder implements StoreBuilder<SloStateStore> {
  private final StoreBuilder<KeyValueStore<Bytes, byte[]>> inner;
  private final IntFunction<SloEngine> engineForPartition;

  SloStateStoreBuilder(String name, Map<String, String> changelogConfig, IntFunction<SloEngine> engineForPartition) {
    // No record cache: the engine already aggregates in memory and writes only what changed.
    this.inner = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
        .withLoggingEnabled(changelogConfig)
        .withCachingDisabled();
    this.engineForPartition = engineForPartition;
  }

  @Override
  public StoreBuilder<SloStateStore> withCachingEnabled() {
    throw new UnsupportedOperationException("the SLO state store aggregates in memory; a record cache would only add copies");
  }

  @Override
  public StoreBuilder<SloStateStore> withCachingDisabled() {
    return this;
  }

  @Override
  public StoreBuilder<SloStateStore> withLoggingEnabled(Map<String, String> config) {
    inner.withLoggingEnabled(config);
    return this;
  }

  @Override
  public StoreBuilder<SloStateStore> withLoggingDisabled() {
    throw new UnsupportedOperationException("the SLO state store needs its changelog for exactly-once and failover");
  }

  @Override
  public SloStateStore build() {
    return new SloStateStore(inner.build(), engineForPartition);
  }

  @Override
  public Map<String, String> logConfig() {
    return inner.logConfig();
  }

  @Override
  public boolean loggingEnabled() {
    return inner.loggingEnabled();
  }

  @Override
  public String name() {
    return inner.name();
  }
}
