package com.huntaze.slo.processor.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a task's local store was closed cleanly the last time it was open in this directory,
 * and if not, its local copy deleted so that Kafka Streams rebuilds it from the changelog.
 *
 * <p>Why: with exactly-once, the local RocksDB copy is only to be trusted after a clean close. RocksDB
 * runs without its write-ahead log, and a memtable it flushes to disk between our write of a commit's
 * state and the commit itself keeps those writes even when a crash aborts the transaction; replaying the
 * committed changelog does not undo them, and the events behind them are read again: counted twice.
 * Kafka Streams rebuilds a store after a crash when it finds no stored offsets, but 4.3.1 kept trusting
 * the offsets of the last clean close through a later crash (a clean restart, then SIGKILL:
 * {@code CrashGuardIT}). So the store keeps its own mark, a file beside the task's state, from its
 * start to its clean close.
 */
final class CrashGuard {
  private static final Logger LOG = LoggerFactory.getLogger(CrashGuard.class);
  private final Path mark;
  private final Path localCopy;

  private CrashGuard(Path taskDir, String store) {
    this.mark = taskDir.resolve(store + ".open");
    this.localCopy = taskDir.resolve("rocksdb").resolve(store); // where Kafka Streams keeps a RocksDB store
  }

  /**
   * Before the store opens: deletes its local copy if it was left open, and marks it open.
   *
   * @param taskDir the task's state directory ({@code StateStoreContext.stateDir()})
   */
  static CrashGuard open(Path taskDir, String store, Object taskId) {
    CrashGuard guard = new CrashGuard(taskDir, store);
    try {
      if (Files.exists(guard.mark)) {
        LOG.info("task {}: its state here was not closed cleanly (a crash): rebuilding it from the changelog", taskId);
        Utils.delete(guard.localCopy.toFile()); // recursively; nothing there is fine
      } else {
        Files.createFile(guard.mark);
      }
      return guard;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check or mark the local state in " + taskDir, e);
    }
  }

  /** After a clean close only: its local copy may be trusted at the next start. */
  void closedCleanly() {
    try {
      Files.deleteIfExists(mark);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mark the local state in " + mark.getParent() + " closed", e);
    }
  }
}
