package com.huntaze.slo.schemas.event;

import static com.huntaze.slo.schemas.event.EventLimits.EARLIEST_EVENT_TIME;
import static com.huntaze.slo.schemas.event.EventLimits.MAX_ATTRIBUTES;
import static com.huntaze.slo.schemas.event.EventLimits.MAX_ATTRIBUTE_KEY_LENGTH;
import static com.huntaze.slo.schemas.event.EventLimits.MAX_ATTRIBUTE_VALUE_LENGTH;
import static com.huntaze.slo.schemas.event.EventLimits.MAX_EVENT_ID_LENGTH;
import static com.huntaze.slo.schemas.event.EventLimits.MAX_OPERATION_LENGTH;
import static com.huntaze.slo.schemas.event.EventLimits.MAX_SERVICE_LENGTH;
import static com.huntaze.slo.schemas.event.EventLimits.MAX_STATUS;
import static com.huntaze.slo.schemas.event.EventLimits.MIN_STATUS;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.slo.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The value rules every event obeys, wherever it is checked: the gateway's readers (JSON and Avro),
 * the Java emitter before it queues, the processor before it counts, and the SLO loader for the
 * service an SLO names. Each check returns {@code null} when the value is fine, else the reason in
 * words. The only setting is how far in the future an event may be, since that depends on clocks.
 */
public final class EventRules {
  private static final String INVALID = "invalid event: ";

  private final Duration maxFutureSkew;

