package com.huntaze.slo.exporter.view;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The health score (0..100) behind {@code slo_health_score}, {@code health_score_<part>} and
 * {@code health_score_overall}.
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

  /**
   * The scores of a set of SLOs.
   *
   * @param perService name-ordered; services without any scored SLO are left out
   * @param overall the mean of the service scores; null when there is none
   */
  public record Summary(SortedMap<String, Double> perService, Double overall) {
  }

  /** The SLO's score; null when it has no data. */
  static Double ofSlo(SloSpec spec, Double budget, Double throughputRps, Collection<AlertStatus> alerts) {
    double score;
    if (spec.throughput()) {
      Double min = spec.minRps();
      if (throughputRps == null || min == null || !(min > 0) || !Double.isFinite(throughputRps)) {
        return null;
      }
      score = 100 * clamp(throughputRps / min);
    } else {
      if (budget == null || !Double.isFinite(budget)) {
        return null;
      }
      score = 100 * clamp(budget);
    }
    for (AlertStatus alert : alerts) {
      if (alert.firing()) {
        score = Math.min(score, AlertStatus.PAGE.equals(alert.severity()) ? PAGE_CAP : TICKET_CAP);
      }
    }
    return round(score);
  }

  public static Summary summarize(Collection<SloView> slos) {
    SortedMap<String, Double> services = new TreeMap<>();
    for (SloView slo : slos) {
      if (slo.healthScore() != null) {
        services.merge(slo.spec().service(), slo.healthScore(), Math::min);
      }
    }
    Double overall = services.isEmpty()
        ? null
        : round(services.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    return new Summary(Collections.unmodifiableSortedMap(services), overall);
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
