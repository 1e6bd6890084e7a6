package com.huntaze.slo.bench;

import static com.huntaze.slo.bench.Main.OUT;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.processor.core.AlertEvent;
import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.core.Evaluation;
import com.huntaze.slo.processor.core.BucketPage;
import com.huntaze.slo.processor.core.LatencySketch;
import com.huntaze.slo.processor.core.Resolution;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.processor.core.SloState;
import com.huntaze.slo.processor.core.StateChanges;
import com.huntaze.slo.processor.topology.AvroMapping;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.kafka.common.serialization.Serializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How grouped SLOs scale with their number of instances: the SLO core alone (no broker), for each
 * count the heap the instances hold (latency sketches included), the records the store keeps, and
 * the time one emit takes (evaluate every instance and serialize its status). Each count is
 * printed per instance too, so growth faster than the number of instances shows as a rising
 * per-instance figure.
 */
@Command(name = "groups", mixinStandardHelpOptions = true,
    description = "Scale of grouped SLOs: heap, store records and emit time for N group instances of a latency SLO (30d window).")
final class GroupsBench implements Callable<Integer> {
  @Option(names = "--instances", split = ",", description = "Group instance counts to measure. Default: ${DEFAULT-VALUE}",
      defaultValue = "10000,100000")
  int[] instances;

  @Option(names = "--events-per-instance", description = "Events per instance, spread over the last 6 hours. Default: ${DEFAULT-VALUE}",
      defaultValue = "20")
  int eventsPerInstance;

  @Override
  public Integer call() throws Exception {
    OUT.printf("%-10s %12s %14s %14s %16s %14s %16s%n", "instances", "heap MB", "heap KB/inst", "store records",
        "records/inst", "emit ms", "emit us/inst");
    for (int n : instances) {
      measure(n);
    }
    return 0;
  }

  private void measure(int n) throws Exception {
    var slos = SloConfigLoader.parse("groups bench", """
        slos:
          - {name: by-tenant, service: api, objective: 99, window: 30d, sli: {latency: {threshold: 300ms}},
             groupBy: [attributes.tenant], maxGroups: 100000}
        """).slos();
    long before = usedHeap();
    SloEngine engine = new SloEngine(slos, EngineSettings.DEFAULTS);
    long now = System.currentTimeMillis();
    Random random = new Random(1);
    for (int i = 0; i < n; i++) {
      Map<String, String> attributes = Map.of("tenant", "tenant-" + i);
      for (int e = 0; e < eventsPerInstance; e++) {
        engine.apply("api", "GET /api/" + random.nextInt(10), attributes, random.nextInt(100) == 0 ? 503 : 200,
            Math.exp(4.2 + random.nextGaussian() * 0.8), now - random.nextInt(6 * 3_600_000), now, now);
      }
    }
    long heap = usedHeap() - before;
    long[] records = {0};
    StateChanges counting = countingChanges(records);
    for (SloState s : engine.instances()) {
      s.persistence().drainChanges(counting);
    }
    Serializer<SloStatus> serializer = Topics.defaults().status().valueSerde().serializer();
    long[] times = new long[5];
    for (int round = 0; round < times.length; round++) {
      long started = System.nanoTime();
      List<AlertEvent> alerts = new ArrayList<>();
      for (Evaluation e : engine.evaluate(now + round * 5_000L, alerts)) {
        serializer.serialize("status", AvroMapping.status(e));
      }
      times[round] = System.nanoTime() - started;
    }
    Arrays.sort(times);
    double emitMs = times[times.length / 2] / 1e6;
    OUT.printf(Locale.ROOT, "%-10d %12.1f %14.1f %,14d %16.1f %14.1f %16.1f%n", n, heap / 1e6, heap / 1e3 / n, records[0],
        records[0] / (double) n, emitMs, emitMs * 1000 / n);
    if (engine.states().size() != 1) {
      throw new IllegalStateException("expected one SLO");
    }
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  /** Counts the records a drain would write (deletions not counted). */
  static StateChanges countingChanges(long[] records) {
    return new StateChanges() {
      @Override
      public void bucketPage(Resolution resolution, BucketPage page) {
        records[0]++;
      }

      @Override
      public void deleteBucketPage(Resolution resolution, int page) {
      }

      @Override
      public void deleteBucket(Resolution resolution, int slot) {
      }

      @Override
      public void sketch(int slot, long minute, LatencySketch sketch) {
        records[0]++;
      }

      @Override
      public void deleteSketch(int slot) {
      }

      @Override
      public void meta(Meta meta) {
        records[0]++;
      }

      @Override
      public void summary(int key, Resolution resolution, int slot, Summary summary) {
        records[0]++;
      }

      @Override
      public void deleteSummary(int key, Resolution resolution, int slot) {
      }

      @Override
      public void deleteMeta() {
      }
    };
  }
}
