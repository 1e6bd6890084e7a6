package com.huntaze.slo.ingest.loadgen;

import com.huntaze.slo.avro.RequestEvent;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Paces the traffic model into a sink: {@code rate} events per second (0 = as fast as the sink
 * takes them), in batches, with at most {@code concurrency} batches in flight, until {@code count}
 * events or {@code duration} (either 0 = no limit) or a stop request. Prints progress and a summary.
 */
public final class Loadgen {
  public record Settings(double rate, long count, Duration duration, int batchSize, int concurrency,
      Duration progressEvery) {
    public Settings {
      if (rate < 0 || count < 0 || duration.isNegative() || batchSize < 1 || concurrency < 1) {
        throw new IllegalArgumentException("rate, count, duration >= 0; batch size and concurrency >= 1");
      }
    }
  }

  public record Summary(long sent, long accepted, long failed, Duration elapsed) {
    public double acceptedPerSecond() {
      return accepted / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }

    public String describe() {
      return String.format(Locale.ROOT, "sent %d, accepted %d, failed %d in %.1fs (%.0f accepted events/s)",
          sent, accepted, failed, elapsed.toNanos() / 1e9, acceptedPerSecond());
    }
  }

  private final TrafficModel model;
  private final LoadSink sink;
  private final Settings settings;
  private final Random random;
  private final PrintStream out;
  private final Clock clock;

  public Loadgen(TrafficModel model, LoadSink sink, Settings settings, Random random, PrintStream out, Clock clock) {
    this.model = model;
    this.sink = sink;
    this.settings = settings;
    this.random = random;
    this.out = out;
    this.clock = clock;
  }

  public Summary run(BooleanSupplier stopRequested) throws InterruptedException {
    Dispatcher inFlight = new Dispatcher(sink, settings.concurrency());
    double rate = settings.rate();
    // At a low rate, wait for a tenth of a second's worth of events instead of posting one per request.
    long minBatch = rate <= 0 ? settings.batchSize() : Math.max(1, Math.min(settings.batchSize(), (long) Math.ceil(rate / 10)));
    long limitNanos = settings.duration().toNanos();
    long progressNanos = Math.max(1, settings.progressEvery().toNanos());
    Instant startTime = clock.instant();
    long start = System.nanoTime();
    long nextProgress = start + progressNanos;
    long sent = 0;
    long lastProgressSent = 0;

    while (!stopRequested.getAsBoolean()) {
      long now = System.nanoTime();
      long elapsed = now - start;
      if ((limitNanos > 0 && elapsed >= limitNanos) || (settings.count() > 0 && sent >= settings.count())) {
        break;
      }
      if (now >= nextProgress) {
        progress(elapsed, sent, sent - lastProgressSent, progressNanos, inFlight);
        lastProgressSent = sent;
        nextProgress += progressNanos;
      }
      long due = rate <= 0 ? Long.MAX_VALUE : (long) (rate * elapsed / 1e9);
      if (settings.count() > 0) {
        due = Math.min(due, settings.count());
      }
      boolean last = settings.count() > 0 && due == settings.count();
      if (due - sent >= minBatch || (last && due > sent)) {
        int n = (int) Math.min(settings.batchSize(), due - sent);
        List<RequestEvent> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          long k = sent + i;
          // Event time: when the event was scheduled, so a paced run spreads its events evenly.
          Duration at = rate <= 0 ? Duration.ofNanos(elapsed) : Duration.ofNanos((long) (k / rate * 1e9));
          batch.add(model.event(k, startTime.plus(at), at, random));
        }
        if (!inFlight.trySend(batch, Duration.ofSeconds(1))) {
          continue; // the sink is behind: re-check stop and limits, then wait again
        }
        sent += n;
      } else {
        long nextDue = (long) ((sent + minBatch) / rate * 1e9) - elapsed;
        TimeUnit.NANOSECONDS.sleep(Math.max(100_000, Math.min(nextDue, Math.min(50_000_000, nextProgress - now))));
      }
    }
    // Bounded wait for the last batches: the sinks time out on their own well within this.
    if (!inFlight.awaitAll(Duration.ofSeconds(60))) {
      out.println("loadgen: some batches were still unanswered after 60s");
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    Summary summary = new Summary(sent, inFlight.accepted(), inFlight.failed(), elapsed);
    // The reason too: a run shorter than --progress-every printed no progress line that said it.
    out.println("loadgen done: " + summary.describe() + inFlight.lastError());
    out.flush();
    return summary;
  }

  private void progress(long elapsed, long sent, long sinceLast, long intervalNanos, Dispatcher inFlight) {
    out.printf(Locale.ROOT, "[%6.1fs] sent %d (%.0f/s) accepted %d failed %d in-flight batches %d incident %s%s%n",
        elapsed / 1e9, sent, sinceLast / (intervalNanos / 1e9), inFlight.accepted(), inFlight.failed(),
        inFlight.inFlight(), model.incidentActive(Duration.ofNanos(elapsed)) ? "ON" : "off", inFlight.lastError());
    out.flush();
  }
}
