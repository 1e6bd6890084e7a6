package com.huntaze.slo.exporter.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.exporter.view.GroupLabel;
import com.huntaze.slo.exporter.view.SloLinks;
import com.huntaze.slo.schemas.slo.InstanceKeys;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Alertmanager v2 body ({@code POST /api/v2/alerts}) for a batch: labels {@code alertname},
 * {@code slo}, {@code service}, {@code severity} and, for a group of a grouped SLO, the group's labels
 * (the identity Alertmanager groups and dedups by), annotations carrying the numbers and the top
 * contributor ({@code top}), {@code generatorURL} pointing at the SLO (or the group) on the status page.
 */
public final class AlertPayloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String externalUrl;

  /** @param externalUrl how users reach the exporter, e.g. {@code http://exporter.example:9464} */
  public AlertPayloads(String externalUrl) {
    String url = Objects.requireNonNull(externalUrl, "externalUrl");
    this.externalUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public String toJson(List<AlertBook.Outgoing> alerts) {
    ArrayNode array = JSON.createArrayNode();
    for (AlertBook.Outgoing o : alerts) {
      array.add(toNode(o.alert(), o.endsAt()));
    }
    try {
      return JSON.writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize alerts", e);
    }
  }

  ObjectNode toNode(SloAlert a, Instant endsAt) {
    ObjectNode node = JSON.createObjectNode();
    ObjectNode labels = node.putObject("labels");
    // The group's labels first: the identity labels below win should a group label slip through under one of them.
    new TreeMap<>(a.getGroupLabels()).forEach((label, value) -> {
      if (GroupLabel.exportableLabel(label)) {
        labels.put(label, GroupLabel.asLabelValue(value));
      }
    });
    labels.put("alertname", a.getAlertName());
    labels.put("slo", a.getSlo());
    labels.put("service", a.getService());
    labels.put("severity", a.getSeverity());
    ObjectNode ann = node.putObject("annotations");
    ann.put("summary", a.getSummary() == null || a.getSummary().isBlank() ? summary(a) : a.getSummary());
    ann.put("description", description(a));
    putIf(ann, "long_window", a.getLongWindow());
    putIf(ann, "short_window", a.getShortWindow());
    putIf(ann, "long_burn_rate", fmt(a.getLongBurnRate()));
    putIf(ann, "short_burn_rate", fmt(a.getShortBurnRate()));
    putIf(ann, "factor", fmt(a.getFactor()));
    putIf(ann, "value", fmt(a.getValue()));
    putIf(ann, "threshold", fmt(a.getThreshold()));
    putIf(ann, "budget_remaining", fmt(a.getBudgetRemaining()));
    putIf(ann, "top", a.getTopContributor() == null || a.getTopContributor().isBlank() ? null : a.getTopContributor());
    node.put("startsAt", a.getStartsAt().toString());
    node.put("endsAt", endsAt.toString());
    node.put("generatorURL", a.getGroupLabels().isEmpty() ? generatorUrl(a.getSlo())
        : externalUrl + "/" + SloLinks.path(a.getSlo(), a.getGroupLabels()));
    return node;
  }

  public String generatorUrl(String slo) {
    return externalUrl + "/#slo-" + URLEncoder.encode(slo, StandardCharsets.UTF_8);
  }

  static String summary(SloAlert a) {
    String group = a.getGroupLabels().isEmpty() ? "" : " " + group(a);
    return "SLO " + a.getSlo() + group + " (" + a.getService() + "): " + a.getAlertName() + " " + a.getSeverity();
  }

  /** {@code {operation="GET /a",region=""}}: values quoted, so an empty one reads as empty (its label says {@code _none}). */
  private static String group(SloAlert a) {
    TreeMap<String, String> group = new TreeMap<>(a.getGroupLabels());
    return InstanceKeys.groupPart(List.copyOf(group.keySet()), List.copyOf(group.values()));
  }

  /** One human sentence with every number the record carries. */
  static String description(SloAlert a) {
    StringBuilder d = new StringBuilder("SLO ").append(a.getSlo());
    if (!a.getGroupLabels().isEmpty()) {
      d.append(' ').append(group(a));
    }
    d.append(" of ").append(a.getService()).append(": ");
    if (a.getLongBurnRate() != null || a.getShortBurnRate() != null) {
      d.append("error budget burning ").append(fmtOr(a.getLongBurnRate())).append("x over ")
          .append(orQ(a.getLongWindow())).append(" and ").append(fmtOr(a.getShortBurnRate())).append("x over ")
          .append(orQ(a.getShortWindow()));
      if (a.getFactor() != null) {
        d.append(" (").append(a.getSeverity()).append(" above ").append(fmt(a.getFactor())).append("x)");
      }
    } else if (a.getValue() != null || a.getThreshold() != null) {
      d.append("measured ").append(fmtOr(a.getValue())).append(", threshold ").append(fmtOr(a.getThreshold()));
    } else {
      d.append(a.getAlertName());
    }
    if (a.getBudgetRemaining() != null) {
      d.append("; ").append(fmt(a.getBudgetRemaining() * 100)).append(" % of the error budget left");
    }
    if ("resolved".equals(a.getState())) {
      d.append(" (resolved)");
    }
    return d.toString();
  }

  /** A number as people read it: at most four decimals, no trailing zeros, no exponent. */
  public static String fmt(Double v) {
    if (v == null || !Double.isFinite(v)) {
      return null;
    }
    return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private static String fmtOr(Double v) {
    String s = fmt(v);
    return s == null ? "?" : s;
  }

  private static String orQ(String s) {
    return s == null ? "?" : s;
  }

  private static void putIf(ObjectNode node, String key, String value) {
    if (value != null) {
      node.put(key, value);
    }
  }
}
