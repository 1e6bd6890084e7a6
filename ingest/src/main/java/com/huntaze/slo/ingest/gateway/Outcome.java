package com.huntaze.slo.ingest.gateway;

import java.util.Locale;

/** How the gateway answered a request: the HTTP status and the {@code outcome} metric label. */
public enum Outcome {
  ACCEPTED(202),
  INVALID(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  OVERLOADED(503),
  UNAVAILABLE(503);

  private final int status;

  Outcome(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
