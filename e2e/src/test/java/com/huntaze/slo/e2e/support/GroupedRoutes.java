package com.huntaze.slo.e2e.support;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Issue 12's grouped SLO through the real stack: one SLO of {@code shop-api} grouped by operation,
 * attributed by operation and tenant, and a batch where exactly one of four routes fails. The
 * expected numbers are counted from the events sent (docs/processor.md, "Grouped SLOs" and
 * "Attribution"), never from processor code.
 */
public final class GroupedRoutes {
  public static final String SLO = "shop-api-by-route";
  public static final String SERVICE = "shop-api";
  public static final String FAILING = "POST /api/payouts";
  public static final List<String> ROUTES = List.of("GET /api/products", "GET /api/cart", "POST /api/orders", FAILING);
  public static final List<String> TENANTS = List.of("creator-a", "creator-b");
  public static final double OBJECTIVE = 0.999;
  /** Windows the attribution keeps (the SLO window is 30d). */
  public static final List<String> ATTRIBUTION_WINDOWS = List.of("5m", "1h", "1d", "30d");

  private static final int PER_ROUTE = 100;
  private static final int FAILING_ERRORS = 20;
  private static final int FAILING_ERRORS_OF_CREATOR_A = 15;

  public record Event(String operation, String tenant, int status, Instant at) {
    public boolean bad() {
      return status >= 500;
    }
  }

  private final List<Event> sent = new ArrayList<>();

  /** The SLO as an entry of an {@code slos:} list: availability 99.9 % over 30 days, the default burn-rate policy. */
  public static String slosYaml() {
    return "  - name: " + SLO + "\n    service: " + SERVICE + "\n    objective: 99.9\n    window: 30d\n"
        + "    sli: {availability: {}}\n    groupBy: [operation]\n    attribution: [operation, attributes.tenant]\n"
        + "    alerting: {burnRate: default}\n";
  }

  /**
   * Posts one request of 400 events over the minute before {@code now}, the four routes interleaved,
   * 100 each: only {@link #FAILING} has errors (20 x 503, 15 of them from creator-a, 5 from
   * creator-b); the tenants alternate on the good events.
   */
  public void post(String ingest, Instant now) throws IOException, InterruptedException {
    List<Event> batch = new ArrayList<>();
    Instant first = now.minusSeconds(60);
    int[] errors = new int[1];
    for (int i = 0; i < PER_ROUTE * ROUTES.size(); i++) {
      String route = ROUTES.get(i % ROUTES.size());
      int n = i / ROUTES.size();
      boolean bad = route.equals(FAILING) && n % (PER_ROUTE / FAILING_ERRORS) == 1;
      String tenant;
      if (bad) {
        tenant = errors[0]++ < FAILING_ERRORS_OF_CREATOR_A ? "creator-a" : "creator-b";
      } else {
        tenant = TENANTS.get(n % 2);
      }
      batch.add(new Event(route, tenant, bad ? 503 : 200, first.plusMillis(140L * i)));
    }
    StringBuilder body = new StringBuilder("[");
    for (Event e : batch) {
      body.append(body.length() == 1 ? "" : ",").append(String.format(Locale.ROOT,
          "{\"service\":\"%s\",\"operation\":\"%s\",\"status\":%d,\"latencyMs\":20.0,\"timestamp\":\"%s\","
              + "\"attributes\":{\"tenant\":\"%s\"}}",
          SERVICE, e.operation(), e.status(), e.at(), e.tenant()));
    }
    Json.Response r = Json.post(ingest + "/v1/events", "application/json", body.append("]").toString());
    if (r.status() != 202 || r.json().path("accepted").asInt() != batch.size()) {
      throw new AssertionError("the gateway did not acknowledge the " + batch.size() + " events: HTTP " + r.status() + " " + r.body());
    }
    sent.addAll(batch);
  }

  public long count(Predicate<Event> which) {
    return sent.stream().filter(which).count();
  }

  public long bad(Predicate<Event> which) {
    return count(which.and(Event::bad));
  }

  /** Budget left = 1 - (bad / total) / (1 - objective) (docs/processor.md, "What it computes"). */
  public double budget(Predicate<Event> which) {
    return 1 - burn(which);
  }

  /** Burn rate = (bad / total) / (1 - objective); every event sent lies in every window while the test runs. */
  public double burn(Predicate<Event> which) {
    return bad(which) / (double) count(which) / (1 - OBJECTIVE);
  }

  public static Predicate<Event> route(String operation) {
    return e -> e.operation().equals(operation);
  }

  public static Predicate<Event> tenant(String tenant) {
    return e -> e.tenant().equals(tenant);
  }

  public static Predicate<Event> all() {
    return e -> true;
  }
}
