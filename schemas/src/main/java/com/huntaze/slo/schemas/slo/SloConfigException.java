package com.huntaze.slo.schemas.slo;

import java.util.List;

/** An slos.yaml that cannot be used; {@link #errors()} says each thing wrong with it and where. */
public final class SloConfigException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<String> errors;

  public SloConfigException(String source, List<String> errors) {
    this(source, errors, List.of());
  }

  /** Errors, and the warnings found alongside them (shown too, so one pass fixes everything). */
  public SloConfigException(String source, List<String> errors, List<String> warnings) {
    super(source + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors") + "\n  - "
        + String.join("\n  - ", errors)
        + (warnings.isEmpty() ? "" : "\n" + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings")
            + "\n  - " + String.join("\n  - ", warnings)));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
