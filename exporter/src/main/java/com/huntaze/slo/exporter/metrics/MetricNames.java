package com.huntaze.slo.exporter.metrics;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every metric and label name the exporter publishes (the contract in DESIGN.md), in one place.
 * Dashboards, rules and tests refer to these names; renaming one here is a breaking change. A group
 * of a grouped SLO adds its own labels ({@code operation}, {@code region}, ...: the group keys,
 * named by the processor) to every per-SLO series.
 */
public final class MetricNames {
  private MetricNames() {
  }

  // --- The seed's names (ratios 0..1, health 0..100). ---
  public static final String SLI_CURRENT_VALUE = "sli_current_value";
  public static final String SLI_TARGET = "sli_target";
  public static final String SLI_ERROR_BUDGET = "sli_error_budget";
  public static final String HEALTH_SCORE_OVERALL = "health_score_overall";
  /** Prefix of the per-service {@code health_score_<part>}; see {@link #healthScorePart(String)}. */
  public static final String HEALTH_SCORE_PART_PREFIX = "health_score_";

  // --- The pipeline's SLO metrics. ---
  public static final String SLO_INFO = "slo_info";
  public static final String SLO_BURN_RATE = "slo_burn_rate";
  public static final String SLO_EVENTS = "slo_events";
  public static final String SLO_LATENCY_MS = "slo_latency_ms";
  public static final String SLO_LATENCY_THRESHOLD_MS = "slo_latency_threshold_ms";
  public static final String SLO_THROUGHPUT_RPS = "slo_throughput_rps";
  public static final String SLO_THROUGHPUT_TARGET_RPS = "slo_throughput_target_rps";
  public static final String SLO_ALERT_FIRING = "slo_alert_firing";
  public static final String SLO_ALERT_STATE = "slo_alert_state";
  public static final String SLO_STATUS_AGE_SECONDS = "slo_status_age_seconds";
  public static final String SLO_LATE_EVENTS_DROPPED = "slo_late_events_dropped";
  public static final String SLO_LATE_EVENTS_APPLIED = "slo_late_events_applied";
  public static final String SLO_LAST_LATE_EVENT_LATENESS_SECONDS = "slo_last_late_event_lateness_seconds";
  public static final String SLO_EVENTS_REJECTED = "slo_events_rejected";
  public static final String SLO_EVENTS_EXCLUDED = "slo_events_excluded";
  public static final String SLO_EXCLUDED_NOW = "slo_excluded_now";
  public static final String SLO_HEALTH_SCORE = "slo_health_score";
  public static final String SLO_SERVICE_HEALTH_SCORE = "slo_service_health_score";
  // Grouped SLOs and attribution: on the SLO as a whole only.
  public static final String SLO_GROUPS = "slo_groups";
  public static final String SLO_GROUPS_OVERFLOWED = "slo_groups_overflowed";
  public static final String SLO_BAD_EVENTS_TOP = "slo_bad_events_top";
  public static final String SLO_BAD_EVENTS_TOP_SHARE = "slo_bad_events_top_share";
  // Calendar windows: the current period and where its budget is heading.
  public static final String SLO_PERIOD_START_SECONDS = "slo_period_start_seconds";
  public static final String SLO_PERIOD_END_SECONDS = "slo_period_end_seconds";
  public static final String SLO_PERIOD_ELAPSED_RATIO = "slo_period_elapsed_ratio";
  public static final String SLO_ERROR_BUDGET_PROJECTED = "slo_error_budget_projected";

  // --- The exporter's own state. Counters are named without _total: the client library adds it. ---
  public static final String EXPORTER_SLOS = "slo_exporter_slos";
  public static final String EXPORTER_RECORDS_CONSUMED = "slo_exporter_records_consumed";
  public static final String EXPORTER_RECORDS_REJECTED = "slo_exporter_records_rejected";
  public static final String EXPORTER_STATUS_LAG = "slo_exporter_status_lag_records";
  public static final String EXPORTER_STATUS_CAUGHT_UP = "slo_exporter_status_caught_up";
  public static final String EXPORTER_ALERTS_ACTIVE = "slo_exporter_alerts_active";
  public static final String EXPORTER_ALERTS_PENDING = "slo_exporter_alerts_pending";
  public static final String EXPORTER_ALERTS_SENT = "slo_exporter_alerts_sent";
  public static final String EXPORTER_ALERTMANAGER_REQUESTS = "slo_exporter_alertmanager_requests";
  public static final String EXPORTER_ALERTMANAGER_UP = "slo_exporter_alertmanager_up";
  public static final String EXPORTER_ALERTMANAGER_FAILURES = "slo_exporter_alertmanager_consecutive_failures";
  public static final String EXPORTER_ALERTS_EXPIRED = "slo_exporter_alerts_lease_expired";

  // --- Labels. ---
  public static final String NAME = "name";
  public static final String SERVICE = "service";
  public static final String OPERATION = "operation";
  public static final String SLI_KIND = "sli_kind";
  public static final String WINDOW = "window";
  public static final String RESULT = "result";
  public static final String REASON = "reason";
  public static final String QUANTILE = "quantile";
  public static final String SEVERITY = "severity";
  public static final String ALERTNAME = "alertname";
  public static final String TOPIC = "topic";
  public static final String ALERTMANAGER = "alertmanager";
  /** Of {@code slo_bad_events_top}: the attribution key as in slos.yaml ({@code operation}, {@code attributes.tenant}) and its value. */
  public static final String KEY = "key";
  public static final String VALUE = "value";

  public static final String RESULT_GOOD = "good";
  public static final String RESULT_BAD = "bad";
  public static final String RESULT_SUCCESS = "success";
  public static final String RESULT_FAILURE = "failure";
  public static final String REASON_TOO_OLD = "too_old";
  public static final String REASON_TOO_FAR_AHEAD = "too_far_ahead";

  private static final Pattern INVALID = Pattern.compile("[^a-z0-9_]+");
  private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_+|_+$");

  /**
   * The seed's per-service metric name {@code health_score_<part>}: the service name lower-cased,
   * every run of characters outside {@code [a-z0-9_]} replaced by one {@code _}, leading and
   * trailing {@code _} trimmed ({@code huntaze-api} -> {@code health_score_huntaze_api}). A service
   * whose part would be {@code overall} (or empty) becomes {@code service_<part>}, so it can never
   * shadow {@code health_score_overall}. Two services that sanitize to the same part share one
   * series holding the lower score; {@code slo_service_health_score{service}} keeps them apart.
   */
  public static String healthScorePart(String service) {
    String part = INVALID.matcher(service.toLowerCase(Locale.ROOT)).replaceAll("_");
    part = EDGE_UNDERSCORES.matcher(part).replaceAll("");
    if (part.isEmpty() || part.equals("overall")) {
      part = "service_" + part;
      part = EDGE_UNDERSCORES.matcher(part).replaceAll("");
    }
    return HEALTH_SCORE_PART_PREFIX + part;
  }
}
