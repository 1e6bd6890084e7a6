package com.huntaze.slo.schemas.slo;

import java.util.Locale;

public enum Severity {
  PAGE,
  TICKET;

  /** Lower-case label as used in alert labels and metrics ({@code page}, {@code ticket}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
