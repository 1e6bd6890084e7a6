package com.huntaze.slo.ingest.events;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.schemas.event.Violation;
import java.util.List;

/**
 * What a request body held: the events, or why it was refused. A body with any violation yields no
 * events at all, so that nothing of a rejected request can be published by mistake.
 */
public record Decoded(List<RequestEvent> events, List<Violation> violations, int eventCount) {

  public static Decoded ok(List<RequestEvent> events) {
    return new Decoded(List.copyOf(events), List.of(), events.size());
  }

  /** {@code eventCount}: how many events the body held (valid or not), for metrics. */
  public static Decoded rejected(List<Violation> violations, int eventCount) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs at least one violation");
    }
    return new Decoded(List.of(), List.copyOf(violations), eventCount);
  }

  public boolean isValid() {
    return violations.isEmpty();
  }

  /** Distinct event indexes with at least one violation. */
  public long invalidEventCount() {
    return violations.stream().mapToInt(Violation::index).distinct().count();
  }
}
