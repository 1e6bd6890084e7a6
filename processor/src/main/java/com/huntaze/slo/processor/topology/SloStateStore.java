package com.huntaze.slo.processor.topology;

import com.huntaze.slo.processor.core.BucketPage;
import com.huntaze.slo.processor.core.LatencySketch;
import com.huntaze.slo.processor.core.Resolution;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.processor.core.SloState;
import com.huntaze.slo.processor.core.StateChanges;
import com.huntaze.slo.processor.core.StateSync;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLO engine of one task, kept in memory for speed, over a changelogged key-value store for
 * durability. Events only touch memory; what changed reaches the inner store, and so the
 * changelog, when Kafka Streams flushes the task's caches: that is the one step of a commit that
 * runs before the producer is flushed and the transaction holding the input offsets commits. A
 * crash therefore loses in-memory changes and their input offsets together: nothing is lost or
 * counted twice ({@code ProcessorFailoverIT} kills instances to prove it).
 *
 * <p>Why Kafka Streams' internal {@link CachedStateStore} and not the public store contract: with
 * exactly-once, Kafka Streams 4.3 calls the public {@code StateStore.commit(Map)} from
 * {@code ProcessorStateManager.commit()}, which runs in {@code StreamTask.postCommit} (checkpoint),
 * after the transaction has committed; {@code StreamTask.prepareCommit} only calls
 * {@code ProcessorStateManager.flushCache()}, which reaches {@code CachedStateStore.flushCache()}
 * and nothing public. Writing in {@code commit} would commit input offsets whose state changes a
 * crash could still lose. Writing every event through to the store instead costs a changelog
 * record per event. So this one class depends on that internal interface, the Kafka version is
 * pinned, and the SIGKILL test guards the behaviour on every upgrade.
 */
