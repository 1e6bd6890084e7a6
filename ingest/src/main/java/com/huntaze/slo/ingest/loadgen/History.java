package com.huntaze.slo.ingest.loadgen;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.slo.Durations;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Back-dated traffic sent before a live run, so that a new stack starts with days of history
 * instead of a minute (whose first incident would spend the budget many times over): the events of
 * [now - length, now) as fast as the sink takes them, in large batches. The rate follows the day,
 * {@code peakRate} events/s at 15:00 UTC and a quarter of it at 03:00 (the last minutes at the
 * live rate), thinned evenly when that would exceed {@code maxEvents} (the catching up below adds only the events of the seconds the
 * sending took); {@code timeout} bounds the time it may take. The model's incident schedule counts from the start of the history.
 * Sending takes a while, so the time that passed meanwhile is filled in afterwards until the
 * history reaches the present: the live run then continues without a gap.
 */
public final class History {
  /** {@code liveRate}: events/s of the last {@link #RECENT} minutes (0 = the day's curve to the end). */
  public record Settings(Duration length, double peakRate, double liveRate, long maxEvents, Duration timeout,
      Duration progressEvery) {
    public Settings {
      if (length.isNegative() || !(peakRate > 0) || !(liveRate >= 0) || maxEvents < 1 || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("history: length >= 0, rates > 0, max events >= 1, timeout > 0");
      }
    }
  }

  // Few, large requests: 5 000 events are ~0.7 MB of JSON, well within the gateway's 5 MiB body limit.
  static final int BATCH = 5_000;
  private static final Duration SLICE = Duration.ofMinutes(1);
  // The last minutes run at the live rate: the throughput of the last complete minute and the 5m
  // threshold windows then show live traffic from the first second, not the history's sample rate.
  static final Duration RECENT = Duration.ofMinutes(5);
  private static final Duration CAUGHT_UP = Duration.ofSeconds(1);

  private final TrafficModel model;
  private final Settings settings;
  private final Random random;
  private final PrintStream out;
  private final Clock clock;
  private final Dispatcher dispatcher;
  private Instant start;
  private Instant recentFrom;
  private double thinning;
  private double owed; // the fraction of an event a slice could not send yet, carried to the next
  private long sent;
  private List<RequestEvent> batch = new ArrayList<>();
  private long startNanos;
  private long nextProgress;

  public History(TrafficModel model, LoadSink sink, Settings settings, Random random, PrintStream out, Clock clock) {
    this.model = model;
    this.settings = settings;
    this.random = random;
    this.out = out;
    this.clock = clock;
    // One batch at a time: the events then reach the processor in time order, as they happened (with
    // several in flight, batches overtake each other and a third of the history counted as late
    // events on the status page), for about a fifth less speed.
    this.dispatcher = new Dispatcher(sink, 1);
  }

  /** Traffic of the hour of the day as a share of the peak: 1 at 15:00 UTC, 0.25 at 03:00. */
  public static double dayFactor(Instant t) {
    double hour = Math.floorMod(t.getEpochSecond(), 86_400L) / 3600.0;
    return 0.625 + 0.375 * Math.cos(2 * Math.PI * (hour - 15) / 24);
  }

  /** Events [from, to) holds on the day's curve at full density (per minute). */
  static double expected(Instant from, Instant to, double peakRate) {
    double total = 0;
    for (Instant m = from; m.isBefore(to); m = m.plus(SLICE)) {
      Duration len = slice(m, to);
      total += peakRate * dayFactor(m.plus(len.dividedBy(2))) * len.toNanos() / 1e9;
    }
    return total;
  }

  /** The minute from {@code m}, or what is left of it before {@code end}. */
  private static Duration slice(Instant m, Instant end) {
    Duration left = Duration.between(m, end);
    return left.compareTo(SLICE) < 0 ? left : SLICE;
  }