  public EventRules(Duration maxFutureSkew) {
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("maxFutureSkew must not be negative (got " + maxFutureSkew + ")");
    }
    this.maxFutureSkew = maxFutureSkew;
  }

  public static EventRules defaults() {
    return new EventRules(EventLimits.DEFAULT_MAX_FUTURE_SKEW);
  }

  public Duration maxFutureSkew() {
    return maxFutureSkew;
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
      add(out, index, EventFields.SERVICE, checkService(service));
    }
    if (operation != null) {
      add(out, index, EventFields.OPERATION, checkOperation(operation));
    }
    if (status != null) {
      add(out, index, EventFields.STATUS, checkStatus(status));
    }
    if (latencyMs != null) {
      add(out, index, EventFields.LATENCY_MS, checkLatency(latencyMs));
    }
    if (eventTime != null) {
      add(out, index, EventFields.TIMESTAMP, checkEventTime(eventTime, receivedAt));
    }
    if (attributes != null) {
      checkAttributes(index, attributes, out);
      checkAttributeCharacters(index, attributes, out);
    }
    if (eventId != null) {
      add(out, index, EventFields.EVENT_ID, checkEventId(eventId));
    }
    return out.size() == before;
  }

  /**
   * The first rule a decoded event breaks, as {@code "invalid event: <field>: <reason>"}, or null.
   * Everything but the timestamp, whose bounds depend on a clock: for a consumer such as the
   * processor, how late or early an event may be is its own policy. Allocates nothing for a valid
   * event without attributes, so it can run on every record.
   */
  public static String firstViolation(RequestEvent e) {
    String problem = invalid(EventFields.SERVICE, checkService(e.getService()));
    if (problem == null) {
      problem = invalid(EventFields.OPERATION, checkOperation(e.getOperation()));
    }
    if (problem == null) {
      problem = invalid(EventFields.STATUS, checkStatus(e.getStatus()));
    }
    if (problem == null) {
      problem = invalid(EventFields.LATENCY_MS, checkLatency(e.getLatencyMs()));
    }
    if (problem == null && e.getEventId() != null) {
      problem = invalid(EventFields.EVENT_ID, checkEventId(e.getEventId()));
    }
    if (problem == null && e.getAttributes() != null && !e.getAttributes().isEmpty()) {
      List<Violation> out = new ArrayList<>(0);
      checkAttributes(0, e.getAttributes(), out);
      problem = first(out);
    }
    return problem;
  }

  /**
   * What a writer checks before it sends (the Java emitter): {@link #firstViolation(RequestEvent)}, no
   * control characters in attributes, and the timestamp's bounds against {@code now}.
   */
  public String firstViolation(RequestEvent e, Instant now) {
    String problem = firstViolation(e);
    if (problem == null && e.getAttributes() != null && !e.getAttributes().isEmpty()) {
      List<Violation> out = new ArrayList<>(0);
      checkAttributeCharacters(0, e.getAttributes(), out);
      problem = first(out);
    }
    return problem != null ? problem : invalid(EventFields.TIMESTAMP, checkEventTime(e.getEventTime(), now));
  }

  /** The first of the violations found, as {@link #invalid} says it; null for none. */
  private static String first(List<Violation> found) {
    return found.isEmpty() ? null : invalid(found.get(0).field(), found.get(0).reason());
  }

  private static String invalid(String field, String reason) {
    return reason == null ? null : INVALID + field + ": " + reason;
  }

  private static void add(List<Violation> out, int index, String field, String reason) {
    if (reason != null) {
      out.add(new Violation(index, field, reason));
    }
  }

  public static String checkService(String service) {
    return checkName(service, MAX_SERVICE_LENGTH);
  }

  public static String checkOperation(String operation) {
    return checkName(operation, MAX_OPERATION_LENGTH);
  }

  public static String checkEventId(String eventId) {
    return checkLength(eventId, MAX_EVENT_ID_LENGTH);
  }

  public static String checkStatus(long status) {
    return status < MIN_STATUS || status > MAX_STATUS ? statusOutOfRange(String.valueOf(status)) : null;
  }

  /** Why a status is refused, with {@code got} as the client wrote it: it may not even fit a long. */
  public static String statusOutOfRange(String got) {
    return "must be an HTTP status between " + MIN_STATUS + " and " + MAX_STATUS + " (got " + got + ")";
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

  public String checkEventTime(Instant eventTime, Instant now) {
    Objects.requireNonNull(eventTime, "eventTime");
    if (eventTime.isBefore(EARLIEST_EVENT_TIME)) {
      // Epoch seconds up to the year 2286 read as milliseconds land before 1970-04-27: only then the hint,
      // not for an ISO time such as 1999-12-31 that was meant as written.
      boolean likeEpochSeconds = eventTime.toEpochMilli() >= 0 && eventTime.toEpochMilli() < 10_000_000_000L;
      return "is before " + EARLIEST_EVENT_TIME + " (got " + eventTime + ")"
          + (likeEpochSeconds ? "; epoch seconds sent where milliseconds are expected?" : "");
    }
    Duration ahead = Duration.between(now, eventTime);
    if (ahead.compareTo(maxFutureSkew) > 0) {
      Duration shown = ahead.truncatedTo(ahead.toSeconds() >= 1 ? ChronoUnit.SECONDS : ChronoUnit.MILLIS);
      return "is " + Durations.format(shown) + " in the future (got " + eventTime + ", allowed clock skew "
          + Durations.format(maxFutureSkew) + ")";
    }
    return null;
  }

  /** Checks the attribute map as a whole; adds violations with field {@code attributes[.key]}. */
  public static void checkAttributes(int index, Map<String, String> attributes, List<Violation> out) {
    if (attributes.size() > MAX_ATTRIBUTES) {
      out.add(new Violation(index, EventFields.ATTRIBUTES, "more than " + MAX_ATTRIBUTES
          + " attributes (got " + attributes.size() + ")"));
    }
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      String key = e.getKey();
      String field = EventFields.ATTRIBUTES + "." + abbreviate(key);
      if (key.isEmpty()) {
        out.add(new Violation(index, EventFields.ATTRIBUTES, "attribute name must not be empty"));
      } else {
        String problem = checkLength(key, MAX_ATTRIBUTE_KEY_LENGTH);
        add(out, index, field, problem == null ? null : "attribute name " + problem);
      }
      String value = e.getValue();
      if (value == null) {
        out.add(new Violation(index, field, "must be a string (got null)"));
      } else {
        add(out, index, field, checkLength(value, MAX_ATTRIBUTE_VALUE_LENGTH));
      }
    }
  }

  /**
   * Attribute names and values become Prometheus label values, Alertmanager labels and status-page
   * text, where a tab, a NUL or an escape sequence is invisible or breaks the output: refused where
   * events enter (gateway, emitter), as in service and operation. Not part of {@link
   * #firstViolation(RequestEvent)}: events already accepted before this rule keep counting in a replay.
   */
  public static void checkAttributeCharacters(int index, Map<String, String> attributes, List<Violation> out) {
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      String field = EventFields.ATTRIBUTES + "." + abbreviate(e.getKey());
      String inName = controlCharacter(e.getKey());
      add(out, index, field, inName == null ? null : "attribute name " + inName);
      add(out, index, field, e.getValue() == null ? null : controlCharacter(e.getValue()));
    }
  }

  private static String controlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return "must not contain control characters (found U+"
            + String.format(Locale.ROOT, "%04X", (int) value.charAt(i)) + " at position " + i + ")";
      }
    }
    return null;
  }

  private static String checkName(String value, int maxLength) {
    if (value.isBlank()) {
      return "must not be blank";
    }
    String length = checkLength(value, maxLength);
    if (length != null) {
      return length;
    }
    return controlCharacter(value);
  }

  /**
   * Characters are Unicode characters (code points), as a reader counts them: an emoji is one, not
   * two UTF-16 units. Half of a surrogate pair is refused: UTF-8 cannot carry it, so what is
   * stored would differ from what was sent.
   */
  private static String checkLength(String value, int maxLength) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "is not valid Unicode (an unpaired surrogate U+" + String.format(Locale.ROOT, "%04X", (int) c)
            + " at position " + i + ")";
      }
    }
    int characters = value.codePointCount(0, value.length());
    return characters > maxLength ? "longer than " + maxLength + " characters (got " + characters + ")" : null;
  }

  /** A client-chosen name shortened to 40 characters for an error message, so a huge key cannot blow up the answer. */
  public static String abbreviate(String s) {
    int end = 0; // 40 characters, never half an emoji's surrogate pair (and never counting a huge key to its end)
    for (int i = 0; i < 40 && end < s.length(); i++) {
      end += Character.charCount(s.codePointAt(end));
    }
    return end >= s.length() ? s : s.substring(0, end) + "...";
  }
}
