package com.huntaze.slo.processor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Everything an SLO's state would store, as text by SLO and slot: for tests that compare two ways of computing it. */
final class StateDump {
  private StateDump() {
  }

  /**
   * Feeds both engines every event, handing each pair of outcomes to {@code outcomes}; compares
   * their evaluations and stored records at random points and at the end (alerts too). Returns
   * what the first engine stores at the end.
   */
  static Map<String, String> assertSameAlong(List<RandomStreams.Event> stream, SloEngine expected, SloEngine actual, long seed,
                                             BiConsumer<SloEngine.Outcome, SloEngine.Outcome> outcomes) {
    Map<String, String> expectedState = new TreeMap<>();
    Map<String, String> actualState = new TreeMap<>();
    Random random = new Random(seed);
    for (int i = 0; i < stream.size(); i++) {
      RandomStreams.Event e = stream.get(i);
      outcomes.accept(e.applyTo(expected), e.applyTo(actual));
      if (random.nextInt(3_000) == 0) {
        assertEquals(expected.evaluate(e.now(), new ArrayList<>()), actual.evaluate(e.now(), new ArrayList<>()), "evaluation after event " + i);
      }
      if (random.nextInt(7_000) == 0) {
        drain(expected, expectedState);
        drain(actual, actualState);
        assertSameState(expectedState, actualState, "after event " + i);
      }
    }
    long now = stream.get(stream.size() - 1).now();
    List<AlertEvent> expectedAlerts = new ArrayList<>();
    List<AlertEvent> actualAlerts = new ArrayList<>();
    assertEquals(expected.evaluate(now, expectedAlerts), actual.evaluate(now, actualAlerts), "final evaluation");
    assertEquals(expectedAlerts, actualAlerts, "alerts");
    drain(expected, expectedState);
    drain(actual, actualState);
    assertSameState(expectedState, actualState, "at the end");
    return expectedState;
  }

  static void assertSameState(Map<String, String> expected, Map<String, String> actual, String when) {
    Map<String, String> differences = new TreeMap<>();
    expected.forEach((k, v) -> {
      if (!v.equals(actual.get(k))) {
        differences.put(k, v + " != " + actual.get(k));
      }
    });
    actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> differences.put(k, "only in the second: " + actual.get(k)));
    assertTrue(differences.isEmpty(), "ring slots, sketches, summaries and meta differ " + when + ": "
        + differences.entrySet().stream().limit(10).toList());
  }

  /** Every record an engine's state stores (each SLO as a whole and each group instance), keyed by instance and slot. */
  static void drain(SloEngine engine, Map<String, String> into) {
    engine.instances().forEach(state -> drain(state.instanceKey(), state, into));
  }

  /**
   * Through a proxy rather than an implementation, so that parts of the state these tests do not
   * configure (added to {@link StateChanges} later) need nothing here.
   */
  static void drain(String name, SloState state, Map<String, String> into) {
    StateChanges changes = (StateChanges) java.lang.reflect.Proxy.newProxyInstance(StateChanges.class.getClassLoader(),
        new Class<?>[] {StateChanges.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "bucketPage" -> { // slot by slot: a page that differs names the slots that do
              BucketPage page = (BucketPage) args[1];
              for (int i = 0; i < page.slots(); i++) {
                String slot = name + "/" + args[0] + "/" + (page.page() * BucketPage.slotsPerPage((Resolution) args[0]) + i);
                if (page.holds(i)) {
                  into.put(slot, page.bucketIndex()[i] + ": " + page.good()[i] + "/" + page.total()[i]);
                } else {
                  into.remove(slot);
                }
              }
            }
            case "deleteBucketPage" -> into.keySet().removeIf(k -> k.startsWith(name + "/" + args[0] + "/")
                && Integer.parseInt(k.substring(k.lastIndexOf('/') + 1)) / BucketPage.slotsPerPage((Resolution) args[0]) == (int) args[1]);
            case "sketch" -> {
              StringBuilder bins = new StringBuilder(args[1] + ":");
              ((LatencySketch) args[2]).forEachBin((bin, count) -> bins.append(' ').append(bin).append('=').append(count));
              into.put(name + "/sketch/" + args[0], bins.toString());
            }
            case "deleteSketch" -> into.remove(name + "/sketch/" + args[0]);
            case "summary" -> { // entries in stored order: the order decides what a full summary evicts later
              StateChanges.Summary s = (StateChanges.Summary) args[3];
              StringBuilder text = new StringBuilder(s.bucketIndex() + " bad " + s.bucketBad() + " dec " + s.decrements() + ":");
              s.entries().forEach(e -> text.append(' ').append(new String(e.value(), java.nio.charset.StandardCharsets.UTF_8))
                  .append('=').append(e.bad()).append('/').append(e.total()));
              into.put(name + "/summary/" + args[0] + "/" + args[1] + "/" + args[2], text.toString());
            }
            case "deleteSummary" -> into.remove(name + "/summary/" + args[0] + "/" + args[1] + "/" + args[2]);
            case "meta" -> { // alerts: compared through the evaluations
              StateChanges.Meta meta = (StateChanges.Meta) args[0];
              into.put(name + "/meta", meta.firstMinute() + " " + meta.late());
            }
            default -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("hashCode") ? System.identityHashCode(proxy) : method.getName().equals("equals") ? proxy == args[0] : "changes";
              }
            }
          }
          return null;
        });
    state.persistence().drainChanges(changes);
  }
}
