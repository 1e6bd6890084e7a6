package com.huntaze.slo.processor;

import com.huntaze.slo.schemas.slo.Durations;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * What a replay reads: per partition, the first offset at or after {@code --from} and the offset it
 * stops before, the end offset when it started, and what retention left of the range. Not the
 * offset of {@code --to}: an event stamped before {@code --to} may have arrived after later ones (a
 * client's backlog) and counts all the same; the reader skips what is stamped at or after it.
 */
record ReplayRange(Map<Integer, Long> start, Map<Integer, Long> stop, Map<Integer, Long> logStart,
                   Map<Integer, Long> firstTimestamp) {
  long records() {
    return start.keySet().stream().mapToLong(p -> Math.max(0, stop.get(p) - start.get(p))).sum();
  }

  static ReplayRange of(Admin admin, String topic, int partitions, Instant start) throws Exception {
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> atStart = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      TopicPartition tp = new TopicPartition(topic, p);
      earliest.put(tp, OffsetSpec.earliest());
      latest.put(tp, OffsetSpec.latest());
      atStart.put(tp, OffsetSpec.forTimestamp(start.toEpochMilli()));
    }
    var first = admin.listOffsets(earliest).all().get(60, TimeUnit.SECONDS);
    var last = admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS);
    var fromStart = admin.listOffsets(atStart).all().get(60, TimeUnit.SECONDS);
    Map<Integer, Long> startOffsets = new HashMap<>();
    Map<Integer, Long> stopOffsets = new HashMap<>();
    Map<Integer, Long> logStart = new HashMap<>();
    Map<Integer, Long> firstTs = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      TopicPartition tp = new TopicPartition(topic, p);
      long stop = last.get(tp).offset();
      long begin = Math.min(offsetOr(fromStart.get(tp), stop), stop);
      startOffsets.put(p, begin);
      stopOffsets.put(p, stop);
      logStart.put(p, first.get(tp).offset());
      ListOffsetsResult.ListOffsetsResultInfo s = fromStart.get(tp);
      firstTs.put(p, s != null && s.offset() >= 0 ? s.timestamp() : -1L);
    }
    return new ReplayRange(startOffsets, stopOffsets, logStart, firstTs);
  }

  private static long offsetOr(ListOffsetsResult.ListOffsetsResultInfo info, long otherwise) {
    return info == null || info.offset() < 0 ? otherwise : info.offset();
  }

  /**
   * Says when the topic no longer holds the start of the range (retention deleted it) and which SLOs
   * will therefore be computed over part of their window, instead of silently under-counting.
   */
  void reportRetention(PrintWriter out, Admin admin, String topic, SloConfig config, Instant end)
      throws Exception {
    String retention = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
        .all().get(60, TimeUnit.SECONDS).values().iterator().next().get("retention.ms").value();
    long covered = Long.MAX_VALUE;
    boolean truncated = false;
    for (int p : start.keySet()) {
      // Data was deleted on this partition if its log no longer starts at 0 and the range starts at the log start.
      if (logStart.get(p) > 0 && start.get(p).equals(logStart.get(p)) && firstTimestamp.get(p) >= 0) {
        truncated = true;
        covered = Math.min(covered, firstTimestamp.get(p));
      }
    }
    long retentionMs = Long.parseLong(retention);
    out.printf("topic retention: %s%n", retentionMs < 0 ? "unlimited" : Durations.format(Duration.ofMillis(retentionMs)));
    if (!truncated) {
      return;
    }
    Instant coveredFrom = Instant.ofEpochMilli(covered);
    out.printf("WARNING: the topic only holds events from %s on (older ones were deleted by retention).%n", ReplayReport.TIME.format(coveredFrom));
    for (SloDefinition s : config.slos()) {
      Instant windowStart = end.minus(s.window());
      if (windowStart.isBefore(coveredFrom)) {
        double share = Math.max(0, Duration.between(coveredFrom, end).toMillis()) / (double) s.window().toMillis();
        out.printf(Locale.ROOT, "  partial: %-30s window %s, history covers %.1f %% of it%n", s.name(), Durations.format(s.window()), 100 * share);
      }
    }
  }

}
