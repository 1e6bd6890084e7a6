package com.huntaze.slo.schemas.slo;

import static com.huntaze.slo.schemas.slo.SloValidation.describe;
import static com.huntaze.slo.schemas.slo.SloValidation.fraction;
import static com.huntaze.slo.schemas.slo.SloValidation.text;
import static com.huntaze.slo.schemas.slo.SloValidation.trim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** The {@code alerting:} part of an SLO in slos.yaml: burn-rate policy, threshold and its window. */
final class AlertingReader {
  private static final Set<String> ALERTING_KEYS = Set.of("burnRate", "threshold", "thresholdWindow");
  private static final Set<String> ROW_KEYS = Set.of("severity", "long", "short", "factor", "why");
  private static final Duration DEFAULT_THRESHOLD_WINDOW = Duration.ofMinutes(5);

  private AlertingReader() {
  }

  static SloDefinition.Alerting read(
      String where, JsonNode node, Sli sli, OptionalDouble objective, Duration window, SloValidation v) {
    boolean budgeted = objective.isPresent();
    Optional<BurnRatePolicy> defaultPolicy = budgeted ? Optional.of(BurnRatePolicy.DEFAULT.scaledTo(window)) : Optional.empty();
    if (node == null || node.isNull()) {
      defaultPolicy.ifPresent(p -> warnUnreachable(where, p, false, objective.getAsDouble(), v));
      return new SloDefinition.Alerting(defaultPolicy, OptionalDouble.empty(), DEFAULT_THRESHOLD_WINDOW);
    }
    if (!node.isObject()) {
      v.error(where + ": alerting: expected a mapping, found " + describe(node));
      return null;
    }
    v.unknownKeys(where + ": alerting: ", node, ALERTING_KEYS);

    Optional<BurnRatePolicy> policy = defaultPolicy;
    JsonNode br = node.get("burnRate");
    if (br != null) {
      if (br.isBoolean() && !br.asBoolean() || br.isTextual() && br.asText().equals("none")) {
        policy = Optional.empty();
      } else if (!budgeted) {
        v.error(where + ": alerting.burnRate: needs an objective (a burn rate is measured against the error budget)");
      } else if (br.isTextual() && br.asText().equals("default")) {
        policy = defaultPolicy;
      } else if (br.isArray()) {
        policy = readPolicy(where, br, window, v);
      } else {
        v.error(where + ": alerting.burnRate: " + describe(br) + " is not 'default', 'none' or a list of {severity, long, short, factor}");
      }
    }

    policy.ifPresent(p -> warnUnreachable(where, p, br != null && br.isArray(), objective.getAsDouble(), v));

    Duration thresholdWindow = DEFAULT_THRESHOLD_WINDOW;
    JsonNode tw = node.get("thresholdWindow");
    if (tw != null) {
      Optional<Duration> d = tw.isTextual() ? Durations.parse(tw.asText()) : Optional.empty();
      if (d.isEmpty() || d.get().compareTo(Duration.ofMinutes(1)) < 0 || d.get().toSeconds() % 60 != 0
          || d.get().compareTo(Duration.ofHours(6)) > 0) {
        v.error(where + ": alerting.thresholdWindow: " + describe(tw) + " must be whole minutes between 1m and 6h");
      } else {
        thresholdWindow = d.get();
        if (node.get("threshold") == null && sli != null && !(sli instanceof Sli.Latency)) {
          // A latency SLO's quantiles use the window too; any other SLO only for alerting.threshold.
          v.warning(where + ": alerting.thresholdWindow: " + tw.asText() + " does nothing without alerting.threshold"
              + " (it is how far back the threshold is evaluated); add a threshold or remove it");
        }
      }
    }

    OptionalDouble threshold = OptionalDouble.empty();
    JsonNode t = node.get("threshold");
    if (t != null) {
      if (!t.isNumber()) {
        v.error(where + ": alerting.threshold: expected a number, found " + describe(t));
      } else if (sli instanceof Sli.Throughput tp) {
        if (!(t.asDouble() > 0)) {
          v.error(where + ": alerting.threshold: " + t.asText() + " requests/s must be positive");
        } else if (t.asDouble() > tp.minRps()) {
          v.error(where + ": alerting.threshold: " + t.asText() + " requests/s is above sli.throughput.minRps "
              + trim(tp.minRps()) + "; the alert must fire below the target, not above it");
        } else {
          threshold = OptionalDouble.of(t.asDouble());
        }
      } else if (sli != null) {
        double percent = t.asDouble();
        if (!(percent > 0 && percent < 100)) {
          v.error(where + ": alerting.threshold: " + t.asText() + " is outside (0, 100); it is a percentage of good events such as 99.5");
        } else if (objective.isPresent() && fraction(t) > objective.getAsDouble()) {
          v.error(where + ": alerting.threshold: " + t.asText() + " % is above the objective " + trim(objective.getAsDouble() * 100)
              + " %; the alert would fire while the SLO is met");
        } else {
          if (percent <= 1 && !(objective.isPresent() && objective.getAsDouble() <= 0.01)) {
            v.warning(where + ": alerting.threshold: " + t.asText() + " means " + t.asText() + " %; thresholds are percentages (did you mean "
                + t.decimalValue().movePointRight(2).stripTrailingZeros().toPlainString() + "?)");
          }
          threshold = OptionalDouble.of(fraction(t));
        }
      }
    }
    return new SloDefinition.Alerting(policy, threshold, thresholdWindow);
  }

