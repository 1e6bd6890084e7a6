package com.huntaze.slo.processor.openslo;

import com.huntaze.slo.schemas.slo.Durations;
import com.huntaze.slo.schemas.slo.Sli;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an OpenSLO v1 document says "these are request events of ours" (docs/openslo.md): a
 * {@code metricSource} of type {@code huntaze} whose spec names the SLI ({@code sli: availability},
 * {@code errorRate}, {@code "latency <= 300ms"}), or {@code huntaze.com/...} annotations. One
 * place for the names and the SLI text, read by the import and written by the export.
 */
final class Convention {
  static final String API_VERSION = "openslo/v1";
  static final String SOURCE_TYPE = "huntaze";
  static final String ANN_SLI = "huntaze.com/sli";
  static final String ANN_SERVICE = "huntaze.com/service";
  static final String ANN_OPERATION = "huntaze.com/operation";
  /** On an SLO: its burn-rate policies are our default table ({@code alerting.burnRate: default}). */
  static final String ANN_BURN_RATE = "huntaze.com/burn-rate";
  /** On an SLO: {@code alerting.threshold} (percent, or requests/s) and its window; OpenSLO v1 alerts are burn rates only. */
  static final String ANN_THRESHOLD = "huntaze.com/alerting-threshold";
  static final String ANN_THRESHOLD_WINDOW = "huntaze.com/alerting-threshold-window";
  /** On an SLO: {@code groupBy}, {@code maxGroups}, {@code attribution} (keys comma-separated); OpenSLO has no groups. */
  static final String ANN_GROUP_BY = "huntaze.com/group-by";
  static final String ANN_MAX_GROUPS = "huntaze.com/max-groups";
  static final String ANN_ATTRIBUTION = "huntaze.com/attribution";
  /** The notification target that stands for our own path: the exporter pushes alerts to Alertmanager. */
  static final String ALERTMANAGER = "alertmanager";

  private static final Pattern LATENCY = Pattern.compile("latency\\s*<=\\s*([0-9.]+\\s*(?:ms|s)?)");
  private static final Pattern OPENSLO_FIXED = Pattern.compile("[0-9]{1,9}[mhdw]");

  private Convention() {
  }

  /** The slos.yaml {@code sli:} for a convention text, or empty when the text is not one. */
  static Optional<Map<String, Object>> sli(String text) {
    String t = text.trim();
    Map<String, Object> sli = new LinkedHashMap<>();
    if (t.equalsIgnoreCase("availability")) {
      sli.put("availability", Map.of());
    } else if (t.equalsIgnoreCase("errorRate")) {
      sli.put("errorRate", Map.of());
    } else {
      Matcher m = LATENCY.matcher(t);
      Optional<Double> ms = m.matches() ? Durations.parseMillis(m.group(1).replace(" ", "")) : Optional.empty();
      if (ms.isEmpty() || !(ms.get() > 0)) {
        return Optional.empty();
      }
      sli.put("latency", Map.of("threshold", number(ms.get()).toPlainString() + "ms"));
    }
    return Optional.of(sli);
  }

  /** What {@link #sli(String)} reads back; empty for throughput, which has no OpenSLO form here. */
  static Optional<String> text(Sli sli) {
    if (sli instanceof Sli.Availability) {
      return Optional.of("availability");
    }
    if (sli instanceof Sli.ErrorRate) {
      return Optional.of("errorRate");
    }
    if (sli instanceof Sli.Latency l) {
      return Optional.of("latency <= " + number(l.thresholdMs()).toPlainString() + "ms");
    }
    return Optional.empty();
  }

  /** What the convention accepts in {@code sli:}, for messages. */
  static final String SLI_CHOICES = "availability, errorRate or \"latency <= 300ms\"";

  /** An OpenSLO duration shorthand of fixed length (m, h, d, w), as a duration; M, Q, Y are not fixed. */
  static Optional<Duration> fixedDuration(String text) {
    return text != null && OPENSLO_FIXED.matcher(text.trim()).matches() ? Durations.parse(text.trim()) : Optional.empty();
  }

  /**
   * A number as people write it: 99.9, 500, 12.5 (no exponent). Fifteen significant digits: every
   * decimal of up to 15 digits comes back as written (99.9 / 100 is 0.999, not 0.9990000000000001),
   * and no digit a user wrote is lost, so export then import gives the same definitions.
   */
  static BigDecimal number(double d) {
    BigDecimal b = new BigDecimal(d).round(DIGITS).stripTrailingZeros();
    return b.scale() < 0 ? b.setScale(0) : b;
  }

  private static final MathContext DIGITS = new MathContext(15);

  /** A ratio 0..1 as percent, written as people write it (0.999 -> 99.9). */
  static BigDecimal percent(double ratio) {
    BigDecimal b = BigDecimal.valueOf(ratio).movePointRight(2).round(DIGITS).stripTrailingZeros();
    return b.scale() < 0 ? b.setScale(0) : b;
  }
}
