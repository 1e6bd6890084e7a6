package com.huntaze.slo.client;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.event.EventRules;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part every emitter shares: a bounded queue, one daemon thread that drains it in batches of up
 * to {@code maxBatch} (waiting at most {@code linger} for a batch to fill), and the counters.
 * Subclasses deliver a batch and report each event's fate with {@link #delivered}/{@link #failed}.
 */
public abstract class AsyncEmitter implements EventEmitter {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncEmitter.class);

  private final BlockingQueue<RequestEvent> queue;
  private final int maxBatch;
  private final long lingerNanos;
  private final Duration closeTimeout;
  private final Thread sender;
  private final AtomicLong emitted = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong invalid = new AtomicLong();
  private final EventRules rules = EventRules.defaults();
  private final Clock clock = Clock.systemUTC();
  private final Object progress = new Object();
  private volatile boolean closing;

  protected AsyncEmitter(String name, int queueCapacity, int maxBatch, Duration linger, Duration closeTimeout) {
    if (queueCapacity < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("queueCapacity and maxBatch must be positive");
    }
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.maxBatch = maxBatch;
    this.lingerNanos = linger.toNanos();
    this.closeTimeout = closeTimeout;
    this.sender = new Thread(this::run, name);
    this.sender.setDaemon(true); // never keeps the service's JVM alive
  }

  /** Subclass constructors call this last, once their fields are set. */
  protected final void startSender() {
    sender.start();
  }

  @Override
  public final boolean emit(RequestEvent event) {
    emitted.incrementAndGet();
    String problem = rules.firstViolation(event, clock.instant());
    if (problem != null) {
      warnSometimes(invalid.incrementAndGet(), "emitter {}: event for service {} not queued, {}", event.getService(), problem);
      return false;
    }
    if (closing || !queue.offer(event)) {
      warnSometimes(dropped.incrementAndGet(), "emitter {}: event for service {} dropped, {}", event.getService(),
          closing ? "the emitter is closing" : "its queue is full (queueCapacity): the events come faster than they are delivered");
      return false;
    }
    return true;
  }

  @Override
  public final EmitterStats stats() {
    return new EmitterStats(emitted.get(), delivered.get(), dropped.get(), failed.get(), invalid.get());
  }

  @Override
  public final boolean flush(Duration timeout) throws InterruptedException {
    long target = emitted.get() - dropped.get() - invalid.get();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (delivered.get() + failed.get() < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
    }
    return true;
  }

  protected final void delivered(int n) {
    delivered.addAndGet(n);
    signal();
  }

  protected final void failed(int n) {
    failed.addAndGet(n);
    signal();
  }

  private void signal() {
    synchronized (progress) {
      progress.notifyAll();
    }
  }

  /**
   * A problem that repeats per event (an outage, a bug in how the service names its events) is
   * logged for the first few and then one in a thousand, so the log stays readable.
   */
  protected final void warnSometimes(long count, String format, String service, Object detail) {
    if (count <= 5 || count % 1_000 == 0) {
      LOG.warn(format + " ({} so far)", sender.getName(), service, detail, count);
    }
  }

  protected final boolean isClosing() {
    return closing;
  }

  /** Hands a batch on; must account for every event, now or later, via delivered/failed. */
  protected abstract void deliver(List<RequestEvent> batch) throws InterruptedException;

  /** Releases the transport after the queue is drained (bounded by {@code timeout}). */
  protected abstract void closeTransport(Duration timeout);

  private void run() {
    List<RequestEvent> batch = new ArrayList<>(maxBatch);
    try {
      while (!closing || !queue.isEmpty()) {
        RequestEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < maxBatch) {
          queue.drainTo(batch, maxBatch - batch.size());
          long left = deadline - System.nanoTime();
          if (batch.size() >= maxBatch || left <= 0 || closing) {
            break;
          }
          RequestEvent next = queue.poll(left, TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          batch.add(next);
        }
        try {
          deliver(batch);
        } catch (RuntimeException e) {
          LOG.error("emitter {}: delivering {} events failed", sender.getName(), batch.size(), e);
          failed(batch.size());
        }
        batch = new ArrayList<>(maxBatch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      int left = batch.size() + queue.size();
      failed(left);
      LOG.warn("emitter {} interrupted: {} events not delivered", sender.getName(), left);
    }
  }

  @Override
  public final void close() {
    if (closing) {
      return;
    }
    closing = true;
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    try {
      sender.join(Math.max(1, closeTimeout.toMillis()));
      if (sender.isAlive()) {
        sender.interrupt();
        sender.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeTransport(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    EmitterStats s = stats();
    if (s.invalid() > 0 || s.dropped() > 0 || s.failed() > 0 || s.pending() > 0) {
      LOG.warn("emitter {} closed: {} emitted, {} delivered, {} invalid, {} dropped, {} failed, {} undelivered",
          sender.getName(), s.emitted(), s.delivered(), s.invalid(), s.dropped(), s.failed(), s.pending());
    }
  }
}