  public Loadgen.Summary run(BooleanSupplier stopRequested) throws InterruptedException {
    Instant end = clock.instant();
    start = end.minus(settings.length());
    recentFrom = settings.liveRate() > 0 && settings.length().compareTo(RECENT) > 0 ? end.minus(RECENT) : end;
    double recent = settings.liveRate() * Duration.between(recentFrom, end).toNanos() / 1e9;
    double curve = expected(start, recentFrom, settings.peakRate());
    thinning = Math.min(1, Math.max(0, settings.maxEvents() - recent) / Math.max(1, curve));
    out.printf(Locale.ROOT, "history: %s of back-dated events from %s: ~%.0f events (peak %.1f/s at 15:00 UTC, a quarter at night%s)%s%n",
        Durations.format(settings.length()), start.truncatedTo(ChronoUnit.SECONDS), curve * thinning + recent,
        settings.peakRate() * thinning, recent > 0 ? ", the last " + Durations.format(RECENT) + " at the live rate" : "",
        thinning < 1 ? String.format(Locale.ROOT, ", thinned to %.0f %% of the rate by --history-max-events", 100 * thinning) : "");
    startNanos = System.nanoTime();
    nextProgress = startNanos + settings.progressEvery().toNanos();
    long deadline = startNanos + settings.timeout().toNanos();
    Instant from = start;
    String stopped = null;
    while (stopped == null) {
      stopped = send(from, end, () -> stopRequested.getAsBoolean() || System.nanoTime() > deadline);
      from = end;
      end = clock.instant();
      if (stopped == null && Duration.between(from, end).compareTo(CAUGHT_UP) < 0) {
        break;
      }
    }
    if (!dispatcher.awaitAll(Duration.ofSeconds(60))) {
      out.println("history: some batches were still unanswered after 60s");
    }
    Loadgen.Summary summary = new Loadgen.Summary(sent, dispatcher.accepted(), dispatcher.failed(),
        Duration.ofNanos(System.nanoTime() - startNanos));
    out.printf(Locale.ROOT, "history %s: %s, events from %s to %s%n", stopped == null ? "done" : "stopped (" + stopped + ")",
        summary.describe(), start.truncatedTo(ChronoUnit.SECONDS), from.truncatedTo(ChronoUnit.SECONDS));
    out.flush();
    return summary;
  }

  /** Sends the events of [from, to); null when done, else why it stopped early. */
  private String send(Instant from, Instant to, BooleanSupplier stop) throws InterruptedException {
    for (Instant m = from; m.isBefore(to); m = m.plus(SLICE)) {
      Duration len = slice(m, to);
      double rate = m.isBefore(recentFrom) ? settings.peakRate() * dayFactor(m.plus(len.dividedBy(2))) * thinning
          : settings.liveRate();
      double due = rate * len.toNanos() / 1e9 + owed;
      int n = (int) due;
      owed = due - n;
      for (int i = 0; i < n; i++) {
        Instant at = m.plus(len.multipliedBy(i).dividedBy(n));
        batch.add(model.event(sent + batch.size(), at, Duration.between(start, at), random));
        if (batch.size() == BATCH) {
          String why = flush(stop);
          if (why != null) {
            return why;
          }
        }
      }
    }
    return batch.isEmpty() ? null : flush(stop);
  }

  private String flush(BooleanSupplier stop) throws InterruptedException {
    while (!dispatcher.trySend(batch, Duration.ofSeconds(1))) {
      if (stop.getAsBoolean()) {
        return "stop requested or --history-timeout passed";
      }
    }
    sent += batch.size();
    Instant upTo = batch.get(batch.size() - 1).getEventTime();
    batch = new ArrayList<>(BATCH);
    if (dispatcher.failed() > 0) {
      return "the sink refused a batch:" + dispatcher.lastError();
    }
    long now = System.nanoTime();
    if (now >= nextProgress) {
      nextProgress = now + settings.progressEvery().toNanos();
      out.printf(Locale.ROOT, "[history %5.1fs] sent %d accepted %d failed %d, up to %s%n", (now - startNanos) / 1e9,
          sent, dispatcher.accepted(), dispatcher.failed(), upTo.truncatedTo(ChronoUnit.SECONDS));
      out.flush();
    }
    return stop.getAsBoolean() ? "stop requested or --history-timeout passed" : null;
  }
}
