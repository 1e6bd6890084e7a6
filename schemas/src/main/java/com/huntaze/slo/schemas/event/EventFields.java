package com.huntaze.slo.schemas.event;

/**
 * The names of an event's fields in its JSON form, which are also the field names a {@link Violation}
 * reports, so an error points at exactly what the client sent.
 */
public final class EventFields {
  public static final String SERVICE = "service";
  public static final String OPERATION = "operation";
  public static final String STATUS = "status";
  public static final String LATENCY_MS = "latencyMs";
  public static final String TIMESTAMP = "timestamp";
  public static final String ATTRIBUTES = "attributes";
  public static final String EVENT_ID = "eventId";

  private EventFields() {
  }
}
