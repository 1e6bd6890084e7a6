package com.huntaze.slo.ingest.otlp;

import com.huntaze.slo.schemas.event.EventRules;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP facts of a span, read in one pass over its attributes, under the current
 * semantic-convention names and the older ones still sent by many instrumentations (Next.js among
 * them): the current name wins where a span carries both.
 */
record HttpAttributes(String method, String route, String path, Long status, String statusProblem) {
  static final String METHOD = "http.request.method";
  static final String OLD_METHOD = "http.method";
  static final String ROUTE = "http.route";
  static final String STATUS = "http.response.status_code";
  static final String OLD_STATUS = "http.status_code";
  static final String PATH = "url.path";
  static final String OLD_TARGET = "http.target";

  static HttpAttributes of(List<KeyValue> attributes) {
    String method = null;
    String oldMethod = null;
    String route = null;
    String path = null;
    String oldTarget = null;
    AnyValue status = null;
    AnyValue oldStatus = null;
    for (KeyValue kv : attributes) {
      switch (kv.getKey()) {
        case METHOD -> method = SpanEvents.text(kv.getValue());
        case OLD_METHOD -> oldMethod = SpanEvents.text(kv.getValue());
        case ROUTE -> route = SpanEvents.text(kv.getValue());
        case PATH -> path = SpanEvents.text(kv.getValue());
        case OLD_TARGET -> oldTarget = SpanEvents.text(kv.getValue());
        case STATUS -> status = kv.getValue();
        case OLD_STATUS -> oldStatus = kv.getValue();
        default -> { }
      }
    }
    String statusName = status != null ? STATUS : OLD_STATUS;
    AnyValue statusValue = status != null ? status : oldStatus;
    Long number = status(statusValue);
    String problem = statusValue != null && number == null
        ? statusName + ": not an HTTP status code (got " + describe(statusValue) + ")" : null;
    return new HttpAttributes(method != null ? method : oldMethod, blankToNull(route),
        path != null ? path : withoutQuery(oldTarget), number, problem);
  }

  /**
   * {@code METHOD route} when the span has a route; else its name, unless the name is only the
   * method (what the conventions prescribe for a server span without a route), where the path is the
   * best there is.
   */
  String operation(String spanName) {
    if (route != null) {
      return method == null ? route : method + " " + route;
    }
    if (method != null && path != null && (spanName.isBlank() || spanName.equals(method))) {
      return method + " " + path;
    }
    return spanName;
  }

  /**
   * The status as a number: an int, a string of digits, or a double without a fraction (503.0: some
   * senders make every number a double). Null for anything else, which the span is rejected for
   * ({@link #statusProblem}) rather than counted with a guessed status.
   */
  private static Long status(AnyValue value) {
    if (value == null) {
      return null;
    }
    if (value.getValueCase() == AnyValue.ValueCase.DOUBLE_VALUE) {
      double d = value.getDoubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? (long) d : null;
    }
    if (value.getValueCase() != AnyValue.ValueCase.INT_VALUE && value.getValueCase() != AnyValue.ValueCase.STRING_VALUE) {
      return null;
    }
    try {
      return Long.parseLong(SpanEvents.text(value).strip());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static String describe(AnyValue value) {
    String text = SpanEvents.text(value);
    return text == null ? "an OTLP " + value.getValueCase().name().toLowerCase(Locale.ROOT).replace("_value", "") + " value"
        : value.getValueCase() == AnyValue.ValueCase.STRING_VALUE ? "'" + EventRules.abbreviate(text) + "'" : text;
  }

  private static String withoutQuery(String target) {
    if (target == null) {
      return null;
    }
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
