package com.huntaze.slo.ingest.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The value rules every event obeys, whatever format it arrived in (JSON or Avro). Each check
 * returns {@code null} when the value is fine, else the reason in words.
 */
public final class EventRules {
  private final EventLimits limits;

  public EventRules(EventLimits limits) {
    this.limits = limits;
  }

  public EventLimits limits() {
    return limits;
  }

  /**
   * All value checks for one event whose types are already right; a null value (missing or of the
   * wrong type, reported elsewhere) is skipped, so one answer lists every problem of the event. Adds a
   * violation per bad field to {@code out}; returns whether the event passed.
   */
  public boolean validate(int index, String service, String operation, Long status, Double latencyMs,
      Instant eventTime, Instant receivedAt, Map<String, String> attributes, String eventId, List<Violation> out) {
    int before = out.size();
    if (service != null) {
      add(out, index, "service", checkService(service));
    }
    if (operation != null) {
      add(out, index, "operation", checkOperation(operation));
    }
    if (status != null) {
      add(out, index, "status", checkStatus(status));
    }
    if (latencyMs != null) {
      add(out, index, "latencyMs", checkLatency(latencyMs));
    }
    if (eventTime != null) {
      add(out, index, "timestamp", checkEventTime(eventTime, receivedAt));
    }
    if (attributes != null) {
      out.addAll(checkAttributes(index, attributes));
    }
    if (eventId != null) {
      add(out, index, "eventId", checkEventId(eventId));
    }
    return out.size() == before;
  }

  private static void add(List<Violation> out, int index, String field, String reason) {
    if (reason != null) {
      out.add(new Violation(index, field, reason));
    }
  }

  public String checkService(String service) {
    return checkName(service, limits.maxServiceLength());
  }

  public String checkOperation(String operation) {
    return checkName(operation, limits.maxOperationLength());
  }

  public String checkEventId(String eventId) {
    if (eventId.length() > limits.maxEventIdLength()) {
      return "longer than " + limits.maxEventIdLength() + " characters (got " + eventId.length() + ")";
    }
    return null;
  }

  public static String checkStatus(long status) {
    if (status < 100 || status > 599) {
      return "must be an HTTP status between 100 and 599 (got " + status + ")";
    }
    return null;
  }

  public static String checkLatency(double latencyMs) {
    if (!Double.isFinite(latencyMs)) {
      return "must be a finite number of milliseconds (got " + latencyMs + ")";
    }
    if (latencyMs < 0) {
      return "must be >= 0 (got " + latencyMs + ")";
    }
    return null;
  }

  public String checkEventTime(Instant eventTime, Instant receivedAt) {
    if (eventTime.isBefore(limits.earliestEventTime())) {
      return "is before " + limits.earliestEventTime() + " (got " + eventTime
          + "); epoch seconds sent where milliseconds are expected?";
    }
    Duration ahead = Duration.between(receivedAt, eventTime);
    if (ahead.compareTo(limits.maxFutureSkew()) > 0) {
      return "is " + human(ahead) + " in the future (got " + eventTime + ", allowed clock skew "
          + human(limits.maxFutureSkew()) + ")";
    }
    return null;
  }

  /** Checks the attribute map as a whole; returns violations with field {@code attributes[.key]}. */
  public List<Violation> checkAttributes(int index, Map<String, String> attributes) {
    if (attributes.isEmpty()) {
      return List.of();
    }
    java.util.ArrayList<Violation> out = new java.util.ArrayList<>(0);
    if (attributes.size() > limits.maxAttributes()) {
      out.add(new Violation(index, "attributes", "more than " + limits.maxAttributes()
          + " attributes (got " + attributes.size() + ")"));
    }
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      String key = e.getKey();
      String field = "attributes." + abbreviate(key);
      if (key.isEmpty()) {
        out.add(new Violation(index, "attributes", "attribute name must not be empty"));
      } else if (key.length() > limits.maxAttributeKeyLength()) {
        out.add(new Violation(index, field, "attribute name longer than " + limits.maxAttributeKeyLength()
            + " characters (got " + key.length() + ")"));
      }
      String value = e.getValue();
      if (value == null) {
        out.add(new Violation(index, field, "must be a string (got null)"));
      } else if (value.length() > limits.maxAttributeValueLength()) {
        out.add(new Violation(index, field, "longer than " + limits.maxAttributeValueLength()
            + " characters (got " + value.length() + ")"));
      }
    }
    return out;
  }

  private static String checkName(String value, int maxLength) {
    if (value.isBlank()) {
      return "must not be blank";
    }
    if (value.length() > maxLength) {
      return "longer than " + maxLength + " characters (got " + value.length() + ")";
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return "must not contain control characters (found U+"
            + String.format(java.util.Locale.ROOT, "%04X", (int) value.charAt(i)) + " at position " + i + ")";
      }
    }
    return null;
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s % 86_400 == 0 && s >= 86_400) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0 && s >= 3600) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0 && s >= 60) {
      return s / 60 + "m";
    }
    return s >= 1 ? s + "s" : d.toMillis() + "ms";
  }
}
