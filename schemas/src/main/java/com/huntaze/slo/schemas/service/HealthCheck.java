package com.huntaze.slo.schemas.service;

/**
 * One question a service answers about itself ("is the loop alive?", "can a request succeed now?").
 * Services implement it over whatever they watch; {@link HealthServlet} turns two of them into the
 * health endpoints every service serves alike.
 */
@FunctionalInterface
public interface HealthCheck {
  HealthCheck ALWAYS = () -> null;

  /** Why the answer is no, in words for an operator; null when all is well. */
  String problem();
}
