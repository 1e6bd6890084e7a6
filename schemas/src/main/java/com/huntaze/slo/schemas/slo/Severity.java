package com.huntaze.slo.schemas.slo;

import java.util.Locale;

public enum Severity {
  PAGE,
  TICKET;

  /** Made once: every evaluation of every SLO instance asks for it. */
  private final String label = name().toLowerCase(Locale.ROOT);

  /** Lower-case label as used in alert labels and metrics ({@code page}, {@code ticket}). */
  public String label() {
    return label;
  }
}