  /**
   * A row fires when the burn rate exceeds its factor, and the burn rate is at most 1 / (1 - objective)
   * (every event bad): a factor at or above that never fires, however bad the service gets. Not said
   * for an objective of 1 % or less, which has its own warning (a ratio written for a percentage).
   */
  private static void warnUnreachable(String where, BurnRatePolicy policy, boolean listed, double objective, SloValidation v) {
    double most = 1 / (1 - objective);
    if (objective <= 0.01) {
      return;
    }
    String cap = " can never fire: with objective " + trim(objective * 100) + " % the burn rate is at most "
        + trim(Math.round(most * 1e6) / 1e6) + " (every event bad); ";
    List<String> defaults = new ArrayList<>();
    for (int i = 0; i < policy.windows().size(); i++) {
      BurnRateWindow row = policy.windows().get(i);
      if (row.factor() < most) {
        continue;
      }
      if (listed) {
        v.warning(where + ": alerting.burnRate[" + i + "].factor: " + trim(row.factor()) + cap + "lower the factor or raise the objective");
      } else {
        defaults.add(row.describe() + " (factor " + trim(row.factor()) + ")");
      }
    }
    if (!defaults.isEmpty()) {
      v.warning(where + ": alerting.burnRate: the default policy's " + (defaults.size() == 1 ? "row " : "rows ")
          + String.join(", ", defaults) + cap + "list rows with lower factors or raise the objective");
    }
  }

  private static Optional<BurnRatePolicy> readPolicy(String where, JsonNode rows, Duration window, SloValidation v) {
    List<BurnRateWindow> windows = new ArrayList<>();
    if (rows.isEmpty()) {
      v.error(where + ": alerting.burnRate: the list is empty; use 'none' to turn burn-rate alerts off");
    }
    for (int i = 0; i < rows.size(); i++) {
      String at = where + ": alerting.burnRate[" + i + "]";
      JsonNode row = rows.get(i);
      if (!row.isObject()) {
        v.error(at + ": expected {severity, long, short, factor}, found " + describe(row));
        continue;
      }
      v.unknownKeys(at + ": ", row, ROW_KEYS);
      Severity severity = null;
      String sev = text(row, "severity");
      if (sev == null || !(sev.equals("page") || sev.equals("ticket"))) {
        v.error(at + ".severity: " + (sev == null ? "missing" : "'" + sev + "'") + " (expected page or ticket)");
      } else {
        severity = Severity.valueOf(sev.toUpperCase(Locale.ROOT));
      }
      Duration longW = rowDuration(at + ".long", row.get("long"), window, v);
      Duration shortW = rowDuration(at + ".short", row.get("short"), window, v);
      if (longW != null && shortW != null && shortW.compareTo(longW) >= 0) {
        v.error(at + ": short window " + Durations.format(shortW) + " must be shorter than the long window " + Durations.format(longW));
      }
      JsonNode f = row.get("factor");
      if (f == null || !f.isNumber() || !(f.asDouble() > 0)) {
        v.error(at + ".factor: " + (f == null ? "missing" : describe(f) + " is not a positive number"));
      }
      if (severity != null && longW != null && shortW != null && f != null && f.isNumber() && f.asDouble() > 0) {
        windows.add(new BurnRateWindow(severity, longW, shortW, f.asDouble(),
            row.has("why") ? row.get("why").asText() : "custom"));
      }
    }
    return Optional.of(new BurnRatePolicy("custom", windows));
  }

  private static Duration rowDuration(String at, JsonNode node, Duration window, SloValidation v) {
    Optional<Duration> d = node != null && node.isTextual() ? Durations.parse(node.asText()) : Optional.empty();
    if (d.isEmpty() || d.get().compareTo(Duration.ofMinutes(1)) < 0 || d.get().toSeconds() % 60 != 0) {
      v.error(at + ": " + (node == null ? "missing" : describe(node) + " is not a duration of whole minutes") + " (e.g. 1h, 5m)");
      return null;
    }
    if (d.get().compareTo(window) > 0) {
      v.error(at + ": " + node.asText() + " is longer than the SLO window " + Durations.format(window));
      return null;
    }
    v.wholeBuckets(at, d.get());
    return d.get();
  }
}
