package com.huntaze.slo.ingest.otlp;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which spans become request events and what they carry besides the fixed fields.
 *
 * @param kinds span kinds that stand for one handled request: SERVER by default; CONSUMER for
 *     services whose "requests" are messages
 * @param attributes span (else resource) attributes copied into the event's attributes under the
 *     same name, e.g. {@code deployment.environment}, so grouped SLOs can use them
 */
public record OtlpSettings(Set<SpanKind> kinds, List<String> attributes) {
  public static final OtlpSettings DEFAULTS = new OtlpSettings(Set.of(SpanKind.SPAN_KIND_SERVER), List.of());

  public OtlpSettings {
    kinds = Set.copyOf(kinds);
    attributes = List.copyOf(attributes);
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("OTLP span kinds must not be empty (use server, consumer or both)");
    }
  }

  /** {@code "server"}, {@code "consumer"} or {@code "server,consumer"}, as on the command line. */
  public static Set<SpanKind> parseKinds(String names) {
    return java.util.Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .map(s -> switch (s.toLowerCase(Locale.ROOT)) {
          case "server" -> SpanKind.SPAN_KIND_SERVER;
          case "consumer" -> SpanKind.SPAN_KIND_CONSUMER;
          default -> throw new IllegalArgumentException("OTLP span kind '" + s
              + "' cannot stand for a handled request: use server, consumer or both (server,consumer)");
        })
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }
}
