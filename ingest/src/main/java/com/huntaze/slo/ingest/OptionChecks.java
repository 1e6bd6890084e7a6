package com.huntaze.slo.ingest;

/** The commands' refusal of an option's value: {@link Main} prints the message on one line and exits 2. */
public final class OptionChecks {
  private OptionChecks() {
  }

  /** Refuses with {@code message} (which names the option) unless {@code ok}. */
  public static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
