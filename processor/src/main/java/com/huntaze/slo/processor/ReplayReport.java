package com.huntaze.slo.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.huntaze.slo.processor.core.Evaluation;
import com.huntaze.slo.processor.core.WindowResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

/** What a replay tells its user: progress while it reads, then a summary per SLO and the JSON lines. */
final class ReplayReport {
  /** The widest the SLO column gets. */
  private static final int MAX_NAME_WIDTH = 60;
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private ReplayReport() {
  }

  /**
   * The summary table and, when {@code output} is set, one JSON line per SLO. {@code liveBudgets}
   * holds what the live processor last published per SLO, so a correction (an exclusion added
   * after the fact) shows its budget next to the one in force. Returns false, having said why on
   * {@code err} in one line, when {@code output} could not be written: a disk that fills up during a
   * replay of hours passes every check made before it.
   */
  static boolean summary(PrintWriter out, PrintWriter err, List<Evaluation> evaluations, Map<String, Double> liveBudgets, long events,
                         Duration took, Path output) {
    List<Evaluation> sorted = evaluations.stream().sorted(Comparator.comparing(Evaluation::instanceKey)).toList();
    out.printf(Locale.ROOT, "%nreplayed %,d events in %.1f s%n", events, took.toMillis() / 1000.0);
    // As wide as the longest name up to MAX_NAME_WIDTH, so the columns stay aligned; a longer name
    // (a group's values may be 256 characters each) gets a line of its own above its figures.
    int nameWidth = Math.max(30, Math.min(MAX_NAME_WIDTH, sorted.stream().mapToInt(e -> e.instanceKey().length()).max().orElse(0)));
    int windowWidth = Math.max(8, sorted.stream().mapToInt(e -> e.slo().windowLabel().length()).max().orElse(0));
    String row = "%-" + nameWidth + "s %-" + windowWidth + "s";
    out.printf(row + " %12s %12s %10s %10s %11s %8s %8s %9s%n", "SLO", "window", "good", "total", "SLI", "budget",
        "budget now", "late", "refused", "excluded");
    for (Evaluation e : sorted) {
      WindowResult w = e.window(e.slo().window()).orElseThrow();
      boolean period = e.budget().calendar(); // a calendar SLO's counts are its period's, as its SLI and budget are
      Double live = liveBudgets.get(e.instanceKey());
      String name = e.instanceKey();
      if (name.length() > nameWidth) {
        out.println(name);
        name = "";
      }
      out.printf(Locale.ROOT, row + " %,12d %,12d %10s %10s %11s %,8d %,8d %,9d%n", name,
          e.slo().windowLabel(), period ? e.budget().goodEvents() : w.good(), period ? e.budget().events() : w.total(),
          percent(e.sli()), percent(e.budgetRemaining()),
          live == null ? "-" : percent(java.util.OptionalDouble.of(live)), e.late().appliedLate(), e.late().rejected(),
          e.late().excluded());
    }
    out.println("budget: as replayed (with this file's exclusions); budget now: as the live processor last published it");
    out.flush();
    if (output != null) {
      ObjectMapper json = new ObjectMapper();
      try (Writer w = Files.newBufferedWriter(output)) {
        for (Evaluation e : sorted) {
          Map<String, Object> line = jsonOf(e);
          line.put("liveBudgetRemaining", liveBudgets.get(e.instanceKey()));
          w.write(json.writeValueAsString(line));
          w.write('\n');
        }
      } catch (IOException e) {
        err.println("--output " + output + ": cannot write it: " + e.getMessage());
        return false;
      }
      out.println("wrote " + sorted.size() + " SLOs to " + output);
      out.flush();
    }
    return true;
  }

