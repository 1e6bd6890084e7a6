package com.huntaze.slo.ingest.otlp;

import com.huntaze.slo.avro.RequestEvent;
import java.util.List;

/**
 * What an OTLP request's spans became: the events to publish, spans skipped on purpose (not a
 * request: client, internal, producer spans) and spans rejected (a request span no event can be made
 * of), with the reasons of the first few rejections for OTLP's {@code partial_success.error_message}.
 */
public record SpanBatch(List<RequestEvent> events, int skipped, int rejected, List<String> problems) {
  /** How many rejection reasons the message lists before it only counts. */
  static final int LISTED_PROBLEMS = 10;

  public SpanBatch {
    events = List.copyOf(events);
    problems = List.copyOf(problems);
  }

  /** The partial-success message, empty when no span was rejected. */
  public String errorMessage() {
    if (rejected == 0) {
      return "";
    }
    String listed = String.join("; ", problems.subList(0, Math.min(LISTED_PROBLEMS, problems.size())));
    int more = rejected - Math.min(LISTED_PROBLEMS, problems.size());
    return rejected + " span(s) rejected: " + listed + (more > 0 ? "; and " + more + " more" : "");
  }
}
