package com.huntaze.slo.ingest.gateway;

/** Events could not be confirmed: the gateway answers 503 and the client should retry later. */
public final class PublishException extends RuntimeException {
  private final boolean overloaded;

  public PublishException(String message, boolean overloaded, Throwable cause) {
    super(message, cause);
    this.overloaded = overloaded;
  }

  /** True when the gateway refused before sending anything (too many events waiting for Kafka). */
  public boolean overloaded() {
    return overloaded;
  }
}
