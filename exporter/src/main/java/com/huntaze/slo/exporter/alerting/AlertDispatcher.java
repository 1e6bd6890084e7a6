package com.huntaze.slo.exporter.alerting;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the {@link AlertBook}: every tick, per Alertmanager, sends what is due and reports the
 * outcome back. One thread per Alertmanager, so one that hangs does not delay the others.
 */
public final class AlertDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  private final AlertBook book;
  private final AlertPayloads payloads;
  private final AlertmanagerClient client;
  private final Clock clock;
  private final Duration tick;
  private final BooleanSupplier historyRead;
  private final List<ScheduledExecutorService> executors = new ArrayList<>();

  /**
   * @param historyRead whether the book holds every alert of the look-back window read at start: nothing
   *     is sent before, so that pages and tickets of an SLO are due together (pages first, see {@link AlertBook#due})
   */
  public AlertDispatcher(AlertBook book, AlertPayloads payloads, AlertmanagerClient client, Clock clock, Duration tick,
                         BooleanSupplier historyRead) {
    this.historyRead = historyRead;
    this.book = book;
    this.payloads = payloads;
    this.client = client;
    this.clock = clock;
    this.tick = tick;
  }

  public void start() {
    for (String target : book.targets()) {
      ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alertmanager-" + target);
        t.setDaemon(true);
        return t;
      });
      executors.add(ex);
      ex.scheduleWithFixedDelay(() -> sendDue(target), 0, tick.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("pushing alerts to Alertmanager {}", AlertmanagerClient.alertsEndpoint(target));
    }
  }

  /** One round for one Alertmanager; public for tests that drive it without the scheduler. */
  public void sendDue(String target) {
    if (!historyRead.getAsBoolean()) {
      return;
    }
    try {
      AlertBook.Batch batch = book.due(target, clock.instant());
      if (batch.isEmpty()) {
        return;
      }
      try {
        client.post(target, payloads.toJson(batch.alerts()));
        boolean recovered = book.consecutiveFailures(target) > 0;
        book.delivered(batch, clock.instant());
        if (recovered) {
          LOG.info("Alertmanager {} reachable again: delivered {} alert(s)", target, batch.alerts().size());
        } else {
          LOG.debug("delivered {} alert(s) to {}", batch.alerts().size(), target);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        String why = describe(e);
        Duration backoff = book.failed(target, clock.instant(), why);
        LOG.warn("cannot deliver {} alert(s) to Alertmanager {}: {}; kept in memory, retrying in {} ms",
            batch.alerts().size(), target, why, backoff.toMillis());
      }
    } catch (RuntimeException e) {
      LOG.error("alert dispatch round for {} failed", target, e); // keep the schedule alive
    }
  }

  /** The exception and its causes in one line (a refused connection has no message of its own). */
  static String describe(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null && out.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
      out.append(out.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        out.append(": ").append(t.getMessage());
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    executors.forEach(ScheduledExecutorService::shutdownNow);
    for (ScheduledExecutorService ex : executors) {
      try {
        ex.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
