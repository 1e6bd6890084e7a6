package com.huntaze.slo.schemas.event;

/**
 * One reason an event was refused: which event of the request ({@code index}, 0-based; -1 when the
 * body as a whole is unreadable), which field ({@code "attributes.region"}; {@code "$"} for the
 * event itself) and why, in words a client developer can act on.
 */
public record Violation(int index, String field, String reason) {
  public static final int WHOLE_BODY = -1;

  @Override
  public String toString() {
    return (index == WHOLE_BODY ? "body" : "event " + index) + ": " + field + ": " + reason;
  }
}
