package com.huntaze.slo.exporter.metrics;

import com.huntaze.slo.avro.AlertState;
import com.huntaze.slo.avro.SloStatus;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The health score (0..100) behind {@code health_score_overall} and {@code health_score_<part>}.
 *
 * <ul>
 *   <li><b>SLO</b>: the share of its error budget left, {@code 100 * clamp(budgetRemaining, 0, 1)};
 *       a throughput SLO (no budget) scores {@code 100 * clamp(throughputRps / minRps, 0, 1)}. While
 *       a {@code page} alert of the SLO fires the score is capped at {@value #PAGE_CAP}, while a
 *       {@code ticket} alert fires at {@value #TICKET_CAP}: a budget that is still full but burning
 *       fast right now is not healthy.
 *   <li><b>service</b>: the lowest score of its SLOs (a service is as healthy as its worst SLO; an
 *       average would hide one spent budget behind three untouched ones).
 *   <li><b>overall</b>: the mean of the service scores (how much of the fleet is healthy).
 * </ul>
 * An SLO without data has no score and is left out; a service with no scored SLO has no score; with
 * no service scored there is no overall score. Scores are rounded to two decimals.
 */
public final class HealthScore {
  public static final double PAGE_CAP = 50;
  public static final double TICKET_CAP = 75;

  private HealthScore() {
  }

  /** The SLO's score, empty when it has no data. */
  public static OptionalDouble ofSlo(SloStatus status) {
    double score;
    if (isThroughput(status)) {
      Double rps = status.getThroughputRps();
      Double min = status.getMinRps();
      if (rps == null || min == null || !(min > 0) || !Double.isFinite(rps)) {
        return OptionalDouble.empty();
      }
      score = 100 * clamp(rps / min);
    } else {
      Double budget = status.getBudgetRemaining();
      if (budget == null || !Double.isFinite(budget)) {
        return OptionalDouble.empty();
      }
      score = 100 * clamp(budget);
    }
    for (AlertState alert : status.getAlerts()) {
      if (alert.getFiring()) {
        score = Math.min(score, "page".equals(alert.getSeverity()) ? PAGE_CAP : TICKET_CAP);
      }
    }
    return OptionalDouble.of(round(score));
  }

  /** Scores per service (name-ordered), services without any scored SLO left out. */
  public static Map<String, Double> perService(Collection<SloStatus> statuses) {
    Map<String, Double> services = new TreeMap<>();
    for (SloStatus status : statuses) {
      OptionalDouble score = ofSlo(status);
      if (score.isPresent()) {
        services.merge(status.getService(), score.getAsDouble(), Math::min);
      }
    }
    return services;
  }

  /** The mean of the service scores, empty when there is none. */
  public static OptionalDouble overall(Map<String, Double> perService) {
    return perService.isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of(round(perService.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
  }

  static boolean isThroughput(SloStatus status) {
    return "throughput".equals(status.getSliKind());
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
