package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SloStateTest {
  private static final long START = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;
  private static final int PER_MINUTE = 1000;

  static SloDefinition slo(String yaml) throws Exception {
    return SloConfigLoader.parse("test", "slos:\n  - " + yaml).slos().get(0);
  }

  static SloDefinition availability() throws Exception {
    return slo("{name: api, service: s, objective: 99.9, window: 30d, sli: {availability: {}}, alerting: {burnRate: default, threshold: 99.5}}");
  }

  /** Feeds {@code minutes} minutes of traffic starting at {@code fromMinute}, a share {@code badRatio} of it failing. */
  static void traffic(SloState state, long fromMinute, int minutes, double badRatio) {
    long events = 0;
    long bad = 0;
    for (long m = fromMinute; m < fromMinute + minutes; m++) {
      for (int i = 0; i < PER_MINUTE; i++) {
        events++;
        boolean failing = bad < Math.floor(badRatio * events);
        if (failing) {
          bad++;
        }
        state.record(START + m * MINUTE + i * 59, failing ? 503 : 200, 20);
      }
    }
  }

  static long endOf(long minute) {
    return START + minute * MINUTE + MINUTE - 1;
  }

  /** The SRE Workbook's multiwindow, multi-burn-rate cases on a 99.9 % / 30-day SLO over 3 days of traffic. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      2% of budget in 1h: burn 15 over 1h and 5m pages        | 60   | 0.015  | true  | false
      5% of budget in 6h: burn 7 over 6h and 30m pages        | 360  | 0.007  | true  | false
      10% of budget in 1d: burn 3.5 over 1d and 2h tickets   | 1440 | 0.0035 | false | true
      10% of budget in 3d: burn 1.2 over 3d and 6h tickets   | 4320 | 0.0012 | false | true
      burn 10 for an hour is below every row                  | 60   | 0.01   | false | false
      a 5 minute outage burns 1h and 5m above 14.4            | 5    | 0.5    | true  | false
      """)
  void shouldFireTheSreWorkbookRows(String name, int minutes, double badRatio, boolean page, boolean ticket) throws Exception {
    SloState state = new SloState(availability(), EngineSettings.DEFAULTS);
    int total = 3 * 1440;
    traffic(state, 0, total - minutes, 0);
    traffic(state, total - minutes, minutes, badRatio);

    List<AlertEvent> alerts = new ArrayList<>();
    Evaluation e = state.evaluate(endOf(total - 1), alerts);

    assertEquals(page, firing(e, "SLOBurnRate", "page"), name + " page; windows " + e.windows());
    assertEquals(ticket, firing(e, "SLOBurnRate", "ticket"), name + " ticket; windows " + e.windows());
    assertEquals((page ? 1 : 0) + (ticket ? 1 : 0), alerts.stream().filter(a -> a.alertName().equals("SLOBurnRate")).count());
  }

  static boolean firing(Evaluation e, String alertName, String severity) {
    return e.alerts().stream().anyMatch(a -> a.alertName().equals(alertName) && a.severity().equals(severity) && a.firing());
  }

  @Test
  void shouldComputeExactBurnRatesAndBudget() throws Exception {
    SloState state = new SloState(availability(), EngineSettings.DEFAULTS);
    traffic(state, 0, 60, 0.015);
    Evaluation e = state.evaluate(endOf(59), new ArrayList<>());

    WindowResult hour = e.window(java.time.Duration.ofHours(1)).orElseThrow();
    assertEquals(60_000, hour.total());
    assertEquals(900, hour.bad());
    assertEquals(15.0, hour.burnRate().getAsDouble(), 1e-9); // 1.5 % errors / 0.1 % budget
    WindowResult fiveMinutes = e.window(java.time.Duration.ofMinutes(5)).orElseThrow();
    assertEquals(5_000, fiveMinutes.total());
    assertEquals(0.985, e.sli().getAsDouble(), 1e-12);
    assertEquals(1 - 15.0, e.budgetRemaining().getAsDouble(), 1e-9);
    assertEquals(List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"),
        e.windows().stream().map(w -> w.window().label()).toList());
  }

  @Test
  void shouldReportNoDataWithoutTrafficNeverZeroOrNan() throws Exception {
    SloState state = new SloState(availability(), EngineSettings.DEFAULTS);
    Evaluation empty = state.evaluate(START, new ArrayList<>());
    assertTrue(empty.sli().isEmpty());
    assertTrue(empty.budgetRemaining().isEmpty());
    assertTrue(empty.throughputRps().isEmpty());
    assertTrue(empty.windows().stream().allMatch(w -> w.total() == 0 && w.burnRate().isEmpty()));

    traffic(state, 0, 10, 0.5);
    // 31 days later every window has slid past the traffic: no data again, and no alert.
    List<AlertEvent> alerts = new ArrayList<>();
    Evaluation later = state.evaluate(START + 31L * 1440 * MINUTE, alerts);
    assertTrue(later.sli().isEmpty());
    assertTrue(later.windows().stream().allMatch(w -> w.burnRate().isEmpty()));
    assertFalse(firing(later, "SLOBurnRate", "page"));
    assertEquals(0.0, later.throughputRps().getAsDouble(), "a service that went silent shows 0 req/s, not no data");
  }

  @Test
  void shouldFireThenResendThenResolveWithEndTime() throws Exception {
    SloState state = new SloState(availability(), EngineSettings.DEFAULTS);
    int burnStart = 3 * 1440 - 60;
    traffic(state, 0, burnStart, 0);
    traffic(state, burnStart, 60, 0.02);
    List<AlertEvent> alerts = new ArrayList<>();
    long t = endOf(burnStart + 59);
    state.evaluate(t, alerts);
    AlertEvent page = alerts.stream().filter(a -> isPage(a)).findFirst().orElseThrow();
    assertTrue(page.firing());
    assertEquals("page", page.severity());
    assertEquals("1h", page.longWindow());
    assertEquals("5m", page.shortWindow());
    assertEquals(20.0, page.longBurnRate().getAsDouble(), 1e-9);
    assertTrue(page.endsAtMillis().isEmpty());
    assertFalse(page.isResend(), "it starts firing now");
    assertTrue(page.summary().contains(" is burning its error budget: 20.00 over 1h and "), page.summary());

    alerts.clear();
    state.evaluate(t + 30_000, alerts);
    assertTrue(alerts.stream().noneMatch(SloStateTest::isPage), "no resend within the interval");
    state.evaluate(t + 60_000, alerts);
    assertEquals(1, alerts.stream().filter(a -> isPage(a) && a.firing()).count(), "resent after 1m");
    assertTrue(alerts.stream().filter(SloStateTest::isPage).allMatch(AlertEvent::isResend));

    alerts.clear();
    traffic(state, burnStart + 60, 6, 0); // six good minutes: the 5m window recovers
    long later = endOf(burnStart + 65);
    Evaluation e = state.evaluate(later, alerts);
    AlertEvent resolved = alerts.stream().filter(SloStateTest::isPage).findFirst().orElseThrow();
    assertFalse(resolved.firing());
    assertFalse(resolved.isResend(), "resolving is a transition");
    assertTrue(resolved.summary().contains(" no longer burns its error budget fast enough to alert: "), resolved.summary());
    assertEquals(later, resolved.endsAtMillis().getAsLong());
    assertEquals(t, resolved.startsAtMillis());
    assertFalse(firing(e, "SLOBurnRate", "page"));
  }

  static boolean isPage(AlertEvent a) {
    return a.alertName().equals("SLOBurnRate") && a.severity().equals("page");
  }

  @Test
  void shouldFireThresholdAlertBelowThresholdOverItsWindow() throws Exception {
    SloState state = new SloState(availability(), EngineSettings.DEFAULTS);
    traffic(state, 0, 10, 0.006); // 99.4 % < 99.5 %
    List<AlertEvent> alerts = new ArrayList<>();
    Evaluation e = state.evaluate(endOf(9), alerts);
    assertEquals(0.994, e.thresholdValue().getAsDouble(), 1e-3);
    AlertEvent threshold = alerts.stream().filter(a -> a.alertName().equals("SLOThreshold")).findFirst().orElseThrow();
    assertTrue(threshold.firing());
    assertEquals(0.995, threshold.threshold().getAsDouble(), 1e-12);
  }

  @Test
  void shouldDescribeAnErrorRateAlertAsErrors() throws Exception {
    SloState state = new SloState(slo("{name: err, service: s, objective: 99.9, sli: {errorRate: {}}, alerting: {threshold: 99}}"),
        EngineSettings.DEFAULTS);
    for (int i = 0; i < 100; i++) {
      state.record(START + i * 1000, i < 5 ? 503 : 200, 1); // 5 % errors
    }
    List<AlertEvent> alerts = new ArrayList<>();
    state.evaluate(START + 100_000, alerts);
    AlertEvent threshold = alerts.stream().filter(a -> a.alertName().equals("SLOThreshold")).findFirst().orElseThrow();
    assertEquals("SLO err (s): error rate over 5m is 5.000 %, alert above 1.000 %", threshold.summary());
  }

  @Test
  void shouldJudgeThroughputOnCompleteMinutes() throws Exception {
    SloState state = new SloState(slo("{name: tp, service: s, sli: {throughput: {minRps: 100}}, alerting: {threshold: 10}}"),
        EngineSettings.DEFAULTS);
    for (long m = 0; m < 10; m++) {
      for (int i = 0; i < (m < 5 ? 1200 : 300); i++) { // 20 req/s, then 5 req/s
        state.record(START + m * MINUTE + i * 10, 200, 1);
      }
    }
    // The current minute (10) is empty so far: it does not count against the service.
    List<AlertEvent> alerts = new ArrayList<>();
    Evaluation e = state.evaluate(START + 10 * MINUTE + 30_000, alerts);
    assertEquals(5.0, e.throughputRps().getAsDouble(), 1e-9);
    assertEquals(5.0, e.thresholdValue().getAsDouble(), 1e-9);
    assertTrue(firing(e, "SLOThreshold", "page"));
    assertTrue(e.sli().isEmpty(), "a throughput SLO has no good/total ratio");
    assertTrue(e.budgetRemaining().isEmpty());
  }

  @ParameterizedTest(name = "{0} bad of {1} at {2} %: burn {3}, budget left {4}")
  @CsvSource({"30, 100, 99.9, 300, -299", "2, 3000, 99.9, 0.6666666666666666, 0.3333333333333333", "1, 10, 95, 2, -1",
      "7, 70000, 99.99, 1, 0"})
  void shouldGiveBurnRatesAndBudgetsAsExactlyAsADoubleHoldsThem(int bad, int total, double objective, double burn, double left)
      throws Exception {
    SloState state = new SloState(slo("{name: a, service: s, objective: " + objective + ", sli: {availability: {}}}"),
        EngineSettings.DEFAULTS);
    for (int i = 0; i < total; i++) {
      state.record(START + i % 60_000, i < bad ? 500 : 200, 1);
    }
    Evaluation e = state.evaluate(START + 60_000, new ArrayList<>());
    // Exact: not 299.9999999999997 and -298.9999999999997, as 1 - 0.999 in binary arithmetic gives.
    assertEquals(burn, e.window(java.time.Duration.ofMinutes(5)).orElseThrow().burnRate().getAsDouble(), 0);
    assertEquals(left, e.budgetRemaining().getAsDouble(), 0);
  }

  @Test
  void shouldNameATrickleOfThroughputInTheAlertRatherThanRoundItToZero() throws Exception {
    SloState state = new SloState(slo("{name: tp, service: s, sli: {throughput: {minRps: 100}}, alerting: {threshold: 10}}"),
        EngineSettings.DEFAULTS);
    for (long m = 0; m < 5; m++) {
      state.record(START + m * MINUTE, 200, 1);
      state.record(START + m * MINUTE + 1, 200, 1); // 2 a minute: 2 / 60 req/s
    }
    List<AlertEvent> alerts = new ArrayList<>();
    state.evaluate(START + 5 * MINUTE + 30_000, alerts);
    AlertEvent page = alerts.stream().filter(a -> a.alertName().equals(AlertEvent.THRESHOLD) && a.firing()).findFirst().orElseThrow();
    assertTrue(page.summary().endsWith("throughput over 5m is 0.0333 req/s, alert below 10 req/s"), page.summary());
  }

  @Test
  void shouldCountLatencyAgainstThresholdAndReportQuantiles() throws Exception {
    SloState state = new SloState(slo("{name: lat, service: s, objective: 95, sli: {latency: {threshold: 500ms}}}"),
        EngineSettings.DEFAULTS);
    for (int i = 0; i < 1000; i++) {
      state.record(START + i, 200, i + 1); // 1..1000 ms
    }
    Evaluation e = state.evaluate(START + 1000, new ArrayList<>());
    assertEquals(500, e.window(java.time.Duration.ofMinutes(5)).orElseThrow().good());
    assertEquals(500.0, e.latencyQuantiles().get("0.5"), 5.0);
    assertEquals(950.0, e.latencyQuantiles().get("0.95"), 9.5);
    assertEquals(990.0, e.latencyQuantiles().get("0.99"), 9.9);
  }

  @Test
  void shouldRestoreFromDrainedChangesToTheSameEvaluation() throws Exception {
    SloDefinition def = slo("{name: lat, service: s, objective: 95, sli: {latency: {threshold: 50ms}}, alerting: {threshold: 90}}");
    SloState original = new SloState(def, EngineSettings.DEFAULTS);
    SloState copy = new SloState(def, EngineSettings.DEFAULTS);
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 20_000; i++) {
      original.record(START + random.nextInt(3 * 60) * MINUTE + random.nextInt(60_000), random.nextInt(10) == 0 ? 503 : 200,
          random.nextDouble() * 100);
      if (i % 5000 == 4999) {
        original.evaluate(START + 3 * 60 * MINUTE, new ArrayList<>());
        original.persistence().drainChanges(restoringInto(copy));
      }
    }
    long at = START + 3 * 60 * MINUTE;
    assertEquals(original.evaluate(at, new ArrayList<>()), copy.evaluate(at, new ArrayList<>()));
  }

  /**
   * A store written by a release before bucket pages holds one record per ring slot. Restored, its
   * buckets move into pages, every old record is deleted, and the pages restore the same evaluation.
   */
  @Test
  void shouldMoveBucketsStoredOnePerSlotIntoPages() throws Exception {
    SloDefinition def = slo("{name: avail, service: s, objective: 99, window: 7d, sli: {availability: {}}}");
    SloState original = threeDaysOfEvents(def, 11);
    SloState migrated = new SloState(def, EngineSettings.DEFAULTS);
    StateChanges pagesIntoCopy = restoringInto(migrated);
    List<String> oldRecords = new ArrayList<>();
    original.persistence().drainChanges(changes(pagesIntoCopy, (r, page) -> {
      for (int i = 0; i < page.slots(); i++) { // what the old layout stored: each slot holding a bucket
        if (page.holds(i)) {
          int slot = page.page() * BucketPage.slotsPerPage(r) + i;
          migrated.persistence().restoreBucket(r, slot, page.bucketIndex()[i], page.good()[i], page.total()[i]);
          oldRecords.add(r + "/" + slot);
        }
      }
    }));
    List<String> deleted = new ArrayList<>();
    SloState fromPages = new SloState(def, EngineSettings.DEFAULTS);
    StateChanges intoPages = restoringInto(fromPages);
    migrated.persistence().drainChanges(new StateChanges() {
      @Override
      public void bucketPage(Resolution r, BucketPage page) {
        intoPages.bucketPage(r, page);
      }

      @Override
      public void deleteBucketPage(Resolution r, int page) {
      }

      @Override
      public void deleteBucket(Resolution r, int slot) {
        deleted.add(r + "/" + slot);
      }

      @Override
      public void sketch(int slot, long minute, LatencySketch s) {
      }

      @Override
      public void deleteSketch(int slot) {
      }

      @Override
      public void meta(Meta meta) {
        intoPages.meta(meta);
      }

      @Override
      public void summary(int key, Resolution r, int slot, Summary summary) {
      }

      @Override
      public void deleteSummary(int key, Resolution r, int slot) {
      }

      @Override
      public void deleteMeta() {
      }
    });
    assertTrue(oldRecords.size() > 500, "the old layout had a record per slot: " + oldRecords.size());
    assertEquals(oldRecords, deleted, "every old record is deleted");
    long at = START + 3 * 24 * 60 * MINUTE;
    Evaluation expected = original.evaluate(at, new ArrayList<>());
    Evaluation actual = fromPages.evaluate(at, new ArrayList<>()); // what the buckets decide (attribution was not carried over here)
    assertEquals(expected.windows(), actual.windows());
    assertEquals(expected.budget(), actual.budget());
  }

  /**
   * A store written by a release before 64-minute pages holds pages of 16 slots at every
   * resolution. Restored, their buckets are rewritten in today's pages (each page that holds one),
   * which restore the same evaluation.
   */
  @Test
  void shouldRewritePagesOfSixteenSlotsInTodaysPages() throws Exception {
    SloDefinition def = slo("{name: avail, service: s, objective: 99, window: 7d, sli: {availability: {}}}");
    SloState original = threeDaysOfEvents(def, 13);
    SloState migrated = new SloState(def, EngineSettings.DEFAULTS);
    java.util.Set<String> legacyPages = new java.util.TreeSet<>();
    original.persistence().drainChanges(changes(restoringInto(migrated), (r, page) -> {
      for (int from = 0; from < page.slots(); from += BucketPage.LEGACY_SLOTS) { // the same slots, as pages of 16
        int slots = Math.min(BucketPage.LEGACY_SLOTS, page.slots() - from);
        int legacyIndex = (page.page() * BucketPage.slotsPerPage(r) + from) / BucketPage.LEGACY_SLOTS;
        migrated.persistence().restoreLegacyPage(r, new BucketPage(legacyIndex,
            java.util.Arrays.copyOfRange(page.bucketIndex(), from, from + slots), java.util.Arrays.copyOfRange(page.good(), from, from + slots),
            java.util.Arrays.copyOfRange(page.total(), from, from + slots)));
        legacyPages.add(r + "/" + legacyIndex);
      }
    }));
    SloState fromPages = new SloState(def, EngineSettings.DEFAULTS);
    List<String> rewritten = new ArrayList<>();
    migrated.persistence().drainChanges(changes(restoringInto(fromPages), (r, page) -> {
      rewritten.add(r + "/" + page.page());
      fromPages.persistence().restoreBucketPage(r, page);
    }));
    assertTrue(legacyPages.size() > 40, "the old layout's pages: " + legacyPages.size());
    assertTrue(rewritten.stream().filter(p -> p.startsWith("MINUTE/")).count() <= 6, "minutes rewritten 64 to a page: " + rewritten);
    long at = START + 3 * 24 * 60 * MINUTE;
    Evaluation expected = original.evaluate(at, new ArrayList<>());
    Evaluation actual = fromPages.evaluate(at, new ArrayList<>());
    assertEquals(expected.windows(), actual.windows());
    assertEquals(expected.budget(), actual.budget());
  }

  /** 5,000 events at random minutes of three days from START, one in ten bad. */
  private static SloState threeDaysOfEvents(SloDefinition def, long seed) {
    SloState state = new SloState(def, EngineSettings.DEFAULTS);
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < 5_000; i++) {
      state.record(START + random.nextInt(3 * 24 * 60) * MINUTE, random.nextInt(10) == 0 ? 503 : 200, 1);
    }
    return state;
  }

  /** {@code delegate}, with the bucket pages handed to {@code pages} instead. */
  private static StateChanges changes(StateChanges delegate, java.util.function.BiConsumer<Resolution, BucketPage> pages) {
    return (StateChanges) java.lang.reflect.Proxy.newProxyInstance(StateChanges.class.getClassLoader(), new Class<?>[] {StateChanges.class},
        (proxy, method, args) -> {
          if (method.getName().equals("bucketPage")) {
            pages.accept((Resolution) args[0], (BucketPage) args[1]);
            return null;
          }
          return method.invoke(delegate, args);
        });
  }

  /** Puts every drained change back into {@code copy}, as a restart from the store would. */
  static StateChanges restoringInto(SloState copy) {
    return new StateChanges() {
      @Override
      public void bucketPage(Resolution r, BucketPage page) {
        copy.persistence().restoreBucketPage(r, page);
      }

      @Override
      public void deleteBucketPage(Resolution r, int page) {
      }

      @Override
      public void deleteBucket(Resolution r, int slot) {
      }

      @Override
      public void sketch(int slot, long minute, LatencySketch s) {
        LatencySketch c = new LatencySketch();
        s.forEachBin(c::addBin);
        copy.persistence().restoreSketch(slot, minute, c);
      }

      @Override
      public void deleteSketch(int slot) {
      }

      @Override
      public void meta(Meta meta) {
        copy.persistence().restoreMeta(meta);
      }

      @Override
      public void summary(int key, Resolution r, int slot, Summary summary) {
        copy.persistence().restoreSummary(key, r, slot, summary);
      }

      @Override
      public void deleteSummary(int key, Resolution r, int slot) {
      }

      @Override
      public void deleteMeta() {
      }
    };
  }
}