public final class SloStateStore implements StateStore, CachedStateStore<Bytes, byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(SloStateStore.class);

  /** Records per batch written to the inner store: a few hundred KB at most. */
  private static final int WRITE_BATCH = 4096;

  private final KeyValueStore<Bytes, byte[]> inner;
  /** A null value deletes: {@code putAll} writes it as a delete and a changelog tombstone. */
  private final List<KeyValue<Bytes, byte[]>> pending = new java.util.ArrayList<>();
  /** Records of instances no SLO takes any more (read at load): deleted once their tombstones are handed out. */
  private final List<Bytes> orphans = new java.util.ArrayList<>();
  private final IntFunction<SloEngine> engineForPartition;
  private SloEngine engine;
  private int partition;
  private boolean loaded;
  private CrashGuard crashGuard;
  /** Closed after a failure: Kafka Streams wipes the state itself, or else the guard's mark stays for the next start. */
  private boolean closedDirty;

  SloStateStore(KeyValueStore<Bytes, byte[]> inner, IntFunction<SloEngine> engineForPartition) {
    this.inner = inner;
    this.engineForPartition = engineForPartition;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    crashGuard = inner.persistent() ? CrashGuard.open(context.stateDir().toPath(), name(), context.taskId()) : null;
    closedDirty = false;
    inner.init(context, root);
    partition = context.taskId().partition();
    engine = engineForPartition.apply(partition);
    loaded = false;
  }

  /**
   * The engine with the stored state put back. Called from the processor's init, which Kafka
   * Streams runs after restoring the store from its changelog.
   */
  public SloEngine engine() {
    if (!loaded) {
      load();
      loaded = true;
    }
    return engine;
  }

  private void load() {
    long buckets = 0;
    List<Bytes> orphaned = new java.util.ArrayList<>();
    List<Bytes> migrated = new java.util.ArrayList<>();
    java.util.SortedSet<String> dropped = new java.util.TreeSet<>(); // the instances they belonged to, for the log
    try (KeyValueIterator<Bytes, byte[]> all = inner.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> entry = all.next();
        StateCodec.Key key = StateCodec.parseKey(entry.key.get());
        SloState slo = engine.restoring(key.slo());
        if (slo == null) {
          // An SLO removed from slos.yaml (or a group it no longer keeps): its state goes too, so the store stays bounded,
          // and its status (a tombstone at the first emit, from the engine).
          orphaned.add(entry.key);
          dropped.add(key.slo());
          continue;
        }
        StateSync state = slo.persistence();
        switch (key.kind()) {
          case StateCodec.PAGE -> {
            BucketPage page = RingValues.readPage(key.slot(), entry.value);
            state.restoreBucketPage(key.resolution(), page);
            buckets += page.held();
          }
          case StateCodec.LEGACY_PAGE -> { // a release before 64-minute pages: rewritten in today's pages, then deleted
            BucketPage page = RingValues.readLegacyPage(key.slot(), entry.value);
            state.restoreLegacyPage(key.resolution(), page);
            migrated.add(entry.key);
            buckets += page.held();
          }
          case StateCodec.BUCKET -> { // a release before pages
            long[] b = RingValues.readBucket(entry.value);
            state.restoreBucket(key.resolution(), key.slot(), b[0], b[1], b[2]);
            buckets++;
          }
          case StateCodec.SKETCH -> {
            RingValues.Sketch sketch = RingValues.readSketch(entry.value);
            state.restoreSketch(key.slot(), sketch.minute(), sketch.sketch());
          }
          case StateCodec.SUMMARY -> state.restoreSummary(key.summaryKey(), key.resolution(), key.slot(),
              RingValues.readSummary(entry.value));
          default -> state.restoreMeta(StateCodec.readMeta(entry.value));
        }
      }
    }
    orphans.addAll(orphaned); // deleted once their tombstones are out (persist)
    migrated.forEach(inner::delete);
    for (SloState slo : engine.instances()) {
      int built = slo.persistence().finishRestore();
      if (built > 0) {
        LOG.info("SLO {}: its window grew past the buckets it kept: {} coarser buckets built from the finer ones;"
            + " events older than its previous windows are not in the state (to count them: docs/processor.md, taking a changed SLO live with its history)", slo.instanceKey(), built);
      }
    }
    // Records that no longer fit (an SLO's windows changed) are deleted or moved right away.
    persist();
    LOG.info("store {}: restored {} buckets of {} SLO instances{}", name(), buckets, engine.instances().size(),
        (orphaned.isEmpty() ? "" : ", dropped " + orphaned.size() + " records of " + dropped.size()
            + " SLOs or groups this partition no longer keeps (removed, regrouped, over maxGroups, or moved with a changed service): " + dropped.stream().limit(10)
            .collect(java.util.stream.Collectors.joining(", ")) + (dropped.size() > 10 ? ", ..." : ""))
            + (migrated.isEmpty() ? "" : ", moved " + migrated.size() + " pages of an earlier release to today's layout"));
  }

  /** Writes what changed in memory to the inner store. */
  void persist() {
    if (engine == null) {
      return;
    }
    if (!engine.tombstonesPending()) {
      orphans.forEach(inner::delete);
      orphans.clear();
    }
    for (SloState retired : engine.takeRetiredStates()) {
      retired.persistence().drainDeletion(writer(retired.instanceKey()));
    }
    for (SloState slo : engine.instances()) {
      if (slo.persistence().hasChanges()) {
        slo.persistence().drainChanges(writer(slo.instanceKey()));
      }
    }
    writePending();
  }

  /**
   * Records go to the inner store in batches: a commit of a grouped SLO writes pages of thousands
   * of instances, and one write per record would cost a RocksDB write, a read before each delete
   * and a metrics update each. The changelog still gets every record, in order.
   */
  private void write(byte[] key, byte[] value) {
    pending.add(KeyValue.pair(Bytes.wrap(key), value));
    if (pending.size() == WRITE_BATCH) {
      writePending();
    }
  }

  private void writePending() {
    if (!pending.isEmpty()) {
      inner.putAll(pending);
      pending.clear();
    }
  }

  private StateChanges writer(String sloName) {
    byte[] slo = sloName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new StateChanges() {
      @Override
      public void bucketPage(Resolution resolution, BucketPage page) {
        write(StateCodec.pageKey(slo, resolution, page.page()), RingValues.pageValue(page));
      }

      @Override
      public void deleteBucketPage(Resolution resolution, int page) {
        write(StateCodec.pageKey(slo, resolution, page), null);
      }

      @Override
      public void deleteBucket(Resolution resolution, int slot) {
        write(StateCodec.bucketKey(slo, resolution, slot), null);
      }

      @Override
      public void sketch(int slot, long minute, LatencySketch sketch) {
        write(StateCodec.sketchKey(slo, slot), RingValues.sketchValue(minute, sketch));
      }

      @Override
      public void deleteSketch(int slot) {
        write(StateCodec.sketchKey(slo, slot), null);
      }

      @Override
      public void meta(Meta meta) {
        write(StateCodec.metaKey(sloName), StateCodec.metaValue(meta));
      }

      @Override
      public void deleteMeta() {
        write(StateCodec.metaKey(sloName), null);
      }

      @Override
      public void summary(int key, Resolution resolution, int slot, Summary summary) {
        write(StateCodec.summaryKey(slo, key, resolution, slot), RingValues.summaryValue(summary));
      }

      @Override
      public void deleteSummary(int key, Resolution resolution, int slot) {
        write(StateCodec.summaryKey(slo, key, resolution, slot), null);
      }
    };
  }

  /** Called by Kafka Streams before every commit (and before a clean close). */
  @Override
  public void flushCache() {
    persist();
  }

  /** The task is being closed dirty: forget what memory holds; the next init reloads the store. */
  @Override
  public void clearCache() {
    closedDirty = true;
    pending.clear();
    orphans.clear();
    loaded = false;
    engine = engine == null ? null : engineForPartition.apply(partition);
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    inner.commit(changelogOffsets);
  }

  @Override
  public boolean managesOffsets() {
    return inner.managesOffsets();
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return inner.committedOffset(partition);
  }

  @Override
  public void close() {
    engine = null;
    inner.close();
    if (crashGuard != null && !closedDirty) {
      crashGuard.closedCleanly();
    }
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }
}