  static Map<String, Object> jsonOf(Evaluation e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.slo().name());
    m.put("instance", e.instanceKey());
    if (!e.group().isEmpty()) {
      Map<String, String> group = new LinkedHashMap<>();
      e.group().forEach(g -> group.put(g.label(), g.value()));
      m.put("group", group);
    }
    m.put("service", e.slo().service());
    m.put("sliKind", e.slo().sli().kind());
    m.put("objective", e.slo().objective().isPresent() ? e.slo().objective().getAsDouble() : null);
    m.put("window", e.slo().windowLabel());
    m.put("asOf", Instant.ofEpochMilli(e.atMillis()).toString());
    m.put("sli", e.sli().isPresent() ? e.sli().getAsDouble() : null);
    m.put("budgetRemaining", e.budgetRemaining().isPresent() ? e.budgetRemaining().getAsDouble() : null);
    m.put("lateEventsApplied", e.late().appliedLate());
    m.put("rejectedTooOld", e.late().rejectedTooOld());
    m.put("rejectedTooFarAhead", e.late().rejectedTooFarAhead());
    m.put("excludedEvents", e.late().excluded());
    m.put("windows", e.windows().stream().map(w -> {
      Map<String, Object> wm = new LinkedHashMap<>();
      wm.put("window", w.window().label());
      wm.put("good", w.good());
      wm.put("total", w.total());
      wm.put("burnRate", w.burnRate().isPresent() ? w.burnRate().getAsDouble() : null);
      return wm;
    }).collect(Collectors.toList()));
    m.put("latencyQuantiles", e.latencyQuantiles());
    m.put("throughputRps", e.throughputRps().isPresent() ? e.throughputRps().getAsDouble() : null);
    if (e.slo().grouping().isGrouped() && e.group().isEmpty()) {
      m.put("groupsTracked", e.groups().tracked());
      m.put("groupsOverflowed", e.groups().overflowed());
    }
    if (!e.contributors().isEmpty()) {
      m.put("topContributors", e.contributors());
    }
    m.put("budgeting", e.budget().budgeting());
    m.put("periodStart", e.budget().calendar() ? Instant.ofEpochMilli(e.budget().spanStartMillis()).toString() : null);
    m.put("periodEnd", e.budget().calendar() ? Instant.ofEpochMilli(e.budget().periodEndMillis()).toString() : null);
    m.put("periodGood", e.budget().calendar() ? e.budget().goodEvents() : null);
    m.put("periodTotal", e.budget().calendar() ? e.budget().events() : null);
    m.put("burnDown", e.budget().burnDown().stream()
        .map(p -> List.of(Instant.ofEpochMilli(p.atMillis()).toString(), p.remaining())).collect(Collectors.toList()));
    return m;
  }

  private static String percent(java.util.OptionalDouble d) {
    return d.isPresent() ? String.format(Locale.ROOT, "%.4f%%", d.getAsDouble() * 100) : "no data";
  }

  /** Progress by offsets and by event time, for the progress line. */
  static final class Progress {
    private final ReplayRange range;
    private final AtomicLongArray position;
    private final AtomicLong latestRecord = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong skipped = new AtomicLong();
    private final long total;
    private final long firstTime;
    private final long lastTime;

    Progress(ReplayRange range, int partitions, Instant start, Instant end) {
      this.range = range;
      this.position = new AtomicLongArray(partitions);
      for (int p = 0; p < partitions; p++) {
        position.set(p, range.start().get(p));
      }
      this.total = range.records();
      this.lastTime = end.toEpochMilli();
      // From the oldest record read first, not from --from when retention starts later; but in a topic
      // out of order that record may be stamped after --to, and then --from is all there is.
      long first = range.firstTimestamp().values().stream().filter(t -> t >= 0).min(Long::compare).orElse(Long.MAX_VALUE);
      this.firstTime = first < lastTime ? first : start.toEpochMilli();
    }

    void record(int partition, long offset, long recordMillis, long skippedRecords) {
      position.set(partition, offset + 1);
      latestRecord.accumulateAndGet(recordMillis, Math::max);
      skipped.addAndGet(skippedRecords);
    }

    /** Records read and skipped: stamped at or after --to. */
    long skipped() {
      return skipped.get();
    }

    long events() {
      long done = 0;
      for (int p = 0; p < position.length(); p++) {
        done += position.get(p) - range.start().get(p);
      }
      return done;
    }

    String line(long startedNanos) {
      long done = events();
      double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
      double rate = done / seconds;
      double share = total == 0 ? 1 : done / (double) total;
      long latest = latestRecord.get();
      String eventTime = latest == Long.MIN_VALUE ? "-" : TIME.format(Instant.ofEpochMilli(latest));
      double timeShare = latest == Long.MIN_VALUE || lastTime <= firstTime ? 0
          : Math.max(0, Math.min(1, (latest - firstTime) / (double) (lastTime - firstTime)));
      String eta = rate > 0 && done < total ? Math.round((total - done) / rate) + " s" : "-";
      return String.format(Locale.ROOT, "replay %5.1f %% of offsets (%,d / %,d), event time %s (%4.1f %%), %,.0f events/s, ETA %s",
          100 * share, done, total, eventTime, 100 * timeShare, rate, eta);
    }
  }
}
